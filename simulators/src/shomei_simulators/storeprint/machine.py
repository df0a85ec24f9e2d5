"""The store's multi-copy machine: number → documents and price → print → pages."""

from datetime import datetime, timedelta, timezone

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response as BaseResponse

from shomei_simulators.storeprint.rendering import render_page_png
from shomei_simulators.storeprint.reservations import Document, Reservation
from shomei_simulators.storeprint.simulator import StorePrint

ALL_DOCUMENTS = "all"
# People at a Japanese store read deadlines in Japan time.
_JST = timezone(timedelta(hours=9), "JST")


def machine_blueprint(simulator: StorePrint) -> Blueprint:
    machine = Blueprint("machine", __name__, template_folder="templates")

    @machine.app_template_filter("jst")
    def jst(moment: datetime) -> str:
        return moment.astimezone(_JST).strftime("%Y-%m-%d %H:%M:%S JST")

    def usable(number: str) -> Reservation | None:
        normalised = simulator.normalise_number(number)
        return None if normalised is None else simulator.reservations.active(normalised)

    def page(template: str, status: int = 200, **context: object) -> tuple[str, int]:
        return render_template(template, sim=simulator, **context), status

    @machine.get("/")
    def enter_number() -> tuple[str, int]:
        typed = request.args.get("number")
        if typed is None:
            return page("enter_number.html", typed="")
        reservation = usable(typed)
        if reservation is None:
            # One answer for unknown, deleted and expired: the machine says not which.
            return page("enter_number.html", 404, typed=typed, refused=True)
        return page("documents.html", reservation=reservation)

    @machine.post("/print/<number>")
    def print_documents(number: str) -> BaseResponse | tuple[str, int]:
        reservation = usable(number)
        if reservation is None:
            return page("enter_number.html", 404, typed=number, refused=True)
        chosen = request.form.get("document_id", "")
        documents: list[Document]
        if chosen == ALL_DOCUMENTS:
            documents = list(reservation.documents)
        else:
            document = reservation.document(chosen)
            if document is None:
                abort(404)
            documents = [document]
        for document in documents:
            simulator.print_document(reservation, document)
        ids = ",".join(d.document_id for d in documents)
        return redirect(
            url_for(".printed", number=reservation.number, documents=ids), 303
        )

    @machine.get("/printed/<number>")
    def printed(number: str) -> tuple[str, int]:
        reservation = usable(number)
        if reservation is None:
            return page("enter_number.html", 404, typed=number, refused=True)
        wanted = request.args.get("documents", "").split(",")
        documents = [d for d in reservation.documents if d.document_id in wanted]
        return page("printed.html", reservation=reservation, documents=documents)

    @machine.get("/pages/<number>/<document_id>/<int:page_number>.png")
    def page_image(number: str, document_id: str, page_number: int) -> Response:
        reservation = usable(number)
        document = reservation.document(document_id) if reservation else None
        # Only what came out of the machine: a document not yet printed shows nothing.
        if document is None or document.print_count == 0:
            abort(404)
        if not 1 <= page_number <= document.pages:
            abort(404)
        content = simulator.reservations.read(document)
        png = render_page_png(content, page_number - 1)
        return Response(
            png, mimetype="image/png", headers={"Cache-Control": "no-store"}
        )

    return machine
