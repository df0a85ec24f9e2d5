"""A paid order's page: while print-gateway prepares the numbers it says so and refreshes itself;
then the numbers with each copy, the chain, the print deadline and the machine's steps; each copy
marked once printed; and only the graduate's own order."""

from __future__ import annotations

from dataclasses import replace

import pytest
from flask import Flask
from flask.testing import FlaskClient
from gateway_fakes import FakeEnrollment, FakeIdentity
from gateway_forms import hidden_fields
from order_steps import GRADUATE_SCHOOL, NEW, UNDERGRADUATE, choose, sign_in, up_to_confirmation
from ordering_fakes import FakeOrdering
from printing_fakes import FakePrinting


@pytest.fixture
def paid(client: FlaskClient, identity: FakeIdentity, enrollment: FakeEnrollment, app: Flask,
         ordering: FakeOrdering, printing: FakePrinting) -> tuple[str, str]:
    """(the order's page, its id): placed, paid, heard by print-gateway."""
    sign_in(client, identity, enrollment, UNDERGRADUATE, GRADUATE_SCHOOL)
    choose(client, "/", {"choice": "0"})
    confirmation = up_to_confirmation(client, method="paypal")
    page = str(client.post(f"{NEW}/confirm", data=hidden_fields(confirmation)).headers["Location"])
    (order_id,) = ordering.placed
    tenant, account, order = ordering.placed[order_id]
    ordering.placed[order_id] = (tenant, account, replace(order, status="paid"))
    printing.hear(tenant, account, order_id, order.print_channel, order.deadline,
                  [line.name_ja for line in order.lines])
    return page, order_id


def test_the_numbers_appear_when_issued_and_each_copy_is_marked_printed(
        client: FlaskClient, paid: tuple[str, str], printing: FakePrinting) -> None:
    page, order_id = paid
    waiting = client.get(page).get_data(as_text=True)
    assert "印刷の準備をしています" in waiting and f'data-refresh-url="{page}"' in waiting

    printing.issue(order_id)
    issued = client.get(page).get_data(as_text=True)
    view = printing.views[order_id][2]
    assert all(r.number in issued for r in view.reservations)
    assert "印刷期限" in issued and view.stores["ja"] in issued and view.steps[0]["ja"] in issued
    assert "未印刷" in issued and "data-refresh-url" not in issued
    assert view.print_estimate is not None and "発行した証明書の印刷料金の目安" in issued
    assert f"{view.print_estimate:,}円" in issued

    printing.print_all(order_id)
    printed = client.get(page).get_data(as_text=True)
    assert "印刷済み" in printed and "未印刷" not in printed
    assert "すべての証明書を印刷しました。" in printed  # the order fulfilled, said once above the numbers
    assert "すべての証明書を印刷しました。" not in issued


def test_in_english(client: FlaskClient, paid: tuple[str, str], printing: FakePrinting) -> None:
    page, order_id = paid
    printing.issue(order_id)
    english = client.get(page + "?lang=en").get_data(as_text=True)
    assert "Print by" in english and printing.views[order_id][2].steps[0]["en"] in english
    assert "Estimated print charge" in english and "from the pages of the certificates issued" in english


def test_no_estimate_is_stated_when_print_gateway_knows_none(
        client: FlaskClient, paid: tuple[str, str], printing: FakePrinting) -> None:
    page, order_id = paid
    printing.issue(order_id)
    tenant, account, view = printing.views[order_id]
    printing.views[order_id] = (tenant, account, replace(view, print_estimate=None))
    assert "発行した証明書の印刷料金の目安" not in client.get(page).get_data(as_text=True)


def test_a_print_gateway_that_does_not_know_the_order_leaves_the_page_preparing(
        client: FlaskClient, paid: tuple[str, str], printing: FakePrinting) -> None:
    page, order_id = paid
    del printing.views[order_id]
    shown = client.get(page)
    assert shown.status_code == 200 and "印刷の準備をしています" in shown.get_data(as_text=True)


def test_paid_at_ordering_before_print_gateway_has_heard_it_the_page_keeps_refreshing(
        client: FlaskClient, paid: tuple[str, str], printing: FakePrinting) -> None:
    """ordering shows the order paid while print-gateway's consumer has not yet heard OrderPaid:
    print-gateway answers not_paid, and the page must refresh itself until the numbers come."""
    page, order_id = paid
    tenant, account, view = printing.views[order_id]
    printing.views[order_id] = (tenant, account, replace(view, status="not_paid"))
    shown = client.get(page).get_data(as_text=True)
    assert "印刷の準備をしています" in shown and f'data-refresh-url="{page}"' in shown
