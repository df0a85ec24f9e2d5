"""`python -m bench.login.loadgen`: a closed-loop HTTP load generator, run as its own process.

Threads, each with an `http.client` connection kept alive while the server allows it (gunicorn's
sync workers close after every response, so in practice each request opens a connection). Each
connection gets the next of 254 source addresses per thread (127.<20+thread>.0.1-254; loopback
answers the whole /8): about a thousand clients, each well under the gateway's per-client limit
(300/min), as with many real visitors, and TIME_WAIT never exhausts one address's ports.
Thread i sends the i-th `--body` (modulo their number), so each thread can log in as its own
account. Prints one JSON line: completed responses by status inside each measured window, after
an unmeasured warm-up.
"""

from __future__ import annotations

import argparse
import http.client
import json
import threading
import time
from collections import Counter


def _sources(thread: int) -> list[str]:
    return [f"127.{20 + thread}.0.{y}" for y in range(1, 255)]


def _worker(thread: int, args: argparse.Namespace, edges: list[float], counts: list[Counter[int]],
            lock: threading.Lock) -> None:
    body = args.body[thread % len(args.body)].encode() if args.body else None
    headers = dict(h.split(": ", 1) for h in args.header)
    if body is not None:
        headers["Content-Type"] = "application/json"
    sources, next_source = _sources(thread), 0
    conn: http.client.HTTPConnection | None = None
    while True:
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=30,
                                              source_address=(sources[next_source % len(sources)], 0))
            next_source += 1
        try:
            conn.request(args.method, args.path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.will_close:
                conn.close()
                conn = None
        except (OSError, http.client.HTTPException):
            status = 0  # refused or reset: counted, never retried silently
            if conn is not None:
                conn.close()
            conn = None
        now = time.perf_counter()
        if now >= edges[-1]:
            return
        window = sum(1 for edge in edges if now >= edge) - 1
        if window >= 0:
            with lock:
                counts[window][status] += 1


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.login.loadgen", description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--path", default="/")
    parser.add_argument("--body", action="append", default=[],
                        help="JSON body; repeatable: thread i sends body i modulo their number")
    parser.add_argument("--header", action="append", default=[], help="'Name: value', repeatable")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds, not measured")
    parser.add_argument("--seconds", type=float, default=5.0, help="length of each measured window")
    parser.add_argument("--windows", type=int, default=1)
    args = parser.parse_args(argv)
    start = time.perf_counter() + args.warmup
    edges = [start + i * args.seconds for i in range(args.windows + 1)]
    counts: list[Counter[int]] = [Counter() for _ in range(args.windows)]
    lock = threading.Lock()
    threads = [threading.Thread(target=_worker, args=(i, args, edges, counts, lock)) for i in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"seconds": args.seconds, "windows": [{str(k): v for k, v in c.items()} for c in counts]}))


if __name__ == "__main__":
    main()
