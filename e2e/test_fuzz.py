"""Random and mutated requests to every route: no 500, no dropped connection, and the server
stays up. Thousands of requests (DOCKET_FUZZ_REQUESTS, at least 5,000 by default), through real
sockets, with and without a valid CSRF token and a signed-in session, so they reach the handlers."""
import os
import random
import re
import subprocess
import tempfile
import urllib.parse

from conftest import ROOT
import rawhttp

FIELDS = [b"_csrf", b"next", b"signInID", b"password", b"email", b"firstName", b"lastName", b"address", b"amount",
          b"documentTitle", b"file", b"message", b"sha256", b"officeCode", b"venue", b"reason", b"token", b"name",
          b"identifier", b"answer1", b"category", b"description", b"incidentOn", b"respondentName", b"respondentEmail",
          b"kind", b"partyKind", b"rate", b"interest", b"summary", b"plaintiffName", b"defendantNames", b"documentKind"]
NASTY = [b"", b"0", b"-1", b"99999999999999999999", b"1e309", b"NaN", b"%00", b"\x00", b"\r\n", b"\r\nSet-Cookie: x=y",
         b"../../etc/passwd", b"<script>alert(1)</script>", b"' OR 1=1 --", "李小龍".encode(), "Nguyễn".encode(),
         b"\xff\xfe", b"A" * 12000, b"2026-02-30", b"9999-12-31", b"on", b"true", b"//evil.example", b"/\t/evil.example",
         b"1,234.56", b"-5.00", "1 234,56 $".encode(), b"\xe2\x80\xae", b"{}", b"[]", b"=", b"&&&", b"%"]


def routes():
    """(method, path) of every route, from `docket routes` (no server needed)."""
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    out = subprocess.run([str(ROOT / ".build" / "debug" / "docket"), "routes"], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120).stdout
    return re.findall(r"\|\s*(GET|POST|PUT|DELETE|PATCH)\s*\|\s*(\S+)\s*\|", out)


def fill(path, rng):
    parts = []
    for part in path.split("/"):
        if part.startswith(":"):
            part = rng.choice(["00000000-0000-0000-0000-000000000000", "1", "-1", "x" * 300, "%2e%2e", "0", "abc",
                               str(rng.randint(0, 99)), "%0d%0a"])
        elif part == "*" or part == "**":
            part = "anything"
        parts.append(part)
    return "/".join(parts) or "/"


def body_for(rng, token):
    kind = rng.randrange(6)
    pairs = [(rng.choice(FIELDS), rng.choice(NASTY + [os.urandom(rng.randrange(1, 40))])) for _ in range(rng.randrange(0, 8))]
    if token and rng.random() < 0.8:
        pairs.append((b"_csrf", token.encode()))
    if kind <= 1:
        data = b"&".join(urllib.parse.quote_from_bytes(k).encode() + b"=" + urllib.parse.quote_from_bytes(v).encode() for k, v in pairs)
        return "application/x-www-form-urlencoded", data
    if kind == 2:
        boundary = rng.choice([b"b0und4ry", b"x" * 70, b"with space", b"q'()+_,-./:=?"])
        data = rawhttp.multipart(boundary, pairs, [(b"file", b"f.pdf", rng.choice([b"%PDF-1.4\n" + os.urandom(rng.randrange(0, 5000)), os.urandom(300), b""]))])
        if rng.random() < 0.4:
            data = data[:rng.randrange(0, len(data) + 1)]          # cut off anywhere
        if rng.random() < 0.2:
            data = bytearray(data); data[rng.randrange(len(data) or 1) if data else 0:][:1] = b"\r"; data = bytes(data)
        ctype = "multipart/form-data; boundary=" + rng.choice([boundary.decode(), "", '""', "other", boundary.decode() + " "])
        return ctype, data
    if kind == 3:
        return rng.choice(["application/json", "text/plain", "application/octet-stream"]), os.urandom(rng.randrange(0, 2000))
    if kind == 4:
        return rng.choice(["multipart/form-data", "multipart/mixed; boundary=a", "application/x-www-form-urlencoded; charset=latin-9", "x/y"]), os.urandom(100)
    return None, b""


def register(url):
    cookie, token = rawhttp.csrf_pair(url, "/register")
    form = {"kind": "individual", "lastName": "Fuzz", "firstName": "Test", "address": "1 Main Street", "city": "Ottawa",
            "province": "ON", "country": "CA", "postalCode": "K2P 2K1", "phone": "613-555-0100",
            "email": "fuzz%d@example.com" % random.randrange(10**9), "signInID": "fuzz%d" % random.randrange(10**9),
            "password": "quiet-harbour-lamp-4821", "passwordConfirmation": "quiet-harbour-lamp-4821",
            "question1": "firstPet", "answer1": "Rex", "question2": "firstJob", "answer2": "Corner Bakery",
            "question3": "favouriteBook", "answer3": "Dune", "acceptsTerms": "on", "_csrf": token}
    status, raw = rawhttp.exchange(url, rawhttp.request("POST", "/register", [
        "Cookie: docket_csrf=" + cookie, "Content-Type: application/x-www-form-urlencoded"],
        urllib.parse.urlencode(form).encode()))
    assert status == 303, raw[:400]
    session = re.search(rb"(?i)set-cookie: docket_session=([^;]+)", raw).group(1).decode()
    fresh = re.search(rb"(?i)set-cookie: docket_csrf=([^;]+)", raw)
    cookie = fresh.group(1).decode() if fresh else cookie
    status, raw = rawhttp.exchange(url, rawhttp.request("GET", "/account", ["Cookie: docket_csrf=%s; docket_session=%s" % (cookie, session)]))
    token = re.search(rb'name="_csrf" value="([^"]+)"', raw).group(1).decode()
    return "docket_csrf=%s; docket_session=%s" % (cookie, session), token


def test_random_and_mutated_requests_never_get_a_500(base_url):
    rng = random.Random(int(os.environ.get("DOCKET_FUZZ_SEED", "20261124")))
    table = routes()
    assert len(table) > 40
    anonymous_cookie, anonymous_token = rawhttp.csrf_pair(base_url)
    signed_cookie, signed_token = register(base_url)
    identities = [(None, None), ("docket_csrf=" + anonymous_cookie, anonymous_token), (signed_cookie, signed_token)]
    total = int(os.environ.get("DOCKET_FUZZ_REQUESTS", "5000"))
    problems = []
    for n in range(total):
        method, path = table[n % len(table)]
        if rng.random() < 0.1:
            method = rng.choice(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"])
        target = fill(path, rng)
        if rng.random() < 0.3:
            target += "?" + rng.choice(["next=%2Faccount%0D%0ASet-Cookie:x", "lang=fr", "lang=" + "z" * 500, "token=" + "%ff" * 10,
                                        "expired=1&done=signed-out", "a[b][c]=1", "%%%", "welcome=1&next=//evil"])
        cookie, token = rng.choice(identities)
        headers = ["Cookie: " + cookie] if cookie else []
        if rng.random() < 0.1:
            headers.append("Accept: application/json")
        if rng.random() < 0.1:
            headers.append("Accept-Language: " + rng.choice(["fr-CA", "xx", "fr;q=abc", "*"]))
        body = b""
        if method not in ("GET", "HEAD"):
            ctype, body = body_for(rng, token)
            if ctype:
                headers.append("Content-Type: " + ctype)
            if token and rng.random() < 0.2:
                headers.append("X-CSRF-Token: " + token)
        status, raw = rawhttp.exchange(base_url, rawhttp.request(method, target, headers, body))
        if status is None or status >= 500:
            problems.append((status, method, target, headers, body[:200], raw[:300]))
    assert not problems, "%d of %d requests failed; first: %r" % (len(problems), total, problems[:3])
    status, _ = rawhttp.exchange(base_url, rawhttp.request("GET", "/health"))
    assert status == 200
