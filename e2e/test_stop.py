"""A stop (SIGTERM) while a request is in flight: the request completes and the server exits 0.

Runs its own `docket serve` on SQLite, since it stops it."""
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time

import pytest

from conftest import start_server
import rawhttp


@pytest.fixture
def own_server():
    data = tempfile.mkdtemp(prefix="docket-stop-")
    proc, url, log = start_server(data, DOCKET_SHUTDOWN_GRACE_SECONDS="30")
    try:
        yield proc, url, data
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
        shutil.rmtree(data, ignore_errors=True)


def test_a_request_in_flight_finishes_and_the_stop_exits_zero(own_server):
    proc, url, data = own_server
    cookie, token = rawhttp.csrf_pair(url, "/verify")
    body = rawhttp.multipart(b"stopboundary", [(b"_csrf", token.encode())],
                             [(b"file", b"scan.pdf", b"%PDF-1.4\n" + os.urandom(2_000_000))])
    head = rawhttp.request("POST", "/verify", ["Cookie: docket_csrf=" + cookie,
                                               "Content-Type: multipart/form-data; boundary=stopboundary"], body)
    split = len(head) - len(body) // 2
    result = {}

    def slow_client():
        port = int(url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=60) as s:
            s.sendall(head[:split])
            result["sent-half"] = True
            while "go" not in result:
                time.sleep(0.05)
            s.sendall(head[split:])
            chunks = []
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
            result["raw"] = b"".join(chunks)

    client = threading.Thread(target=slow_client)
    client.start()
    while "sent-half" not in result:
        time.sleep(0.05)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    time.sleep(1.5)
    assert proc.poll() is None, "the server stopped with a request in flight"
    result["go"] = True
    client.join(timeout=60)
    raw = result.get("raw", b"")
    assert raw.startswith(b"HTTP/1.1 200"), raw[:300]
    assert b"Not issued by this court" in raw
    assert proc.wait(timeout=40) == 0
    # After the stop nothing listens.
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=2)
