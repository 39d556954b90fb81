#!/usr/bin/env python3
"""Docket's pages against a bare Vapor app, measured from outside with wrk on loopback.

    bench/pages/run [--cases 1000] [--heavy 10000] [--runs 3] [--duration 10]

Builds nothing itself (`bench/pages/run` builds both release binaries first). Populates a fresh
data folder with `docket populate` unless --data names one already populated, starts the bare
app and `docket serve`, signs in as a generated filer, the heavy filer and a clerk, and drives
each page with `wrk -t1 -c64` and `-c8`, `runs` times each. Prints one table: the median req/s
(with its spread), p50 and p99 at 64 connections, p99 at 8, and the share of bare `/html`.
"""
import argparse
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import HOST, Session, peak_rss, wait_up  # noqa: E402


def wrk(url, connections, duration, cookie=None):
    """Runs wrk once; returns (req/s, p50 ms, p99 ms, non-2xx count)."""
    args = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        args[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)\b", out)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return rps, pct(50), pct(99), int(bad.group(1)) if bad else 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docket", default=".build/release/docket")
    ap.add_argument("--bare", default="bench/bare/.build/release/bare")
    ap.add_argument("--data", help="a data folder already populated (default: a new one)")
    ap.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), help="PostgreSQL instead of SQLite")
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--heavy", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--pages", default="", help="comma-separated page names to run (default all)")
    ap.add_argument("--json", help="also write the rows, cold start and peak RSS to this file")
    a = ap.parse_args()

    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if a.database_url:
        env["DATABASE_URL"] = a.database_url
    data = a.data or tempfile.mkdtemp(prefix="docket-bench-")
    env["DOCKET_DATA_DIR"] = data
    env["LOG_LEVEL"] = "error"
    if not a.data:
        started = time.time()
        subprocess.run([a.docket, "populate", "--cases", str(a.cases), "--heavy", str(a.heavy)], env=env, check=True,
                       stdout=sys.stderr)
        print(f"populated {a.cases} cases + {a.heavy} for one filer in {time.time() - started:.0f} s", file=sys.stderr)

    rows = []
    bare = subprocess.Popen([a.bare, "serve", "--hostname", HOST, "--port", "18080"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        wait_up(f"http://{HOST}:18080/html")
        for name, path in [("bare /html", "/html"), ("bare /health", "/health")]:
            rows.append(measure(name, f"http://{HOST}:18080{path}", None, a))
    finally:
        bare.send_signal(signal.SIGINT)
        bare.wait()

    base = f"http://{HOST}:18081"
    started = time.time()
    docket = subprocess.Popen([a.docket, "serve", "--hostname", HOST, "--port", "18081"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_up(base + "/health")
        cold = time.time() - started
        filer = Session(18081, "filer1", "generated-Password-1")
        heavy = Session(18081, "heavy", "generated-Password-1") if a.heavy else None
        clerk = Session(18081, "clerk", "generated-Password-1")
        claim = filer.first("/account/transactions", r'"/claims/[0-9A-F-]{36}"')
        dispute = filer.first("/account", r'"/odr/[0-9A-F-]{36}"')
        _, task_list, _ = filer.post("/claims", {})
        pages = [
            ("/health", "/health", None),
            ("home page", "/", None),
            ("sign-in", "/sign-in", None),
            ("claim task list", task_list, filer),
            ("issued claim", claim, filer),
            ("My account", "/account", filer),
            ("ODR case", dispute, filer),
            ("clerks' queue", "/staff/claims", clerk),
            (f"My account, {a.heavy:,} cases", "/account", heavy),
            (f"My account, {a.heavy:,} cases, page 200", "/account?page=200", heavy),
        ]
        wanted = set(filter(None, a.pages.split(",")))
        for name, path, who in pages:
            if (wanted and name not in wanted) or (name.startswith("My account, ") and not heavy):
                continue
            rows.append(measure(name, base + path, who.cookie() if who else None, a))
        rss = peak_rss(docket.pid)
    finally:
        docket.send_signal(signal.SIGTERM)
        docket.wait()
        if not a.data:
            shutil.rmtree(data, ignore_errors=True)

    if a.json:
        import json
        with open(a.json, "w") as f:
            json.dump({"rows": rows, "cold": cold, "rss": rss}, f)
    bare_rps = rows[0]["rps"]
    print(f"\n{'postgresql' if a.database_url else 'sqlite'}, {a.cases:,} cases + {a.heavy:,} for one filer; "
          f"median of {a.runs} runs of {a.duration} s; wrk -t1; cold start {cold:.2f} s; peak RSS {rss} MB\n")
    print("| page | req/s (spread) | p50 | p99 @64 | p99 @8 | share of bare /html |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['rps']:,.0f} ({r['spread']:.0f}%) | {r['p50']:.1f} ms | {r['p99']:.1f} ms | "
              f"{r['p99_8']:.1f} ms | {100 * r['rps'] / bare_rps:.1f}% |" + (f" {r['bad']} errors" if r["bad"] else ""))


def measure(name, url, cookie, a):
    runs = [wrk(url, 64, a.duration, cookie) for _ in range(a.runs)]
    few = [wrk(url, 8, max(3, a.duration // 2), cookie) for _ in range(a.runs)]
    rps = [r[0] for r in runs]
    med = statistics.median(rps)
    row = {"name": name, "rps": med, "spread": 100 * (max(rps) - min(rps)) / med if med else 0,
           "p50": statistics.median(r[1] for r in runs), "p99": statistics.median(r[2] for r in runs),
           "p99_8": statistics.median(r[2] for r in few), "bad": sum(r[3] for r in runs + few)}
    print(f"{name}: {med:,.0f} req/s, p99 {row['p99']:.1f} ms", file=sys.stderr)
    return row


if __name__ == "__main__":
    main()
