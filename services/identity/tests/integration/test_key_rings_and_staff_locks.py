"""Issue 8 §3 on real PostgreSQL (docs/adr/0021): the seal key ring rotated, everything resealed
by the CLI and the old key retired with nothing lost; a TOTP code accepted once; a staff lock
told as an event and listed for the console; rows sealed before key ids carry the id "0"."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pyotp
from alembic import command
from alembic.config import Config
from cryptography.fernet import Fernet
from flask.testing import FlaskClient
from sqlalchemy import create_engine, pool, text

from shomei_devtools.trust import session_trust
from shomei_identity.entrypoints import reseal
from shomei_identity.entrypoints.migrate import MIGRATIONS
from shomei_identity.entrypoints.web import create_app
from shomei_identity.service_layer.commands import SeedStaff
from shomei_identity.settings import IdentitySettings
from shomei_shared.clock import FakeClock
from shomei_shared.web.assertions import Actor

T = "demo-univ"
STAFF = "staff@demo-univ.example"


@contextmanager
def identity_with(settings: IdentitySettings, clock: FakeClock, seal_key: str) -> Iterator[Any]:
    """An identity process configured with `seal_key` (the same database)."""
    app = create_app(replace(settings, secret_seal_key=seal_key), clock=clock)
    try:
        yield app
    finally:
        app.extensions["engine"].dispose()


def post(client: FlaskClient, path: str, body: dict[str, Any] | None = None, caller: str = "gateway") -> Any:
    return client.post(f"/internal{path}", json=body or {}, headers=session_trust().headers(caller))


def start_registration(client: FlaskClient, engine: Any, email: str) -> str:
    assert post(client, "/registrations", {"tenant_id": T, "email": email, "locale": "en"}).status_code == 201
    with engine.connect() as conn:
        ref: str = conn.execute(text("SELECT payload->>'secret_ref' FROM events WHERE type = 'RegistrationStarted' "
                                     "ORDER BY id DESC LIMIT 1")).scalar_one()
    return ref


def redeemed(client: FlaskClient, ref: str) -> str:
    answer = post(client, f"/secrets/{ref}/redeem", caller="notifier")
    assert answer.status_code == 200, answer.json
    value: str = answer.json["value"]
    return value


def staff_login(client: FlaskClient, password: str, code: str, source: str = "198.51.100.7") -> Any:
    return post(client, "/staff/login", {"tenant_id": T, "email": STAFF, "password": password, "totp_code": code,
                                         "source": source}, caller="admin")


def key_ids(engine: Any) -> set[str]:
    with engine.connect() as conn:
        return set(conn.execute(text("SELECT key_id FROM sealed_secrets UNION SELECT totp_key_id FROM staff_members"))
                   .scalars())


def test_rotate_reseal_and_retire_the_seal_key_without_losing_a_secret(settings: IdentitySettings, kit: Any) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    clock, engine = kit.clock, kit.engine
    with identity_with(settings, clock, old) as before:  # one bare key, as before key rings
        client = before.test_client()
        first = start_registration(client, engine, "hanako@example.jp")
        url = redeemed(client, first)
        seeded = before.extensions["service"].handle(SeedStaff(T, STAFF, ("tenant_admin",)))
    totp = pyotp.TOTP(seeded.totp_secret)
    assert key_ids(engine) == {"0"}

    ring = f"2027a:{new},0:{old}"
    with identity_with(settings, clock, ring) as rotated:  # the new key first, the old one kept
        client = rotated.test_client()
        assert redeemed(client, first) == url
        assert staff_login(client, seeded.password, totp.at(clock.now())).status_code == 200
        second = start_registration(client, engine, "jiro@example.jp")
        second_url = redeemed(client, second)
    assert key_ids(engine) == {"0", "2027a"}

    out = io.StringIO()
    reseal.main([], out=out, env={"SHOMEI_ENVIRONMENT": "test", "SHOMEI_SECRET_SEAL_KEY": ring,
                                  "SHOMEI_IDENTITY_DATABASE_URL": settings.database_url})
    assert out.getvalue() == "key_id=2027a\nresealed_secrets=1\nresealed_totp_secrets=1\n"
    assert new not in out.getvalue() and old not in out.getvalue()
    assert key_ids(engine) == {"2027a"}

    clock.advance(timedelta(seconds=30))
    with identity_with(settings, clock, f"2027a:{new}") as retired:  # the old key is gone
        client = retired.test_client()
        assert (redeemed(client, first), redeemed(client, second)) == (url, second_url)
        assert staff_login(client, seeded.password, totp.at(clock.now())).status_code == 200


def test_a_totp_code_is_accepted_once(kit: Any) -> None:
    seeded = kit.identity.handle(SeedStaff(T, STAFF, ("reviewer",)))
    code = pyotp.TOTP(seeded.totp_secret).at(kit.clock.now())
    assert staff_login(kit.client, seeded.password, code).status_code == 200
    replayed = staff_login(kit.client, seeded.password, code, "203.0.113.9")
    assert replayed.status_code == 401 and replayed.json["errors"][0]["code"] == "staff_login_refused"
    with kit.engine.connect() as conn:
        assert conn.execute(text("SELECT totp_last_step FROM staff_members")).scalar_one() == int(
            kit.clock.now().timestamp()) // 30


def test_a_staff_lock_is_an_event_and_listed_for_the_console_and_locks_one_source(kit: Any) -> None:
    seeded = kit.identity.handle(SeedStaff(T, STAFF, ("reviewer",)))
    totp = pyotp.TOTP(seeded.totp_secret)
    for _ in range(5):
        locked = staff_login(kit.client, "Wrong Password 1", totp.at(kit.clock.now()), "203.0.113.9")
    assert locked.status_code == 429
    with kit.engine.connect() as conn:
        topic, payload = conn.execute(text("SELECT topic, payload FROM events "
                                           "WHERE type = 'StaffLoginLockedOut'")).one()
    until = (kit.clock.now() + timedelta(minutes=15)).isoformat()
    assert (topic, payload) == ("identity.staff", {"until": until})
    def as_admin_of(tenant: str, roles: tuple[str, ...] = ("tenant_admin",)) -> dict[str, str]:
        return session_trust().headers("admin", Actor(tenant, "staff-admin", "staff", roles))

    listed = kit.client.get("/internal/staff/lockouts", headers=as_admin_of(T))
    assert listed.json == {"lockouts": [{"staff_id": seeded.staff_id, "email": STAFF, "locked_until": until}]}
    assert kit.client.get("/internal/staff/lockouts", headers=as_admin_of("sakura-univ")).json == {"lockouts": []}
    assert kit.client.get("/internal/staff/lockouts", headers=as_admin_of(T, ("reviewer",))).status_code == 403
    assert kit.client.get("/internal/staff/lockouts", headers=kit.auth).status_code == 403  # the gateway
    assert staff_login(kit.client, seeded.password, totp.at(kit.clock.now())).status_code == 200  # from the desk


def test_values_sealed_before_key_ids_carry_the_id_of_the_one_key(new_database: Callable[[str], str]) -> None:
    url = new_database("identity_key_ids")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    command.upgrade(config, "0001")
    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO sealed_secrets VALUES ('r', 't', 'k', 'x', now())"))
            conn.execute(text("INSERT INTO staff_members VALUES ('s', 't', 'e', '{reviewer}', 'h', 'x')"))
            conn.execute(text("INSERT INTO login_guards (subject_id, failures) VALUES ('s', 3)"))
        command.upgrade(config, "head")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT key_id FROM sealed_secrets")).scalar_one() == "0"
            assert conn.execute(text("SELECT totp_key_id, totp_last_step FROM staff_members")).one() == ("0", None)
            assert conn.execute(text("SELECT source, failures FROM login_guards")).one() == ("", 3)
    finally:
        engine.dispose()
