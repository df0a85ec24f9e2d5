"""The pinned kustomize is built once and then reused; without Go the error says what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from shomei_devtools import kustomize


def test_a_built_kustomize_is_reused_without_building_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    binary = tmp_path / f"kustomize-{kustomize.VERSION}" / "kustomize"
    binary.parent.mkdir()
    binary.write_text("")
    monkeypatch.setattr(kustomize, "_go", lambda: pytest.fail("no build expected"))
    assert kustomize.ensure_kustomize(tmp_path) == binary


def test_without_go_the_error_names_the_go_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kustomize.shutil, "which", lambda name: None)
    monkeypatch.setattr(kustomize, "GO_FALLBACK", tmp_path / "no-go")
    with pytest.raises(kustomize.KustomizeError, match="needs the go command"):
        kustomize.ensure_kustomize(tmp_path)
