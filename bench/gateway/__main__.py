"""`python -m bench.gateway`: requests/s of the gateway's read-only GET /demo-univ/manual against
a bare Flask app returning an HTML body of the same size, both under the same gunicorn settings.
The gateway reads the university's profile from a stand-in of enrollment (bench.gateway.profiles)
through its 30 s cache, as it reads enrollment in a real run.

Fairness: both apps run side by side under gunicorn -w 2 sync workers (2 = this machine's cores)
on free ports, started before measuring; the same load generator (bench.login.loadgen, its own
process, 4 threads) drives each, rounds interleaved A, B, A, B, ... with a warm-up before every
round; medians over rounds. Only 200s count. Connections come from ~1,000 loopback addresses
in turn (127.x.0.y), so the gateway's per-client rate limit (300/min, flask-limiter) does its
bookkeeping on every request, as with many real visitors, without refusing any: the figure
includes its cost.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform

from bench.infra import run_dir, stop_cleanly_on_sigterm
from bench.login.server import WORKERS, drive, gunicorn, others, rate
from bench.report import median, ratio_line, spread, table
from shomei_devtools.trust import new_trust_kit

TARGET = 0.6
GATEWAY, BARE = "gateway GET /demo-univ/manual", "bare Flask, same body size"
PATH = "/demo-univ/manual"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.gateway", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per app; medians (default: %(default)s)")
    parser.add_argument("--threads", type=int, default=4, help="load generator threads (default: %(default)s)")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds per round (default: %(default)s)")
    parser.add_argument("--seconds", type=float, default=5.0, help="measured seconds per round (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the server logs")
    return parser.parse_args(argv)


def fetch(port: int, path: str) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    stop_cleanly_on_sigterm()
    gateway_env = {"SHOMEI_SECRET_KEY": "bench-secret-key", **new_trust_kit().env("gateway"),
                   "SHOMEI_ENVIRONMENT": "development"}
    windows: dict[str, list[dict[int, int]]] = {GATEWAY: [], BARE: []}
    with run_dir("gateway", keep=args.keep) as directory, \
            gunicorn("bench.gateway.profiles:create_app()", {}, directory / "profiles.log") as profiles, \
            gunicorn("shomei_gateway.entrypoints.web:create_app()",
                     {**gateway_env, "SHOMEI_ENROLLMENT_URL": f"http://127.0.0.1:{profiles}"},
                     directory / "gateway.log") as gateway:
        status, page = fetch(gateway, PATH)
        if status != 200:
            raise RuntimeError(f"gateway GET {PATH} answered {status}")
        bare_env = {"BENCH_BARE_BODY_BYTES": str(len(page))}
        with gunicorn("bench.gateway.bare:create_app()", bare_env, directory / "bare.log") as bare:
            bare_size = len(fetch(bare, PATH)[1])
            print(f"Python {platform.python_version()}, {os.cpu_count()} CPUs; gunicorn -w {WORKERS} sync workers "
                  f"for both; {args.threads} client threads; body {len(page):,} B (gateway) / {bare_size:,} B (bare); "
                  f"{args.rounds} rounds of {args.warmup:g} s warm-up + {args.seconds:g} s", flush=True)
            for round_number in range(args.rounds):
                for name, port in ((GATEWAY, gateway), (BARE, bare)):
                    windows[name] += drive(port, path=PATH, threads=args.threads, warmup=args.warmup,
                                           seconds=args.seconds)
                print(f"round {round_number + 1}/{args.rounds}: " + ", ".join(
                    f"{name} {rate(w[-1], args.seconds):,.0f}/s" for name, w in windows.items()), flush=True)
    rates = {name: [rate(w, args.seconds) for w in ws] for name, ws in windows.items()}
    print()
    print(table(["app", "median requests/s", "min..max"],
                [[name, f"{median(values):,.0f}", spread(values)] for name, values in rates.items()]))
    for name, ws in windows.items():
        print(f"responses other than 200, {name}: {others(ws) or 'none'}")
    print()
    print(ratio_line(f"gateway/bare @GET {PATH}", median(rates[GATEWAY]), median(rates[BARE]), TARGET))


if __name__ == "__main__":
    main()
