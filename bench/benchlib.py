"""What the benchmarks share: waiting for a server, and a signed-in person as a browser would be."""
import http.client
import re
import time
import urllib.parse
import urllib.request

HOST = "127.0.0.1"


def wait_up(url, seconds=60):
    end = time.time() + seconds
    while time.time() < end:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except Exception:
            time.sleep(0.05)
    raise SystemExit(f"{url} did not answer within {seconds} s")


class Session:
    """A signed-in person on one kept-alive connection: cookies kept, the CSRF token read from a
    form once (it lasts as long as the session). Redirects are returned, not followed."""

    def __init__(self, port, sign_in_id, password):
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)
        self.cookies = {}
        self.token = self.csrf(self.get("/sign-in"))
        status, _, _ = self.post("/sign-in", {"signInID": sign_in_id, "password": password})
        if status != 303 or "docket_session" not in self.cookies:
            raise SystemExit(f"could not sign in as {sign_in_id}")
        self.token = self.csrf(self.get("/account"))

    def request(self, method, path, body=None):
        headers = {"Cookie": self.cookie()}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers.get("Location"), text

    def get(self, path):
        """A page, following redirects as a browser would (a clerk's My account leads to the staff pages)."""
        for _ in range(5):
            status, location, text = self.request("GET", path)
            if status in (301, 302, 303, 307) and location:
                path = location
                continue
            if status != 200:
                raise SystemExit(f"GET {path}: {status}")
            return text
        raise SystemExit(f"GET {path}: too many redirects")

    def post(self, path, fields):
        """Posts a form with the CSRF token; returns (status, location, body)."""
        return self.request("POST", path, urllib.parse.urlencode({"_csrf": self.token, **fields}))

    @staticmethod
    def csrf(page):
        return re.search(r'name="_csrf" value="([^"]+)"', page).group(1)

    def cookie(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def first(self, path, pattern):
        m = re.search(pattern, self.get(path))
        if not m:
            raise SystemExit(f"no link matching {pattern} on {path}")
        return m.group(0).strip('"')


def peak_rss(pid):
    """The process's peak resident memory, in MB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return 0
