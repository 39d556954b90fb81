#!/usr/bin/env python3
"""Claims issued per second, end to end, with concurrent filers posting the real forms.

    bench/issuance/run [--filers 16] [--claims 100] [--runs 3] [--database-url postgres://…]

Populates a fresh data folder (`docket populate`, so each filer already has claims and the
frequent-claimant count is real), starts `docket serve` and signs in `--filers` generated filers.
Each run, every filer first drafts `--claims` claims through the same forms a browser posts
(office, plaintiff, defendant, representative, claim, interest, story, timeline, documents,
check); that part is timed separately. Then all filers submit at once (`POST …/fee`, the fee
paid): the measured part is from the first submission to the last response, each submission
answered only once its claim is issued, its sealed PDF registered and its email queued.

After the runs it checks the database: every submitted claim issued with a sealed document and a
queued email, and each office's file numbers for the year consecutive, none repeated or skipped.
"""
import argparse
import os
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from benchlib import Session, peak_rss, wait_up  # noqa: E402

PORT = 18082
OFFICES = ["toronto-47-sheppard", "ottawa-161-elgin", "brampton-7755-hurontario", "london-80-dundas",
           "hamilton-45-main-e", "richmond-hill-8500-leslie"]


def draft(s, n, office):
    """One claim drafted through the forms; returns its path."""
    status, path, _ = s.post("/claims", {})
    assert status == 303, f"new claim: {status}"
    forms = [
        ("/office", {"officeCode": office, "venue": "defendant-resides"}),
        ("/plaintiffs/new", {"partyKind": "individual", "firstName": "Élise", "lastName": f"Côté-{n}",
                             "address": "1 Main Street", "city": "Ottawa", "province": "ON", "postalCode": "K2P 2K1",
                             "phone": "613-555-0100", "email": f"elise{n}@example.com"}),
        ("/defendants/new", {"partyKind": "business", "businessName": "Rénovations Lavoie Inc.",
                             "alsoKnownAs": "Lavoie Reno", "address": "400 Queen Street West", "city": "Toronto",
                             "province": "ON", "postalCode": "M5V 2A8"}),
        ("/representative", {"filingForClient": "no"}),
        ("/claim/new", {"reason": "Unfinished renovation work paid in advance", "amount": f"{1000 + n % 9000}.00"}),
        ("/interest", {"interestBasis": "none"}),
        ("/story", {"summary": "I paid the defendant in advance for a kitchen renovation. It was never finished.",
                    "incidentOn": "2026-03-15"}),
        ("/timeline/new", {"eventOn": "2026-02-01", "eventText": "Contract signed and deposit paid"}),
        ("/documents/done", {}),
        ("/check", {}),
    ]
    for suffix, fields in forms:
        status, _, body = s.post(path + suffix, fields)
        assert status == 303, f"{path}{suffix}: {status} {body[:300]}"
    return path


def in_parallel(sessions, work):
    """Runs work(index, session) on one thread per session; returns the results in order."""
    results = [None] * len(sessions)
    errors = []

    def run(i):
        try:
            results[i] = work(i, sessions[i])
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(sessions))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def one_run(sessions, claims, counter):
    started = time.time()
    drafts = in_parallel(sessions, lambda i, s: [draft(s, counter + i * claims + k, OFFICES[i % len(OFFICES)])
                                                   for k in range(claims)])
    drafting = time.time() - started
    latencies = []
    lock = threading.Lock()

    def submit(i, s):
        for path in drafts[i]:
            t = time.time()
            status, location, body = s.post(path + "/fee", {"feeChoice": "pay", "declaration": "on"})
            elapsed = time.time() - t
            assert status == 303 and location.endswith("?submitted=1"), f"{path}/fee: {status} {location} {body[:300]}"
            with lock:
                latencies.append(elapsed * 1000)

    started = time.time()
    in_parallel(sessions, submit)
    seconds = time.time() - started
    latencies.sort()
    total = len(latencies)
    return {"rate": total / seconds, "p50": latencies[total // 2], "p99": latencies[min(total - 1, int(total * 0.99))],
            "drafting": total / drafting, "paths": [p for ps in drafts for p in ps]}


def check(database_url, data, issued):
    """Every submitted claim issued, sealed and mailed; file numbers consecutive per office and year."""
    ids = [p.split("/")[2] for p in issued]
    query = ("SELECT p.id, p.file_number, p.document_sha256 FROM case_projections p "
             "WHERE p.kind = 'court' AND p.file_number IS NOT NULL")
    if database_url:
        out = subprocess.run(["psql", database_url, "-At", "-F", "\t", "-c", query], capture_output=True, text=True,
                             check=True).stdout
        rows = [line.split("\t") for line in out.splitlines()]
        mail = int(subprocess.run(["psql", database_url, "-At", "-c", "SELECT count(*) FROM mail_outbox"],
                                  capture_output=True, text=True, check=True).stdout)
    else:
        db = sqlite3.connect(os.path.join(data, "docket.sqlite"))
        rows = [[str(c) if c is not None else "" for c in r] for r in db.execute(query)]
        mail = db.execute("SELECT count(*) FROM mail_outbox").fetchone()[0]
    by_id = {r[0].upper(): r for r in rows}
    missing = [i for i in ids if i.upper() not in by_id or not by_id[i.upper()][2]]
    series = {}
    for _, number, _ in rows:
        prefix, _, serial = number.rpartition("-")
        series.setdefault(prefix, []).append(int(serial))
    gaps = [p for p, serials in series.items() if sorted(serials) != list(range(1, len(serials) + 1))]
    return missing, gaps, mail


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--docket", default=".build/release/docket")
    ap.add_argument("--database-url", default=None, help="PostgreSQL instead of SQLite (an empty database)")
    ap.add_argument("--filers", type=int, default=16)
    ap.add_argument("--claims", type=int, default=100, help="claims each filer submits in each run")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cases", type=int, default=1000, help="cases populated before the runs")
    a = ap.parse_args()

    env = dict(os.environ, LOG_LEVEL="error", DOCKET_MAIL_INTERVAL_SECONDS="3600")
    env.pop("DATABASE_URL", None)
    if a.database_url:
        env["DATABASE_URL"] = a.database_url
    data = tempfile.mkdtemp(prefix="docket-issue-")
    env["DOCKET_DATA_DIR"] = data
    subprocess.run([a.docket, "populate", "--cases", str(a.cases), "--people", str(max(a.filers, a.cases // 10))],
                   env=env, check=True, stdout=sys.stderr)
    server = subprocess.Popen([a.docket, "serve", "--hostname", "127.0.0.1", "--port", str(PORT)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_up(f"http://127.0.0.1:{PORT}/health")
        sessions = [Session(PORT, f"filer{i + 1}", "generated-Password-1") for i in range(a.filers)]
        runs, issued = [], []
        for r in range(a.runs):
            result = one_run(sessions, a.claims, r * a.filers * a.claims)
            issued += result.pop("paths")
            runs.append(result)
            print(f"run {r + 1}: {result['rate']:.0f} claims/s, p99 {result['p99']:.0f} ms", file=sys.stderr)
        rss = peak_rss(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait()
    missing, gaps, mail = check(a.database_url, data, issued)
    shutil.rmtree(data, ignore_errors=True)

    rates = [r["rate"] for r in runs]
    med = statistics.median(rates)
    print(f"\n{'postgresql' if a.database_url else 'sqlite'}: {a.filers} filers × {a.claims} claims, "
          f"median of {a.runs} runs; peak RSS {rss} MB\n")
    print("| claims issued/s (spread) | submit p50 | submit p99 | drafting, claims/s |")
    print("|---|---|---|---|")
    print(f"| {med:.0f} ({100 * (max(rates) - min(rates)) / med:.0f}%) | "
          f"{statistics.median(r['p50'] for r in runs):.1f} ms | {statistics.median(r['p99'] for r in runs):.1f} ms | "
          f"{statistics.median(r['drafting'] for r in runs):.0f} |")
    print(f"\n{len(issued)} submitted; not issued and sealed: {len(missing)}; emails queued in all: {mail}; "
          f"file-number series with a gap or repeat: {gaps or 'none'}")
    if missing or gaps or mail < len(issued):
        sys.exit(1)


if __name__ == "__main__":
    main()
