#!/usr/bin/env python3
"""Politeness benchmark: how close does the fetcher get to the throughput its politeness settings allow?

usage: python bench/fetch.py [--quick] [--seconds S] [--latency MS ...] [--delay S ...] [--per-host N ...]
                             [--hosts N ...] [--global N] [--order grouped|interleaved]

A local server (tests/http_server.py, in a child process so it has its own core) listens on 127.0.0.2,
127.0.0.3, ... (all loopback on Linux) and answers every page after a fixed latency. For each combination of
settings the fetcher gets N pages spread evenly over the hosts (private addresses allowed by this benchmark's
settings), listed host by host as discovery lists them (`--order interleaved` for round-robin, the easy case),
and the table shows pages/s against the ideal:

    ideal = min(global_concurrency / latency,  sum over hosts of  per_host_rate)
    per_host_rate = min(per_host_concurrency / latency, 1 / per_host_delay)

`per_host_delay_s` is the minimum time between two request *starts* on one host (settings.toml), so one host
never gets more than 1/delay requests a second however many slots it has. The issue's formula,
per_host_concurrency / max(latency, delay), reads the delay as a pause per slot instead; it agrees with the
one above when the delay is zero, when per_host_concurrency is 1, or when delay <= latency / per_host_concurrency,
and is shown beside it (column "issue") for the rows where it does not.

N is chosen so that each run would take `--seconds` at the ideal rate. Before the timed part, one warm-up page
per host reads robots.txt and opens connections (a real run reads robots.txt once per host). The server's own
request log is checked after each run: the largest number of requests in flight at once (all hosts, and per
host) and the shortest gap between two request starts on one host must respect the settings.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

PAGE = ("<!doctype html><html><head><meta charset='utf-8'><title>Benchmark page</title></head><body>"
        + "<p>Filler paragraph for the fetch benchmark.</p>" * 40 + "</body></html>").encode()
GOAL = 0.8


def _serve(hosts: list[str], conn) -> None:  # type: ignore[no-untyped-def]
    """The child process: serve /page/<latency ms>/<n> after <latency ms>, until told to stop."""
    from http_server import HTTPTestServer, Reply

    def page(request):  # type: ignore[no-untyped-def]
        latency_ms = int(request.path.split("/")[2])
        return Reply(200, PAGE, delay=latency_ms / 1000)

    with HTTPTestServer(hosts=hosts) as server:
        server.route_prefix("/page/", page)
        server.route("/robots.txt", Reply(200, "User-agent: *\nDisallow: /private/\n", content_type="text/plain"))
        conn.send(server.port)
        while True:
            command = conn.recv()
            if command == "log":
                conn.send([(r.host, r.path, r.started, r.finished) for r in server.requests])
                server.clear_log()
            else:
                break


@dataclass
class Case:
    latency: float
    delay: float
    hosts: int
    per_host: int
    global_: int

    def per_host_rate(self) -> float:
        rate = self.per_host / self.latency
        return min(rate, 1 / self.delay) if self.delay > 0 else rate

    def ideal(self) -> float:
        return min(self.global_ / self.latency, self.hosts * self.per_host_rate())

    def issue_ideal(self) -> float:
        return min(self.global_ / self.latency, self.hosts * self.per_host / max(self.latency, self.delay))

    def bound(self) -> str:
        if self.global_ / self.latency <= self.hosts * self.per_host_rate():
            return "global"
        return "delay" if self.delay > 0 and 1 / self.delay < self.per_host / self.latency else "per-host"


def run_case(case: Case, port: int, conn, seconds: float, order: str = "grouped") -> dict:  # type: ignore[no-untyped-def]
    from flows.fetcher import Fetcher, FetchMemory, FetchRequest
    from flows.settings import FetchSettings

    settings = FetchSettings(
        user_agent="tradewire/0.1", contact_url="https://example.org/tradewire-bench",
        global_concurrency=case.global_, per_host_concurrency=case.per_host, per_host_delay_s=case.delay,
        connect_timeout_s=5, read_timeout_s=10, total_timeout_s=30, max_retries=0,
        allow_private=True,  # the benchmark's server is on loopback addresses
    )
    hosts = [f"127.0.0.{2 + i}" for i in range(case.hosts)]
    n = max(4 * case.hosts, round(case.ideal() * seconds))
    ms = round(case.latency * 1000)
    warmup = [FetchRequest(f"http://{h}:{port}/page/{ms}/warmup") for h in hosts]
    # "grouped": all of one host's pages, then the next host's - the order discovery produces (source by source)
    pick = (lambda i: hosts[i * len(hosts) // n]) if order == "grouped" else (lambda i: hosts[i % len(hosts)])
    requests = [FetchRequest(f"http://{pick(i)}:{port}/page/{ms}/{i}") for i in range(n)]

    async def timed() -> tuple[float, float, list]:
        async with Fetcher(settings, memory=FetchMemory()) as fetcher:
            await fetcher.fetch_all(warmup)
            start = time.monotonic()
            results = await fetcher.fetch_all(requests)
            return start, time.monotonic(), results

    conn.send("log")
    conn.recv()  # clear the server's log
    start, end, results = asyncio.run(timed())
    conn.send("log")
    log = conn.recv()
    failed = [r for r in results if not r.ok]
    if failed:
        raise SystemExit(f"{len(failed)} fetches failed, e.g. {failed[0].url}: {failed[0].error}")
    rate = n / (end - start)
    return {"n": n, "rate": rate, "ratio": rate / case.ideal(), **_politeness(log)}


def _politeness(log: list[tuple[str, str, float, float]]) -> dict:
    def in_flight(rows):  # type: ignore[no-untyped-def]
        events = sorted([(r[2], 1) for r in rows] + [(r[3], -1) for r in rows])
        peak = current = 0
        for _, delta in events:
            current += delta
            peak = max(peak, current)
        return peak

    by_host: dict[str, list] = {}
    for row in log:
        by_host.setdefault(row[0], []).append(row)
    gaps = []
    for rows in by_host.values():
        starts = sorted(r[2] for r in rows)
        gaps += [b - a for a, b in zip(starts, starts[1:])]
    return {"max_global": in_flight(log), "max_host": max(in_flight(rows) for rows in by_host.values()),
            "min_gap_ms": min(gaps) * 1000 if gaps else float("nan")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--latency", type=float, nargs="+", default=[50, 200], help="server latency, ms")
    parser.add_argument("--delay", type=float, nargs="+", default=[0.0, 0.1], help="per_host_delay_s values")
    parser.add_argument("--per-host", type=int, nargs="+", default=[1, 2, 4], help="per_host_concurrency values")
    parser.add_argument("--hosts", type=int, nargs="+", default=[4, 8], help="numbers of hosts (max 200)")
    parser.add_argument("--global", dest="global_", type=int, default=8, help="global_concurrency")
    parser.add_argument("--seconds", type=float, default=2.5, help="ideal duration of each run")
    parser.add_argument("--order", choices=("grouped", "interleaved"), default="grouped",
                        help="URL order: grouped by host, as discovery lists them (default), or round-robin")
    parser.add_argument("--quick", action="store_true", help="a few representative rows, 1 s each")
    args = parser.parse_args()
    cases = [Case(lat / 1000, d, h, c, args.global_)
             for lat, d, h, c in itertools.product(args.latency, args.delay, args.hosts, args.per_host)]
    if args.quick:
        args.seconds = 1.0
        cases = [Case(0.05, 0.0, 4, 2, 8), Case(0.05, 0.1, 8, 4, 8), Case(0.2, 0.1, 4, 4, 8),
                 Case(0.2, 0.0, 8, 1, 8)]

    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe()
    hosts = [f"127.0.0.{2 + i}" for i in range(max(c.hosts for c in cases))]
    server = context.Process(target=_serve, args=(hosts, child), daemon=True)
    server.start()
    try:
        port = parent.recv()
        header = (f"{'lat ms':>6} {'delay s':>7} {'hosts':>5} {'/host':>5} {'global':>6} {'bound':>8} {'pages':>5} "
                  f"{'pages/s':>8} {'ideal':>7} {'ratio':>6} {'issue':>7} {'ratio':>6}  "
                  f"{'max in flight':>13} {'min gap ms':>10}")
        print(header)
        print("-" * len(header))
        worst = float("inf")
        for case in cases:
            row = run_case(case, port, parent, args.seconds, args.order)
            worst = min(worst, row["ratio"])
            issue = case.issue_ideal()
            issue_cols = (f"{issue:7.1f} {row['rate'] / issue:6.2f}" if abs(issue - case.ideal()) > 1e-9
                          else f"{'=':>7} {'':>6}")
            print(f"{case.latency * 1000:6.0f} {case.delay:7.2f} {case.hosts:5d} {case.per_host:5d} {case.global_:6d} "
                  f"{case.bound():>8} {row['n']:5d} {row['rate']:8.1f} {case.ideal():7.1f} {row['ratio']:6.2f} "
                  f"{issue_cols}  {row['max_global']:>6}/{row['max_host']:<6} {row['min_gap_ms']:10.1f}",
                  flush=True)
            assert row["max_global"] <= case.global_ and row["max_host"] <= case.per_host, "politeness broken"
            if case.delay:
                assert row["min_gap_ms"] >= case.delay * 1000 - 20, "per-host delay broken"
        print(f"\nworst ratio {worst:.2f} (goal >= {GOAL}); 'max in flight' = all hosts / one host, at the server")
        return 0 if worst >= GOAL else 1
    finally:
        parent.send("stop")
        server.join(timeout=10)
        if server.is_alive():
            server.terminate()


if __name__ == "__main__":
    raise SystemExit(main())
