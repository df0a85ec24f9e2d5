"""The code raises codes; only the catalogue words them. Read from the source, so that a code
added without its sentences, or a sentence written back into the domain, fails here first."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import shomei_enrollment
from shomei_enrollment.entrypoints.messages import CATALOGUE, SENTENCES
from shomei_shared.errors import Violation

PACKAGE = Path(shomei_enrollment.__file__).parent
WORDLESS = ("domain", "service_layer")  # codes, fields and params only
# Kana, kanji, Japanese punctuation and full-width forms, as written in the source file (so a
# regex written with \u escapes is not mistaken for a sentence).
JAPANESE = re.compile("[\u3001-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff01-\uffef]")
# Japanese that is data, not a message: the values input is matched against, and kana tables.
DATA_TABLES = {"PREFECTURES", "STATUS_LABELS_JA", "DOCUMENT_LABELS_JA", "_SMALL_TO_LARGE_KANA",
               "_IGNORED_IN_KANA_KEYS",
               # the registrar's vocabulary: programmes, degrees and grades as certificates print them
               "PROGRAMME_NAMES_JA", "DEGREES", "GRADE_POINTS", "UNGRADED_PASSES"}
ERROR_KINDS = {"InvalidInput", "NotFound", "NotPermitted", "Conflict", "CredentialsRefused", "TooManyAttempts"}
CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Raised:
    code: str
    params: frozenset[str]
    where: str


def sources(*folders: str) -> Iterator[tuple[Path, str, ast.Module]]:
    roots = [PACKAGE / folder for folder in folders] or [PACKAGE]
    for path in sorted(p for root in roots for p in root.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        yield path, text, ast.parse(text)


def _makes_a_violation(call: ast.Call) -> bool:
    """`Kind.one(code, …)`, `problems.add(code, …)` or `Violation(code, …)`; other `.add`/`.one`
    calls (a unit of work's, SQLAlchemy's) are told apart by their receiver."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id == "Violation"
    if not isinstance(func, ast.Attribute) or not isinstance(func.value, ast.Name):
        return False
    return (func.attr == "one" and func.value.id in ERROR_KINDS) or (func.attr == "add" and func.value.id == "problems")


def _params(call: ast.Call) -> frozenset[str]:
    names = {k.arg for k in call.keywords if k.arg}
    if isinstance(call.func, ast.Name) and len(call.args) > 2 and isinstance(call.args[2], ast.Dict):
        names |= {k.value for k in call.args[2].keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}
    return frozenset(names)


def raised() -> list[Raised]:
    found = []
    for path, _text, tree in sources():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            if isinstance(node.func, ast.Attribute) and node.func.attr == "required" and not node.keywords:
                found.append(Raised("required", frozenset(), where))
            elif _makes_a_violation(node):
                first = node.args[0] if node.args else None
                # A code built at run time would slip past this test: codes are written out.
                assert isinstance(first, ast.Constant) and isinstance(first.value, str), f"{where}: code not literal"
                found.append(Raised(first.value, _params(node), where))
    return found


def template(code: str, language: str) -> str:
    # Without params a template that has placeholders cannot be filled, and comes back as written.
    return CATALOGUE.sentence(Violation(code), language)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scan_sees_every_layer() -> None:
    codes = {r.code for r in raised()}
    assert {"required", "postal_code_format", "department_not_listed", "application_not_found",
            "csv_columns_missing", "image_format", "csv_file_required"} <= codes
    assert len(codes) >= 40


@pytest.mark.parametrize("found", raised(), ids=lambda r: f"{r.code}@{r.where}")
def test_every_code_raised_has_its_sentences_and_the_params_they_need(found: Raised) -> None:
    assert CODE.match(found.code), f"{found.where}: {found.code!r} is not a code"
    assert found.code in CATALOGUE, f"{found.where}: no sentences for {found.code}"
    ja, en = template(found.code, "ja"), template(found.code, "en")
    assert JAPANESE.search(ja) and ja != en
    assert placeholders(ja) == placeholders(en) <= found.params, found.where


def test_every_sentence_of_enrollment_is_raised_somewhere() -> None:
    assert set(SENTENCES) - {r.code for r in raised()} == set()


def _string_literal(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)) or isinstance(node, ast.JoinedStr)


def _exempt(tree: ast.Module) -> set[int]:
    """Docstrings, and what module-level data tables hold."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and ast.get_docstring(node, clean=False):
            exempt.add(id(node.body[0].value))  # type: ignore[attr-defined]
    for statement in tree.body:
        targets = (statement.targets if isinstance(statement, ast.Assign)
                   else [statement.target] if isinstance(statement, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id in DATA_TABLES for t in targets):
            exempt.update(id(n) for n in ast.walk(statement))
    return exempt


def test_no_japanese_in_domain_or_service_layer_strings() -> None:
    """Comments and docstrings may use the manual's terms (申請, 学籍); strings may not speak."""
    speaking = []
    for path, text, tree in sources(*WORDLESS):
        exempt = _exempt(tree)
        for node in ast.walk(tree):
            segment = ast.get_source_segment(text, node) if _string_literal(node) and id(node) not in exempt else None
            if segment and JAPANESE.search(segment):
                speaking.append(f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', '?')}: {segment}")
    assert speaking == []
