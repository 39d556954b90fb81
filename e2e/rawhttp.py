"""A plain-socket HTTP client for tests that need exact bytes: pieces, pauses, raw headers."""
import re
import socket
import urllib.parse


def exchange(url, data, pieces=1, pause=0.0, timeout=60):
    """Sends `data` (bytes) in `pieces` writes and returns (status or None, raw response bytes)."""
    u = urllib.parse.urlparse(url)
    with socket.create_connection((u.hostname, u.port), timeout=timeout) as s:
        step = max(1, len(data) // pieces)
        for i in range(0, len(data), step):
            try:
                s.sendall(data[i:i + step])
            except OSError:
                break
            if pause:
                import time
                time.sleep(pause)
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    raw = b"".join(chunks)
    m = re.match(rb"HTTP/1\.[01] (\d{3})", raw)
    return (int(m.group(1)) if m else None), raw


def request(method, target, headers=(), body=b""):
    lines = ["%s %s HTTP/1.1" % (method, target), "Host: 127.0.0.1", "Connection: close"] + list(headers)
    if body or method not in ("GET", "HEAD"):
        lines.append("Content-Length: %d" % len(body))
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def csrf_pair(url, path="/sign-in"):
    """A CSRF cookie and its token, as a browser gets them from a form page."""
    status, raw = exchange(url, request("GET", path))
    cookie = re.search(rb"(?i)set-cookie: docket_csrf=([^;]+)", raw)
    token = re.search(rb'name="_csrf" value="([^"]+)"', raw)
    assert status == 200 and cookie and token, raw[:500]
    return cookie.group(1).decode(), token.group(1).decode()


def multipart(boundary, fields, files=()):
    out = b""
    for name, value in fields:
        out += b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + name + b'"\r\n\r\n' + value + b"\r\n"
    for name, filename, data in files:
        out += (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="' + name + b'"; filename="' + filename
                + b'"\r\nContent-Type: application/pdf\r\n\r\n' + data + b"\r\n")
    return out + b"--" + boundary + b"--\r\n"
