"""The order screens' steps as a browser takes them, shared by the order and payment screens' tests."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient
from gateway_fakes import FakeEnrollment, FakeIdentity
from gateway_forms import post

from shomei_gateway.service_layer.ports import Profile, StudentNumber

NEW = "/demo-univ/orders/new"
UNDERGRADUATE = StudentNumber("L08001", "graduated", "undergraduate")
GRADUATE_SCHOOL = StudentNumber("G14007", "graduated", "graduate")


def sign_in(client: FlaskClient, identity: FakeIdentity, enrollment: FakeEnrollment,
            *numbers: StudentNumber) -> str:
    identity.activate("g@example.jp", "P")
    account = identity.accounts["g@example.jp"]
    account.initial, account.second_password = False, "S"
    enrollment.profiles[account.account_id] = Profile({}, [n.student_number for n in numbers], numbers)
    post(client, "/demo-univ/login", {"email": "g@example.jp", "password": "P", "second_password": "S"})
    return account.account_id


def choose(client: FlaskClient, step: str, data: dict[str, Any]) -> Any:
    return post(client, f"{NEW}{step}", data)


def up_to_confirmation(client: FlaskClient, lines: dict[str, str] | None = None, method: str = "smartpit") -> str:
    choose(client, "/store", {"choice": "netprint"})
    choose(client, "/certificates", lines or {"copies_graduation": "2", "copies_transcript": "1"})
    assert choose(client, "/payment", {"choice": method}).headers["Location"] == f"{NEW}/confirm"
    return str(client.get(f"{NEW}/confirm").get_data(as_text=True))
