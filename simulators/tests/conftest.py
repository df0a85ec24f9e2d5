"""Real HTTP for the payment simulators' tests: the app served on a free port, and a receiver of its webhooks."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from shomei_simulators.testing import Receiver, Served


@pytest.fixture
def serve() -> Iterator[Callable[[Any], str]]:
    """Serve a WSGI app on a free port in a thread; returns its base URL. All stop after the test."""
    served: list[Served] = []

    def start(app: Any) -> str:
        served.append(Served(app))
        return served[-1].url

    yield start
    for one in reversed(served):
        one.stop()


@pytest.fixture
def receiver(serve: Callable[[Any], str]) -> Receiver:
    hook = Receiver()
    hook.url = serve(hook) + "/hooks"
    return hook
