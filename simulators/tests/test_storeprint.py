"""Store-print simulators (netprint, Sharp) over real HTTP, most tests on both.

Each app is served on a free port; a small receiver plays the suite's callback endpoint.
"""

import io
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from flask import Flask, Response, request
from PIL import Image
from pypdf import PdfWriter
from werkzeug.serving import make_server

from shomei_simulators import netprint, sharpprint
from shomei_simulators.storeprint.callbacks import SIGNATURE_HEADER, verify
from shomei_simulators.storeprint.documents import MAX_FILE_BYTES
from shomei_simulators.storeprint.simulator import Settings

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
CALLBACK_SECRET = "test-callback-secret"
NETPRINT_KEY = "test-netprint-key"
SHARP_USER, SHARP_PASSWORD = "shomei-test", "test-sharp-password"


def make_pdf(pages: int = 1, size: tuple[float, float] = A4) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=size[0], height=size[1])
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def in_hours(hours: float) -> str:
    return (datetime.now(UTC) + timedelta(hours=hours)).isoformat()


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join()


@dataclass
class Receiver:
    """The suite's side of the callback: fails the first ``failures`` calls with 500."""

    url: str = ""
    failures: int = 0
    received: list[tuple[dict[str, str], bytes, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> Flask:
        app = Flask("receiver")

        @app.post("/printed")
        def printed() -> Response:
            with self.lock:
                status = 500 if len(self.received) < self.failures else 200
                self.received.append(
                    (dict(request.headers), request.get_data(), status)
                )
            return Response(status=status)

        return app


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    with serving(receiver.app()) as url:
        receiver.url = f"{url}/printed"
        yield receiver


@dataclass
class Provider:
    """One simulator served, and how its API is called: the tests run against both."""

    key: str
    url: str
    data_dir: Path
    number_pattern: str

    def sim(self, path: str) -> Any:
        response = requests.get(f"{self.url}/_sim/{path}", timeout=10)
        response.raise_for_status()
        return response.json()

    def control(self, path: str, body: dict[str, Any] | None = None) -> Any:
        response = requests.post(f"{self.url}/_sim/{path}", json=body or {}, timeout=10)
        response.raise_for_status()
        return response.json()

    def _auth(self, good: bool) -> dict[str, Any]:
        if self.key == "netprint":
            return {"headers": {"X-Api-Key": NETPRINT_KEY if good else "wrong"}}
        return {"auth": (SHARP_USER, SHARP_PASSWORD if good else "wrong")}

    def upload_raw(
        self,
        files: list[bytes],
        color_mode: str | None = "monochrome",
        expires: str | None = None,
        *,
        good_credentials: bool = True,
        timeout: float = 30,
    ) -> requests.Response:
        expiry = expires if expires is not None else in_hours(24)
        form: dict[str, str] = {}
        if color_mode is not None:
            form["color_mode"] = color_mode
        if self.key == "netprint":
            path, form["expires_at"] = "/api/v1/files", expiry
        else:
            path, form["delete_at"] = "/api/v1/orders", expiry
        # The caller's own name for the file: never the name the file is stored under.
        parts = [
            ("file", ("yamada-taro-transcript.pdf", pdf, "application/pdf"))
            for pdf in files
        ]
        return requests.post(
            self.url + path,
            data=form,
            files=parts,
            timeout=timeout,
            **self._auth(good_credentials),
        )

    def upload(
        self, files: list[bytes], color_mode: str = "monochrome", hours: float = 24
    ) -> str:
        """Upload and answer the number the machine takes."""
        response = self.upload_raw(files, color_mode, in_hours(hours))
        assert response.status_code == 201, response.text
        body = response.json()
        return str(
            body["reservation_number"]
            if self.key == "netprint"
            else body["user_number"]
        )

    def _item(self, number: str) -> str:
        return (
            f"/api/v1/files/{number}"
            if self.key == "netprint"
            else f"/api/v1/orders/{number}"
        )

    def status(self, number: str) -> requests.Response:
        return requests.get(
            self.url + self._item(number), timeout=10, **self._auth(True)
        )

    def delete(self, number: str) -> requests.Response:
        return requests.delete(
            self.url + self._item(number), timeout=10, **self._auth(True)
        )


def _app(key: str, settings: Settings) -> Flask:
    if key == "netprint":
        return netprint.create_app(settings, api_key=NETPRINT_KEY)
    return sharpprint.create_app(settings, username=SHARP_USER, password=SHARP_PASSWORD)


@contextmanager
def served_provider(key: str, tmp_path: Path, receiver: Receiver) -> Iterator[Provider]:
    data_dir = tmp_path / key
    settings = Settings(
        data_dir=data_dir, callback_url=receiver.url, callback_secret=CALLBACK_SECRET
    )
    pattern = "[34679ACDEFGHJKMNPQRTUVWXY]{8}" if key == "netprint" else "[0-9]{10}"
    app = _app(key, settings)
    try:
        with serving(app) as url:
            yield Provider(key, url, data_dir, pattern)
    finally:
        # Retries still running would outlive the test and its receiver.
        app.extensions["storeprint"].callbacks.stop()


@pytest.fixture(params=["netprint", "sharpprint"])
def provider(
    request: pytest.FixtureRequest, tmp_path: Path, receiver: Receiver
) -> Iterator[Provider]:
    with served_provider(request.param, tmp_path, receiver) as served:
        yield served


@pytest.fixture
def netprint_sim(tmp_path: Path, receiver: Receiver) -> Iterator[Provider]:
    with served_provider("netprint", tmp_path, receiver) as served:
        yield served


@pytest.fixture
def sharp_sim(tmp_path: Path, receiver: Receiver) -> Iterator[Provider]:
    with served_provider("sharpprint", tmp_path, receiver) as served:
        yield served


def wait_for(condition: Any, what: str, patience: float = 30.0) -> Any:
    """Poll until ``condition()`` is truthy; the deadline only bounds a broken run."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise AssertionError(f"never happened: {what}")


def machine(provider: Provider, number: str) -> requests.Response:
    return requests.get(
        f"{provider.url}/machine/", params={"number": number}, timeout=10
    )


def print_at_machine(
    provider: Provider, number: str, document_id: str
) -> requests.Response:
    return requests.post(
        f"{provider.url}/machine/print/{number}",
        data={"document_id": document_id},
        timeout=30,
    )


def test_numbers_have_the_providers_format(provider: Provider) -> None:
    numbers = {provider.upload([make_pdf()]) for _ in range(5)}
    assert len(numbers) == 5
    for number in numbers:
        assert re.fullmatch(provider.number_pattern, number), number


def test_files_are_kept_under_random_names(provider: Provider) -> None:
    provider.upload([make_pdf()])
    provider.upload([make_pdf(2)])
    names = [p.name for p in provider.data_dir.iterdir()]
    assert len(names) == 2
    for name in names:
        assert re.fullmatch(r"[0-9a-f]{32}\.pdf", name)
        assert "yamada" not in name


def test_sharp_gives_one_user_number_for_a_batch_with_a_delete_at(
    sharp_sim: Provider,
) -> None:
    delete_at = in_hours(30)
    response = sharp_sim.upload_raw(
        [make_pdf(), make_pdf(3), make_pdf()], "color", delete_at
    )
    assert response.status_code == 201
    body = response.json()
    assert re.fullmatch(r"[0-9]{10}", body["user_number"])
    assert body["delete_at"].startswith(delete_at[:16])
    assert [d["pages"] for d in body["documents"]] == [1, 3, 1]
    assert {d["color_mode"] for d in body["documents"]} == {"color"}


def test_netprint_answers_one_number_per_document(netprint_sim: Provider) -> None:
    response = netprint_sim.upload_raw([make_pdf(2)], "color", in_hours(5))
    assert response.status_code == 201
    body = response.json()
    assert re.fullmatch(netprint_sim.number_pattern, body["reservation_number"])
    assert (body["pages"], body["color_mode"], body["paper_size"]) == (2, "color", "A4")
    # Two documents are two uploads and two numbers.
    assert netprint_sim.upload([make_pdf()]) != body["reservation_number"]
    two = netprint_sim.upload_raw([make_pdf(), make_pdf()])
    assert two.json()["error"]["code"] == "one_file_per_upload"


@pytest.mark.parametrize(
    ("content", "color_mode", "expires", "status", "code"),
    [
        pytest.param(
            b"hello, not a pdf", "monochrome", None, 400, "not_pdf", id="not-pdf"
        ),
        pytest.param(
            b"%PDF-1.7\ngarbage", "monochrome", None, 400, "not_pdf", id="broken-pdf"
        ),
        pytest.param(
            make_pdf(size=LETTER), "monochrome", None, 400, "not_a4", id="letter"
        ),
        pytest.param(
            make_pdf(size=(A4[1], A4[0])) + b"",
            "sepia",
            None,
            400,
            "bad_color_mode",
            id="colour",
        ),
        pytest.param(make_pdf(), None, None, 400, "bad_color_mode", id="no-colour"),
        pytest.param(
            make_pdf(), "color", in_hours(-1), 400, "bad_expiry", id="past-expiry"
        ),
        pytest.param(
            make_pdf(), "color", in_hours(24 * 31), 400, "bad_expiry", id="far-expiry"
        ),
        pytest.param(
            make_pdf(),
            "color",
            "2030-01-01T00:00:00",
            400,
            "bad_expiry",
            id="naive-expiry",
        ),
    ],
)
def test_invalid_uploads_are_refused_and_nothing_is_kept(
    provider: Provider,
    content: bytes,
    color_mode: str | None,
    expires: str | None,
    status: int,
    code: str,
) -> None:
    response = provider.upload_raw([content], color_mode, expires)
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    assert provider.sim("uploads") == []
    assert list(provider.data_dir.iterdir()) == []


def test_a_file_over_10_mb_is_refused(provider: Provider) -> None:
    # A valid A4 PDF, padded past the limit after its end marker.
    oversized = make_pdf() + b"%" + b"x" * (MAX_FILE_BYTES + 1)
    response = provider.upload_raw([oversized])
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert provider.upload_raw([make_pdf() + b"%" + b"x" * 1000]).status_code == 201


def test_landscape_a4_is_a4(provider: Provider) -> None:
    assert provider.upload_raw([make_pdf(size=(A4[1], A4[0]))]).status_code == 201


def test_one_bad_file_refuses_the_whole_sharp_batch(sharp_sim: Provider) -> None:
    response = sharp_sim.upload_raw([make_pdf(), make_pdf(size=LETTER)])
    assert response.json()["error"]["code"] == "not_a4"
    assert sharp_sim.sim("uploads") == []


def test_wrong_credentials_are_refused(provider: Provider) -> None:
    response = provider.upload_raw([make_pdf()], good_credentials=False)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorised"


def _documents(provider: Provider, number: str) -> list[dict[str, Any]]:
    body = provider.status(number).json()
    if provider.key == "netprint":
        return [
            {
                "document_id": body["file_id"],
                "pages": body["pages"],
                "print_count": body["print_count"],
            }
        ]
    return list(body["documents"])


def test_the_machine_shows_documents_and_price_prints_and_calls_back(
    provider: Provider, receiver: Receiver
) -> None:
    receiver.failures = 2
    number = provider.upload([make_pdf(2)], "color")
    [document] = _documents(provider, number)

    # People type in lower case, with spaces or hyphens: the machine takes it.
    typed = number.lower()[:4] + " " + number.lower()[4:]
    page = machine(provider, typed)
    assert page.status_code == 200
    assert number in page.text
    assert "120円" in page.text  # 2 colour pages at 60 yen
    assert "<script" not in page.text
    assert (
        "JST" in page.text
    )  # the deadline in the time people at a Japanese store read

    printed = print_at_machine(provider, number, document["document_id"])
    assert printed.status_code == 200  # after the 303 to the printed page
    images = re.findall(r'src="([^"]+\.png)"', printed.text)
    assert len(images) == 2
    for source in images:
        png = requests.get(provider.url + source, timeout=30)
        assert png.headers["Content-Type"] == "image/png"
        width, height = Image.open(io.BytesIO(png.content)).size
        assert abs(width / height - A4[0] / A4[1]) < 0.01

    [delivery] = wait_for(
        lambda: [d for d in provider.sim("callbacks") if d["delivered"]],
        "the callback delivered",
    )
    assert [a["status"] for a in delivery["attempts"]] == [500, 500, 200]
    payload = delivery["payload"]
    assert (payload["event"], payload["provider"], payload["number"]) == (
        "printed",
        provider.key,
        number,
    )
    assert (
        payload["document_id"],
        payload["pages"],
        payload["copy"],
        payload["price_yen"],
    ) == (
        document["document_id"],
        2,
        1,
        120,
    )
    assert len(receiver.received) == 3
    for headers, body, _ in receiver.received:
        assert verify(CALLBACK_SECRET, headers[SIGNATURE_HEADER], body)
        assert not verify("another-secret", headers[SIGNATURE_HEADER], body)
    assert _documents(provider, number)[0]["print_count"] == 1

    # Printing again, as a real machine allows, is another copy.
    print_at_machine(provider, number, document["document_id"])

    def delivered_copies() -> list[int]:
        return sorted(
            d["payload"]["copy"] for d in provider.sim("callbacks") if d["delivered"]
        )

    wait_for(
        lambda: delivered_copies() == [1, 2], "the second copy's callback delivered"
    )
    assert _documents(provider, number)[0]["print_count"] == 2


def test_sharp_machine_prints_every_document_of_the_user_number(
    sharp_sim: Provider, receiver: Receiver
) -> None:
    number = sharp_sim.upload([make_pdf(), make_pdf(3), make_pdf()], "monochrome")
    page = machine(sharp_sim, number)
    assert "100円" in page.text  # 5 black-and-white pages at 20 yen

    printed = print_at_machine(sharp_sim, number, "all")
    assert len(re.findall(r'src="([^"]+\.png)"', printed.text)) == 5
    wait_for(lambda: len(receiver.received) == 3, "three callbacks, one per document")
    assert all(d["print_count"] == 1 for d in _documents(sharp_sim, number))


def test_many_people_print_at_once(sharp_sim: Provider) -> None:
    numbers = [sharp_sim.upload([make_pdf(2), make_pdf()]) for _ in range(6)]
    results: list[int] = []

    def person(number: str) -> None:
        printed = print_at_machine(sharp_sim, number, "all")
        for source in re.findall(r'src="([^"]+\.png)"', printed.text):
            results.append(requests.get(sharp_sim.url + source, timeout=60).status_code)

    people = [threading.Thread(target=person, args=(number,)) for number in numbers]
    for thread in people:
        thread.start()
    for thread in people:
        thread.join()
    assert results == [200] * 18
    assert all(d["print_count"] == 1 for n in numbers for d in _documents(sharp_sim, n))


def test_a_page_not_yet_printed_is_not_shown(provider: Provider) -> None:
    number = provider.upload([make_pdf()])
    [document] = _documents(provider, number)
    image = f"{provider.url}/machine/pages/{number}/{document['document_id']}/1.png"
    assert requests.get(image, timeout=10).status_code == 404


def test_an_unknown_number_is_refused_at_the_machine(provider: Provider) -> None:
    page = machine(
        provider, "0000000000" if provider.key == "sharpprint" else "AAAAAAAA"
    )
    assert page.status_code == 404
    assert "cannot be printed" in page.text


def _number_stopped_working(provider: Provider, number: str, state: str) -> None:
    assert machine(provider, number).status_code == 404
    assert print_at_machine(provider, number, "all").status_code == 404
    body = provider.status(number).json()
    assert body["status"] == state
    [upload] = provider.sim("uploads")
    assert all(not d["file_present"] for d in upload["documents"])
    assert list(provider.data_dir.iterdir()) == []


def test_a_sender_finds_the_working_number_of_a_file_by_the_name_it_sent(
    provider: Provider,
) -> None:
    number = provider.upload([make_pdf()])
    collection = provider._item(number).rsplit("/", 1)[0]

    def found(name: str) -> Any:
        answer = requests.get(
            provider.url + collection,
            params={"file_name": name},
            timeout=10,
            **provider._auth(True),
        )
        assert answer.status_code == 200
        return answer.json()["numbers"]

    assert found("yamada-taro-transcript.pdf") == [number]
    assert found("another.pdf") == []
    provider.delete(number)
    assert found("yamada-taro-transcript.pdf") == []


def test_delete_makes_the_number_stop_working(provider: Provider) -> None:
    number = provider.upload([make_pdf()])
    assert machine(provider, number).status_code == 200
    assert provider.delete(number).status_code == 204
    _number_stopped_working(provider, number, "deleted")
    assert provider.delete(number).status_code == 404


def test_expiry_makes_the_number_stop_working(provider: Provider) -> None:
    number = provider.upload([make_pdf()], hours=2)
    provider.control("clock", {"advance_seconds": 3600})
    assert machine(provider, number).status_code == 200
    provider.control("clock", {"advance_seconds": 3600})
    _number_stopped_working(provider, number, "expired")


def test_down_refuses_until_up(provider: Provider) -> None:
    provider.control("down", {"mode": "refuse"})
    for _ in range(3):
        response = provider.upload_raw([make_pdf()])
        assert response.status_code == 503
        assert response.json()["error"]["code"] == "unavailable"
    # The machine and the control endpoints are not the provider API: still there.
    assert machine(provider, "nothing").status_code == 404
    assert provider.sim("status")["down"] is True
    provider.control("up")
    assert provider.upload_raw([make_pdf()]).status_code == 201


def test_down_for_a_number_of_requests(provider: Provider) -> None:
    provider.control("down", {"mode": "refuse", "requests": 2})
    statuses = [provider.upload_raw([make_pdf()]).status_code for _ in range(3)]
    assert statuses == [503, 503, 201]
    assert len(provider.sim("uploads")) == 1


def test_down_for_a_while_comes_back_by_itself(provider: Provider) -> None:
    provider.control("down", {"mode": "refuse", "seconds": 0.5})
    assert provider.upload_raw([make_pdf()]).status_code == 503
    wait_for(lambda: provider.upload_raw([make_pdf()]).status_code == 201, "back up")
    assert provider.sim("status")["down"] is False


def test_the_stored_file_is_what_was_uploaded_until_deleted(provider: Provider) -> None:
    pdf = make_pdf(3)
    number = provider.upload([pdf])
    [document] = _documents(provider, number)
    stored = f"{provider.url}/_sim/uploads/{number}/{document['document_id']}.pdf"
    assert requests.get(stored, timeout=10).content == pdf
    provider.delete(number)
    assert requests.get(stored, timeout=10).status_code == 404


def test_down_in_timeout_mode_hangs_past_the_callers_timeout(
    provider: Provider,
) -> None:
    provider.control("down", {"mode": "timeout", "hang_seconds": 3, "requests": 1})
    with pytest.raises(requests.Timeout):
        provider.upload_raw([make_pdf()], timeout=0.5)
    assert provider.upload_raw([make_pdf()]).status_code == 201


@pytest.mark.parametrize("command", ["shomei-netprint", "shomei-sharpprint"])
def test_command_line_serves_and_stops_on_sigterm(command: str, tmp_path: Any) -> None:
    binary = f"{sys.prefix}/bin/{command}"
    process = subprocess.Popen(
        [binary, "--port", "0", "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert url is not None, line
        health = requests.get(url.group() + "/healthz", timeout=10).json()
        assert health == {"status": "ok", "provider": command.removeprefix("shomei-")}
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
