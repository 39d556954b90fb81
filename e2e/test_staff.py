"""Court staff: a clerk made with `docket staff add` sets a password from the link, signs in, and
checks the integrity of every case's docket and the clerks' queue."""
import os
import subprocess
import uuid

from conftest import ROOT
from test_accounts import PASSWORD


def add_clerk(email):
    """Runs `docket staff add` on the server's database; returns the path of the set-up link."""
    env = dict(os.environ)
    if os.environ.get("DOCKET_E2E_DATA"):
        env["DOCKET_DATA_DIR"] = os.environ["DOCKET_E2E_DATA"]
        env.pop("DATABASE_URL", None)
    out = subprocess.run([str(ROOT / ".build" / "debug" / "docket"), "staff", "add", "--email", email, "--role", "clerk"],
                         cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout
    link = out.strip().splitlines()[-1]
    return link[link.index("/recover"):]


def test_a_clerk_checks_every_docket_and_the_queue(visitor):
    v = visitor
    email = "clerk.%s@example.com" % uuid.uuid4().hex[:8]
    v.go(add_clerk(email))
    v.page.get_by_label("New password").fill(PASSWORD)
    v.page.get_by_label("Confirm the password").fill(PASSWORD)
    v.page.get_by_role("button", name="Set the new password").click()
    v.check()
    v.go("/sign-in")
    v.page.get_by_label("Sign-in ID or email address").fill(email)
    v.page.get_by_label("Password").fill(PASSWORD)
    v.page.get_by_role("button", name="Sign in").click()
    v.check()
    v.page.get_by_role("link", name="Docket integrity").click()
    v.check()
    assert v.page.get_by_text("intact").is_visible()
    v.go("/staff")
    v.page.get_by_role("link", name="Claims to review").click()
    v.check()
