"""One graduate's way through the gateway, as a browser takes it (cookies, CSRF tokens, the flow
cookie): 証明書を発行 → store → certificates → PayPal → confirmation → 申請; then お支払いへ, the
PayPal simulator's approval page, the return (capture), and the order page until ordering shows
it paid. Each journey uses its own loopback source address, as a different visitor would, so
the gateway's per-client rate limit counts without refusing."""

from __future__ import annotations

import re
import time
from typing import Any

import requests
from requests.adapters import HTTPAdapter

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')
PAID = '<dd class="status">お支払い済み</dd>'


class _FromAddress(HTTPAdapter):
    def __init__(self, source: str) -> None:
        self._source = source
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, source_address=(self._source, 0), **kwargs)


def browser(source: str, session_id: str) -> requests.Session:
    client = requests.Session()
    client.mount("http://", _FromAddress(source))
    client.cookies.set("shomei_session-demo-univ", session_id, path="/")  # the gateway's name at demo-univ
    return client


def _checked(response: requests.Response, *expected: int, at: str = "") -> requests.Response:
    """The response, if it has an expected status and (after redirects) is the page `at`."""
    if response.status_code not in expected or not response.url.split("?")[0].endswith(at):
        first = response.history[0].request if response.history else response.request
        raise RuntimeError(f"{first.method} {first.url} answered {response.status_code} at {response.url}")
    return response


def place(client: requests.Session, gateway: str) -> str:
    """申請 through the five screens; the placed order's id."""
    base = f"{gateway}/demo-univ/orders/new"
    page = _checked(client.get(f"{base}/"), 200).text  # one student number: straight to the store
    found = CSRF.search(page)
    if found is None:
        raise RuntimeError("no CSRF token on the order screens")
    token = found.group(1)
    _checked(client.post(f"{base}/store", {"csrf_token": token, "choice": "netprint"}), 200, at="/certificates")
    _checked(client.post(f"{base}/certificates", {"csrf_token": token, "copies_graduation": "1",
                                                  "copies_transcript": "2"}), 200, at="/payment")
    confirmation = _checked(client.post(f"{base}/payment", {"csrf_token": token, "choice": "paypal"}), 200,
                            at="/confirm").text
    sent = {**dict(HIDDEN.findall(confirmation)), "csrf_token": token}
    placed = _checked(client.post(f"{base}/confirm", sent, allow_redirects=False), 302)
    location = placed.headers["Location"]
    if "/orders/new/" in location:
        raise RuntimeError(f"申請 was not placed: sent back to {location}")
    return location.rstrip("/").rsplit("/", 1)[-1]


def pay_and_wait(client: requests.Session, gateway: str, order_id: str, timeout_s: float = 120) -> None:
    """お支払いへ (again while payment prepares), approve at the simulator, back to the gateway,
    then the order page until ordering has heard PaymentCaptured and shows it paid."""
    order_page = f"{gateway}/demo-univ/orders/{order_id}"
    deadline = time.monotonic() + timeout_s
    while True:
        page = _checked(client.get(order_page), 200).text
        found = CSRF.search(page)
        if found is not None and "/paypal" in page:
            started = client.post(f"{order_page}/paypal", {"csrf_token": found.group(1)}, allow_redirects=False)
            if started.status_code == 303:
                break
        if time.monotonic() > deadline:
            raise RuntimeError(f"payment never heard of order {order_id}")
        time.sleep(0.05)
    approve = started.headers["Location"]
    token = approve.split("token=", 1)[1].split("&", 1)[0]
    _checked(client.post(approve.split("?", 1)[0], {"token": token, "instrument": "card_ok"}), 200)
    while PAID not in _checked(client.get(order_page), 200).text:
        if time.monotonic() > deadline:
            raise RuntimeError(f"order {order_id} never showed paid")
        time.sleep(0.05)


def read(client: requests.Session, gateway: str) -> None:
    _checked(client.get(f"{gateway}/demo-univ/manual"), 200)
