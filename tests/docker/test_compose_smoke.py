"""docker-compose.yml, proven with a real Docker engine (issue 11; docs/adr/0038-images-and-compose.md).

The project's own dockerd (shomei_devtools.docker_engine: data root and socket under .local/docker)
builds a Debian bookworm base image with debootstrap, every Shomei image from it through
BASE_IMAGE, and PostgreSQL, Kafka and Redis images the same way (tests/docker/images/, used
through tests/docker/docker-compose.local-images.yml since nothing can be pulled here). Compose,
driven by testcontainers, brings the whole suite up on free host ports; the test then walks the
registration journey over HTTP (address → mail in the mailbox → the one-time URL → terms → the
applicant form with an ID image → 申請), the seeded staff member's sign-in (password and TOTP)
and approval in the console, and the graduate's first login with the mailed initial password,
and tears everything down.

Where no engine can be started the test fails and says why: it never skips.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import secrets
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pyotp
import pytest
import requests
from PIL import Image
from testcontainers.compose import DockerCompose

from shomei_devtools.config import service_names
from shomei_devtools.docker_engine import EngineUnavailable, LocalDockerEngine
from shomei_devtools.kafka import classpath_dir
from shomei_devtools.paths import project_root
from shomei_devtools.process import free_port, wait_until

ROOT = project_root()
HERE = Path(__file__).parent
OVERRIDE = HERE / "docker-compose.local-images.yml"
# The host ports compose publishes (docker-compose.yml: `make run`'s by default), moved to free ones.
PUBLISHED = ("PG", "REDIS", "MAILBOX_SMTP", "MAILBOX_HTTP", "PAYPAL", "SMARTPIT", "NETPRINT", "SHARPPRINT",
             "IDENTITY", "ENROLLMENT", "NOTIFIER", "ORDERING", "PAYMENT", "PRINT_GATEWAY", "GATEWAY", "ADMIN")
GRADUATE = "smoke.graduate@example.jp"
COMING_UP_S = 900  # the gateway and the console answering once compose is up (a loaded machine)


@pytest.fixture(scope="module")
def engine() -> Iterator[LocalDockerEngine]:
    local = LocalDockerEngine()
    try:
        local.start()
    except EngineUnavailable as error:
        pytest.fail(f"no Docker engine could be started here, so docker-compose.yml is unproven: {error}")
    yield local
    local.stop()


def build_images(engine: LocalDockerEngine, env: dict[str, str]) -> None:
    base = env["BASE_IMAGE"]
    for name in ("postgres", "redis"):
        engine.build(f"shomei-local/{name}", HERE / "images" / name, base=base)
    engine.build("shomei-local/kafka", classpath_dir(), base=base, dockerfile=HERE / "images" / "kafka" / "Dockerfile")
    # Shomei's own images exactly as `docker compose build` makes them (one per service, and the
    # simulators image the `secrets` step uses).
    built = subprocess.run(["docker-compose", "-f", "docker-compose.yml", "-f", str(OVERRIDE), "build", "-q",
                            "secrets", *service_names()], cwd=ROOT, env=env, capture_output=True, text=True)
    assert built.returncode == 0, f"docker-compose build failed:\n{(built.stdout + built.stderr)[-6000:]}"


@dataclass
class Suite:
    compose: DockerCompose
    ports: dict[str, str]

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[f'SHOMEI_{name.upper()}_PORT']}"

    def staff(self) -> dict[str, str]:
        """What compose's seed-staff step printed (demo-univ's staff member, password, TOTP secret)."""
        def printed() -> bool:
            return "totp_secret=" in self.compose.get_logs("seed-staff")[0]

        wait_until(printed, timeout=300, what="seed-staff", interval=2)
        return dict(re.findall(r"\b(email|password|totp_secret)=(\S+)", self.compose.get_logs("seed-staff")[0]))


@pytest.fixture(scope="module")
def suite(engine: LocalDockerEngine, tmp_path_factory: pytest.TempPathFactory,
          monkeypatch_module: pytest.MonkeyPatch) -> Iterator[Suite]:
    env_file = tmp_path_factory.mktemp("compose") / ".env"
    env_file.write_text(f"POSTGRES_PASSWORD={secrets.token_urlsafe(24)}\n")
    settings = {"BASE_IMAGE": engine.base_image(), "COMPOSE_PROJECT_NAME": f"shomei-smoke-{secrets.token_hex(3)}"}
    build_images(engine, {**engine.env(), **settings, "POSTGRES_PASSWORD": "unused-at-build"})
    # The ports are chosen only now, seconds before compose binds them: chosen before a cold build,
    # they would lie free for minutes while other programs on the machine may take one.
    ports = {f"SHOMEI_{name}_PORT": str(free_port()) for name in PUBLISHED}
    settings.update(ports)
    env = {**engine.env(), **settings}
    # testcontainers runs compose with this process's environment: this engine, these ports.
    for name in (*settings, "PATH", "DOCKER_HOST", "DOCKER_BUILDKIT", "COMPOSE_DOCKER_CLI_BUILD", "DOCKER_CONFIG",
                 "TESTCONTAINERS_RYUK_DISABLED"):
        monkeypatch_module.setenv(name, env[name])
    compose = DockerCompose(ROOT, compose_file_name=["docker-compose.yml", str(OVERRIDE)], env_file=str(env_file),
                            wait=False, docker_command_path=str(engine.compose_command()))
    running = Suite(compose, ports)
    try:
        try:
            compose.start()  # `up --detach`: compose itself waits for the health-gated start order
        except subprocess.CalledProcessError as error:
            raise AssertionError(explained(compose, f"docker-compose up failed: {error.stderr!r}")) from None
        for name in ("gateway", "admin"):
            try:
                wait_until(lambda name=name: healthy(running.url(name)), timeout=COMING_UP_S, what=name,
                           interval=2)
            except TimeoutError:
                raise AssertionError(explained(compose, f"{name} did not come up within {COMING_UP_S} s")) from None
        yield running
    finally:
        compose.stop()


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def explained(compose: DockerCompose, cause: str) -> str:
    """Why the suite did not come up, for a CI log that keeps only its last lines: the logs' end
    first, then every container's state, and the cause last."""
    listed = subprocess.run([*compose.compose_command_property, "ps"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "COLUMNS": "200"})  # one line per container
    return (f"compose logs end:\n{compose.get_logs()[0][-6000:]}\n"
            f"containers:\n{listed.stdout}{listed.stderr}\n{cause}")


def healthy(url: str) -> bool:
    with urllib.request.urlopen(url + "/healthz", timeout=3) as response:
        return bool(response.status == 200)


def csrf(page: str) -> str:
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', page)
    assert found, "no CSRF token on the page"
    return found.group(1)


def hidden_inputs(page: str) -> dict[str, str]:
    """Every hidden input of the page's forms (the confirmation screen carries the application)."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", page):
        if 'type="hidden"' in tag and (name := re.search(r'name="([^"]+)"', tag)):
            value = re.search(r'value="([^"]*)"', tag)
            found[html.unescape(name.group(1))] = html.unescape(value.group(1)) if value else ""
    return found


def first_option(page: str, select: str) -> str:
    block = re.search(rf'<select[^>]*name="{select}"[^>]*>(.*?)</select>', page, re.S)
    assert block, f"no select {select}"
    values = [v for v in re.findall(r'<option[^>]*value="([^"]*)"', block.group(1)) if v]
    assert values, f"no choice in {select}"
    return html.unescape(values[0])


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 400), (210, 225, 240)).save(buffer, "JPEG")
    return buffer.getvalue()


def wait_for_mail(mailbox: str, to: str, subject_part: str, body_part: str = "",
                  timeout_s: float = 180) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with urllib.request.urlopen(f"{mailbox}/api/messages?to={to}", timeout=5) as response:
            for mail in json.load(response):
                if subject_part in mail["subject"] and body_part in mail["text_body"]:
                    return dict(mail)
        time.sleep(1)
    raise AssertionError(f"no mail to {to} with {subject_part!r} within {timeout_s:.0f}s")


@pytest.mark.timeout(3600)
def test_a_graduate_registers_is_approved_and_logs_in_against_the_compose_suite(suite: Suite) -> None:
    graduate = requests.Session()
    site = suite.url("gateway") + "/demo-univ"

    start = graduate.get(site + "/register/", timeout=30)
    assert start.status_code == 200
    sent = graduate.post(site + "/register/", timeout=30, data={
        "csrf_token": csrf(start.text), "email": GRADUATE, "email_again": GRADUATE})
    assert sent.status_code == 200 and sent.url.endswith("/register/sent"), sent.url

    # identity → Kafka → notifier → SMTP → the mailbox, all in containers
    mail = wait_for_mail(suite.url("mailbox_http"), GRADUATE, "メールアドレスの確認")
    (url,) = [u for u in mail["urls"] if "/demo-univ/register/verify" in u]
    verify = graduate.get(url, timeout=30)
    assert verify.status_code == 200
    token = re.search(r"token=([^&\s\"']+)", url)
    assert token
    terms = graduate.post(site + "/register/verify", timeout=30,
                          data={"csrf_token": csrf(verify.text), "token": token.group(1)})
    assert terms.status_code == 200 and terms.url.endswith("/register/terms"), terms.url

    # The demo university's staff member, seeded by compose's seed-staff step, signs in with TOTP.
    staff = requests.Session()
    console = suite.url("admin") + "/demo-univ"
    login = staff.get(console + "/login", timeout=30)
    assert login.status_code == 200
    seeded = suite.staff()
    signed_in = staff.post(console + "/login", timeout=30, data={
        "csrf_token": csrf(login.text), "email": seeded["email"], "password": seeded["password"],
        "totp": pyotp.TOTP(seeded["totp_secret"]).now()})
    assert signed_in.status_code == 200 and not signed_in.url.endswith("/login"), signed_in.url

    # The graduate applies (terms, the applicant form with an ID image, confirmation, 申請) ...
    applicant = graduate.post(site + "/register/terms", timeout=30, data={"csrf_token": csrf(terms.text), "agree": "y"})
    assert applicant.url.endswith("/register/applicant"), applicant.url
    confirm = graduate.post(site + "/register/applicant", timeout=60, data={
        "csrf_token": csrf(applicant.text), "name_kanji": "山田 花子", "name_kana": "ヤマダ ハナコ",
        "name_romaji": "yamada hanako", "birth_date": "1992-05-01",
        "department": first_option(applicant.text, "department"), "status": "graduated",
        "postal_code": "5300001", "prefecture": "大阪府", "city": "大阪市北区", "street": "梅田1-1-1",
        "mobile_phone": "090-1234-5678", "id_document_type": "drivers_license"},
        files={"id_front": ("licence.jpg", jpeg(), "image/jpeg")})
    assert confirm.status_code == 200 and "YAMADA HANAKO" in confirm.text, confirm.text[-3000:]
    action = re.search(r'<form method="post" action="([^"]+)"', confirm.text)
    assert action
    received = graduate.post(urljoin(confirm.url, html.unescape(action.group(1))), timeout=60,
                             data=hidden_inputs(confirm.text))
    assert received.status_code == 200, received.text[-2000:]
    wait_for_mail(suite.url("mailbox_http"), GRADUATE, "申請受付")

    # ... staff approve it in the console ...
    queue = staff.get(console + "/", timeout=30).text
    (application,) = set(re.findall(r'/applications/([0-9a-zA-Z-]+)"', queue))
    detail = staff.get(f"{console}/applications/{application}", timeout=30)
    decided = staff.post(f"{console}/applications/{application}", timeout=60, data={
        "csrf_token": csrf(detail.text), "decision": "approve", "student_number": "S2015001", "reason": ""})
    assert decided.status_code == 200 and "承認しました" in decided.text, decided.text[-2000:]

    # ... and the graduate logs in with the mailed initial password and sets both passwords.
    result = wait_for_mail(suite.url("mailbox_http"), GRADUATE, "利用申請結果のお知らせ", "初回パスワード")
    initial = re.search(r"(?:初回|初期)パスワード[：:]\s*(\S+)", result["text_body"])
    assert initial, result["text_body"]
    login_page = graduate.get(suite.url("gateway") + "/demo-univ/login", timeout=30)
    first = graduate.post(suite.url("gateway") + "/demo-univ/login", timeout=30, data={
        "csrf_token": csrf(login_page.text), "email": GRADUATE, "password": initial.group(1), "second_password": ""})
    assert first.status_code == 200, first.text[-2000:]
    menu = graduate.post(first.url, timeout=30, data={
        "csrf_token": csrf(first.text), "password": "Sakura-Spring-2026", "password_again": "Sakura-Spring-2026",
        "second_password": "Second-Hanako-77", "second_password_again": "Second-Hanako-77"})
    assert f"{GRADUATE} でログインしています" in menu.text, menu.text[-2000:]


def test_every_image_runs_as_its_user_without_compilers_and_web_images_check_health(
        suite: Suite, engine: LocalDockerEngine) -> None:
    for image in ["shomei/simulators", *(f"shomei/{name}" for name in service_names())]:
        inspected = json.loads(engine.docker("image", "inspect", image, capture=True).stdout)[0]["Config"]
        assert inspected["User"] == "10001", image
        assert inspected["Entrypoint"] == ["shomei-process"], image
        if image != "shomei/simulators":
            assert inspected["Healthcheck"]["Test"] == ["CMD", "shomei-process", "healthcheck"], image
        found = engine.docker("run", "--rm", "--read-only", "--entrypoint", "sh", image, "-c",
                              "command -v gcc cc c++ make", check=False, capture=True)
        assert found.returncode != 0 and found.stdout == "", f"{image} has a compiler: {found.stdout}"
