from __future__ import annotations

from flask import Blueprint, Flask, Response, jsonify
from marshmallow import Schema, fields, validate

from shomei_shared.web.api import ApiError, install_api_errors, load_body
from shomei_shared.web.assertions import AssertionVerifier
from shomei_shared.web.openapi import install_openapi
from shomei_shared.web.trust import Trust, callers, install_trust, verifier_of


class AddressSchema(Schema):
    postal_code = fields.String(required=True, validate=validate.Regexp(r"^\d{3}-?\d{4}$"))


class WebApiApplicantSchema(Schema):
    email = fields.Email(required=True)
    address = fields.Nested(AddressSchema, required=True)


def make_app() -> Flask:
    app = Flask(__name__)
    internal = Blueprint("internal", __name__, url_prefix="/internal")
    install_trust(app, Trust({"gateway": (verifier_of("s3cret-token"),)}, AssertionVerifier("")))

    @internal.post("/applicants")
    @callers("gateway")
    def create_applicant() -> tuple[Response, int]:
        """Create an applicant.
        ---
        post:
          requestBody:
            content:
              application/json:
                schema: WebApiApplicantSchema
          responses:
            201: {description: created}
        """
        data = load_body(WebApiApplicantSchema())
        if data["email"] == "taken@example.jp":
            raise ApiError.one(409, "email", "既に登録されています。", "Already registered.")
        return jsonify(ok=True), 201

    @internal.get("/boom")
    @callers("gateway")
    def boom() -> Response:
        raise RuntimeError("password=hunter2 leaked?")

    app.register_blueprint(internal)
    install_api_errors(app)
    install_openapi(app, title="test", version="1")
    return app


AUTH = {"Authorization": "Bearer gateway.s3cret-token"}


def test_validation_errors_name_each_field_in_japanese_by_default() -> None:
    response = make_app().test_client().post("/internal/applicants", json={"address": {"postal_code": "12"}},
                                             headers=AUTH)
    assert response.status_code == 400
    reasons = {e["field"]: e["reason"] for e in response.json["errors"]}
    assert reasons == {"email": "必須項目です。", "address.postal_code": "形式が正しくありません。"}


def test_english_when_asked() -> None:
    body = {"email": "taken@example.jp", "address": {"postal_code": "530-0001"}}
    response = make_app().test_client().post("/internal/applicants", json=body,
                                             headers={**AUTH, "Accept-Language": "en-US,en;q=0.9"})
    assert response.status_code == 409
    assert response.json == {"errors": [{"field": "email", "reason": "Already registered."}]}


def test_missing_or_wrong_token_is_401_and_no_body_is_a_clear_400() -> None:
    client = make_app().test_client()
    assert client.post("/internal/applicants", json={}).status_code == 401
    assert client.post("/internal/applicants", json={}, headers={"Authorization": "Bearer nope"}).status_code == 401
    response = client.post("/internal/applicants", data="x", headers=AUTH)
    assert response.status_code == 400 and response.json["errors"][0]["field"] == "_body"


def test_unexpected_errors_are_500_without_details() -> None:
    response = make_app().test_client().get("/internal/boom", headers=AUTH)
    assert response.status_code == 500
    assert "hunter2" not in response.get_data(as_text=True)


def test_openapi_document_lists_the_documented_views_and_schemas() -> None:
    assert make_app().test_client().get("/internal/openapi.json").status_code == 401
    document = make_app().test_client().get("/internal/openapi.json", headers=AUTH).json
    assert "/internal/applicants" in document["paths"]
    assert "WebApiApplicant" in document["components"]["schemas"]


def test_nul_characters_are_refused_at_their_field_not_a_server_error() -> None:
    client = make_app().test_client()
    body = {"email": "a\x00@example.jp", "address": {"postal_code": "530\x000001"}}
    response = client.post("/internal/applicants", json=body, headers={**AUTH, "Accept-Language": "en"})
    assert response.status_code == 400
    assert {e["field"] for e in response.json["errors"]} == {"email", "address.postal_code"}
    assert response.json["errors"][0]["reason"] == "NUL characters are not allowed."
    query = client.get("/internal/boom?tenant_id=%00", headers=AUTH)
    assert (query.status_code, query.json["errors"][0]["field"]) == (400, "tenant_id")
    form = client.post("/internal/applicants", data={"staff_id": "s\x001"}, headers=AUTH)
    assert (form.status_code, form.json["errors"][0]["field"]) == (400, "staff_id")
    nameless = b"--b\r\nContent-Disposition: form-data\r\n\r\ntrue\r\n--b--\r\n"
    unnamed = client.post("/internal/applicants", data=nameless, headers=AUTH,
                          content_type="multipart/form-data; boundary=b")
    assert unnamed.status_code == 400  # the body is not JSON: refused cleanly, not a 500
