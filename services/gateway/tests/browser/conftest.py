from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from shomei_devtools.browser import served


@pytest.fixture
def base_url(app: Flask) -> Iterator[str]:
    with served(app) as url:
        yield url
