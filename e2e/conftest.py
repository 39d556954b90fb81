"""Browser journeys against a running Docket, in Debian's Chromium driven by Playwright.

The server is DOCKET_E2E_URL if set (CI starts `docket serve`); otherwise this starts the
built `.build/debug/docket serve` on a free loopback port with a throwaway data folder.
Every page a test visits is checked with axe-core for WCAG 2.0/2.1 A and AA rules.
"""
import os
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHOTS = ROOT / "e2e" / "screenshots"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pdf_of_size(size):
    """A well-formed PDF of about `size` bytes: one stream of random bytes, like a scan."""
    payload = os.urandom(max(0, size - 400))
    out = b"%PDF-1.4\n"
    offsets = []
    for body in [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>",
                 b"<< /Length %d >>\nstream\n" % len(payload) + payload + b"\nendstream"]:
        offsets.append(len(out))
        out += b"%d 0 obj\n" % len(offsets) + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % (len(offsets) + 1)
    out += b"".join(b"%010d 00000 n\r\n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/ready", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("Docket did not become ready at " + url)


def start_server(data, **extra):
    """`.build/debug/docket serve` on a free loopback port over SQLite in `data`; (process, url, log file)."""
    binary = ROOT / ".build" / "debug" / "docket"
    if not binary.exists():
        pytest.fail("build first: swift build")
    port = _free_port()
    env = dict(os.environ, DOCKET_DATA_DIR=data, DOCKET_MAIL_INTERVAL_SECONDS="1", **extra)
    env.pop("DATABASE_URL", None)
    log = open(pathlib.Path(data) / "serve.log", "w")
    proc = subprocess.Popen([str(binary), "serve", "--hostname", "127.0.0.1", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = "http://127.0.0.1:%d" % port
    _wait(url)
    return proc, url, log


@pytest.fixture(scope="session")
def base_url():
    url = os.environ.get("DOCKET_E2E_URL")
    if url:
        _wait(url)
        yield url.rstrip("/")
        return
    data = tempfile.mkdtemp(prefix="docket-e2e-")
    # Commands the tests run (`docket staff add`) work on the same data folder as the server.
    os.environ["DOCKET_E2E_DATA"] = data
    proc, url, log = start_server(data)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                              args=["--no-sandbox"])
        yield b
        b.close()


class Visitor:
    """One person's browser tab. `check()` runs axe on the current page and fails on any violation."""

    axe = Axe()

    def __init__(self, page, base_url, name):
        self.page = page
        self.base = base_url
        self.name = name
        self.checked = []
        self.console_errors = []
        page.on("console", self._console)

    def _console(self, message):
        # A form answered with 422, or an error page, is reported against the document itself:
        # that status is the page working as meant. Any other error (a missing script or style,
        # a script error, a blocked inline script) fails the test.
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource") and message.location.get("url", "").split("?")[0] == self.page.url.split("?")[0]:
            return
        self.console_errors.append(message.text + " at " + message.location.get("url", ""))

    def go(self, path):
        response = self.page.goto(self.base + path)
        self.check()
        return response

    def check(self):
        self.page.wait_for_load_state("load")
        result = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG}})
        where = self.page.url
        self.checked.append(where)
        SHOTS.mkdir(exist_ok=True)
        shot = "%s-%02d.png" % (self.name, len(self.checked))
        self.page.screenshot(path=str(SHOTS / shot), full_page=True)
        assert result.violations_count == 0, "axe found violations on %s:\n%s" % (where, result.generate_report())
        assert not self.console_errors, "console errors on %s: %s" % (where, self.console_errors)


@pytest.fixture
def visitor(browser, base_url, request):
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    v = Visitor(page, base_url, request.node.name)
    yield v
    context.close()
