"""A stand-in for enrollment's record endpoint, `gunicorn 'bench.print.records:create_app()'`: the
latency benchmark measures print-gateway from OrderPaid to PrintReservationIssued, not enrollment.
It answers every account and student number with one graduate's record, as the endpoint is
specified (services/print-gateway/src/shomei_print_gateway/adapters/academic_records.py), the
university's seal included so each certificate is rendered as a real one is."""

from __future__ import annotations

import base64
import io
from typing import Any

from flask import Flask, Response, jsonify
from PIL import Image, ImageDraw

RECORD: dict[str, Any] = {
    "student_number": "L08001", "name_kanji": "佐藤 花子", "name_romaji": "SATO Hanako", "birth_date": "2000-05-01",
    "status": "卒業", "programme": "学部", "faculty_ja": "文学部", "faculty_en": "Faculty of Letters",
    "department_ja": "史学科", "department_en": "History", "degree_ja": "学士（文学）", "degree_en": "Bachelor of Arts",
    "admitted_on": "2018-04-01", "graduated_on": "2022-03-25", "withdrawn_on": None, "expected_graduation_on": None,
    "courses": [], "total_credits": "124", "gpa": None}
ISSUER: dict[str, Any] = {
    "tenant_id": "demo-univ", "university_ja": "証明大学", "university_en": "Shomei University",
    "president_title_ja": "学長", "president_title_en": "President", "president_name_ja": "山田 一郎",
    "president_name_en": "Ichiro Yamada"}


def _seal() -> str:
    """A red ring, the size of the demo universities' generated seals."""
    image = Image.new("RGBA", (240, 240), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((8, 8, 232, 232), outline=(200, 30, 30, 230), width=12)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return base64.b64encode(out.getvalue()).decode()


def create_app() -> Flask:
    app = Flask(__name__)
    body = {"record": RECORD, "issuer": {**ISSUER, "seal_png_base64": _seal()}}

    @app.get("/internal/tenants/<tenant>/accounts/<account>/records/<number>")
    def record(tenant: str, account: str, number: str) -> Response:
        return jsonify({**body, "record": {**RECORD, "student_number": number}})

    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify(status="ok")

    return app
