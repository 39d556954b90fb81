#!/usr/bin/env python3
"""Whether pages stay as fast as the database grows: the same pages at two sizes.

    bench/scale/run [--small 1000] [--large 1000000] [--runs 3] [--duration 5] [--database-url postgres://…]
                    [--small-data DIR] [--large-data DIR]

For each size, `bench/pages/bench.py` populates a fresh database (SQLite by default) with that
many cases and drives an issued claim, an ODR case and My account (a filer with a few dozen
cases) with wrk. Prints each page's req/s and p99 at both sizes and the growth of p99 (the
target is at most 1.5×). On PostgreSQL each size gets a database of its own, dropped after.
A million cases take a while to generate: `--large-data` (and `--small-data`) name SQLite data
folders already filled by `docket populate --cases N --heavy 0`, used as they are.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

PAGES = ["issued claim", "ODR case", "My account"]
HERE = os.path.dirname(os.path.abspath(__file__))


def run(size, data, a):
    out = tempfile.mktemp(suffix=".json")
    args = [sys.executable, os.path.join(HERE, "..", "pages", "bench.py"), "--cases", str(size), "--heavy", "0",
            "--runs", str(a.runs), "--duration", str(a.duration), "--pages", ",".join(PAGES), "--json", out]
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    if data:
        args += ["--data", data]
    elif a.database_url:
        # A database of its own for each size: populate expects an empty one.
        name = f"docket_scale_{size}"
        base, _, _ = a.database_url.rpartition("/")
        subprocess.run(["psql", a.database_url, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", a.database_url, "-qc", f"CREATE DATABASE {name}"], check=True)
        args += ["--database-url", f"{base}/{name}"]
    subprocess.run(args, env=env, check=True, stdout=sys.stderr)
    with open(out) as f:
        result = json.load(f)
    os.unlink(out)
    return {r["name"]: r for r in result["rows"]}, result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--duration", type=int, default=5)
    ap.add_argument("--database-url", default=os.environ.get("DATABASE_URL"))
    ap.add_argument("--small-data", help="an SQLite data folder already populated with --small cases")
    ap.add_argument("--large-data", help="an SQLite data folder already populated with --large cases")
    a = ap.parse_args()
    if a.database_url and (a.small_data or a.large_data):
        ap.error("--small-data and --large-data are SQLite data folders; leave out --database-url")
    small, s_meta = run(a.small, a.small_data, a)
    large, l_meta = run(a.large, a.large_data, a)
    print(f"\n{'postgresql' if a.database_url else 'sqlite'}: {a.small:,} cases against {a.large:,}; median of {a.runs} runs "
          f"of {a.duration} s at 64 connections; peak RSS {s_meta['rss']} / {l_meta['rss']} MB; "
          f"cold start {s_meta['cold']:.2f} / {l_meta['cold']:.2f} s\n")
    print(f"| page | req/s at {a.small:,} | p99 | req/s at {a.large:,} | p99 | p99 growth |")
    print("|---|---|---|---|---|---|")
    worst = 0.0
    for name in PAGES:
        s, l = small[name], large[name]
        growth = l["p99"] / s["p99"] if s["p99"] else float("inf")
        worst = max(worst, growth)
        print(f"| {name} | {s['rps']:,.0f} | {s['p99']:.1f} ms | {l['rps']:,.0f} | {l['p99']:.1f} ms | {growth:.2f}× |")
    sys.exit(0 if worst <= 1.5 else 1)


if __name__ == "__main__":
    main()
