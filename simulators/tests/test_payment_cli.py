"""``shomei-paypal`` and ``shomei-smartpit`` as make run starts them: a free port, links to themselves, SIGTERM."""

import re
import signal
import sys
from pathlib import Path

import pytest
import requests

from shomei_simulators.testing import Receiver, started


@pytest.mark.parametrize(("module", "page"), [("paypal", "/_sim/config"), ("smartpit", "/terminal")])
def test_cli_serves_on_the_port_it_bound_and_stops_on_sigterm(tmp_path: Path, module: str, page: str,
                                                              receiver: Receiver) -> None:
    stderr_path = tmp_path / "stderr.log"
    argv = [sys.executable, "-m", f"shomei_simulators.{module}", "--port", "0",
            "--webhook-url" if module == "paypal" else "--notice-url", receiver.url]
    with started(argv, stderr_path) as (process, line):
        found = re.search(r"listening on (http://127\.0\.0\.1:(\d+))/", line)
        assert found and found.group(2) != "0", line
        base = found.group(1)
        assert requests.get(f"{base}/healthz", timeout=10).json() == {"status": "ok"}
        assert requests.get(f"{base}{page}", timeout=10).status_code == 200
        if module == "paypal":
            # Links and the certificate URL carry the port actually bound, not the 0 asked for.
            assert requests.get(f"{base}/_sim/config", timeout=10).json()["cert_url"].startswith(f"{base}/v1/")

        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0, stderr_path.read_text()
