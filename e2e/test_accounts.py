"""Accounts in a real browser: register, sign out and in, French, recovery by security questions."""
import re
import uuid

PASSWORD = "river-lantern-orbit"


def register(v, sign_in_id, email, language_switch=False):
    v.go("/")
    v.page.get_by_role("link", name="Create an account").first.click()
    v.check()
    page = v.page
    page.get_by_label("An individual representing myself in a court proceeding").check()
    page.get_by_label("Last name").fill("Tremblay")
    page.get_by_label("First name").fill("Marie")
    page.get_by_label("Street address, unit or P.O. box").fill("1 Main Street")
    page.get_by_label("City, town or village").fill("Ottawa")
    page.get_by_label("Province or state").fill("ON")
    page.get_by_label("Postal or ZIP code").fill("K2P 2K1")
    page.get_by_label("Phone number").fill("613-555-0100")
    page.get_by_label("Email address", exact=True).fill(email)
    page.get_by_label("Sign-in ID").fill(sign_in_id)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Confirm the password").fill(PASSWORD)
    for i, (q, a) in enumerate([("firstPet", "Rex"), ("firstJob", "Corner Bakery"), ("favouriteBook", "Dune")], 1):
        page.get_by_label("Question %d" % i, exact=True).select_option(q)
        page.get_by_label("Answer %d" % i, exact=True).fill(a)
    page.get_by_label("I have read and accept the terms of use").check()
    page.get_by_role("button", name="Create account").click()
    v.check()
    assert page.get_by_role("heading", name="My account", level=1).is_visible()
    assert page.get_by_text("Your account has been created.").is_visible()


def sign_out(v):
    v.page.get_by_role("button", name=re.compile("Sign out|Se déconnecter")).click()
    v.check()


def test_register_sign_out_and_sign_in(visitor):
    v = visitor
    uid = uuid.uuid4().hex[:8]
    register(v, "marie." + uid, "marie.%s@example.com" % uid)
    sign_out(v)
    assert v.page.get_by_text("You have signed out.").is_visible()

    v.page.get_by_label("Sign-in ID or email address").fill("MARIE.%s@example.com" % uid)
    v.page.get_by_label("Password").fill("not the password")
    v.page.get_by_role("button", name="Sign in").click()
    v.check()
    assert v.page.get_by_role("heading", name="There is a problem").is_visible()

    v.page.get_by_label("Password").fill(PASSWORD)
    v.page.get_by_role("button", name="Sign in").click()
    v.check()
    assert v.page.get_by_role("heading", name="My account", level=1).is_visible()

    v.page.get_by_role("link", name="View or change your contact information").click()
    v.check()
    v.page.get_by_label("Postal or ZIP code").fill("12345")
    v.page.get_by_role("button", name="Save").click()
    v.check()
    summary = v.page.get_by_role("alert")
    assert "Enter a Canadian postal code like K2P 2K1." in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert v.page.evaluate("document.activeElement.id") == "postalCode"


def test_registration_errors_are_summarised(visitor):
    v = visitor
    v.go("/register")
    v.page.get_by_role("button", name="Create account").click()
    v.check()
    summary = v.page.get_by_role("alert")
    assert "Enter your last name." in summary.inner_text()
    assert "Confirm that you accept the terms of use." in summary.inner_text()


def test_switch_to_french_and_back(visitor):
    v = visitor
    v.go("/sign-in")
    v.page.get_by_role("link", name="Français").click()
    v.check()
    assert v.page.locator("html").get_attribute("lang") == "fr"
    assert v.page.get_by_role("heading", name="Connexion", level=1).is_visible()
    # The choice is remembered on the next page.
    v.page.get_by_role("link", name="Créer un compte").first.click()
    v.check()
    assert v.page.locator("html").get_attribute("lang") == "fr"
    v.page.get_by_role("button", name="Créer le compte").click()
    v.check()
    assert v.page.get_by_role("heading", name="Il y a un problème").is_visible()
    v.page.get_by_role("link", name="English").click()
    v.check()
    assert v.page.locator("html").get_attribute("lang") == "en"


def test_recover_a_password_with_security_questions(visitor, browser, base_url):
    v = visitor
    uid = uuid.uuid4().hex[:8]
    register(v, "rec." + uid, "rec.%s@example.com" % uid)
    sign_out(v)
    v.page.get_by_role("link", name="I forgot my password").click()
    v.check()
    v.page.get_by_role("link", name="Answer my security questions").click()
    v.check()
    v.page.get_by_label("Sign-in ID or email address").fill("rec." + uid)
    v.page.get_by_role("button", name="Continue").click()
    v.check()
    v.page.get_by_label("What was the name of your first pet?").fill("  rex ")
    v.page.get_by_label("Where was your first job?").fill("corner bakery")
    v.page.get_by_label("What is the title of your favourite book?").fill("DUNE")
    v.page.get_by_label("New password").fill("harbour-quiet-meadow")
    v.page.get_by_label("Confirm the password").fill("harbour-quiet-meadow")
    v.page.get_by_role("button", name="Set the new password").click()
    v.check()
    assert v.page.get_by_text("Your password has been changed.").is_visible()
    v.page.get_by_label("Sign-in ID or email address").fill("rec." + uid)
    v.page.get_by_label("Password").fill("harbour-quiet-meadow")
    v.page.get_by_role("button", name="Sign in").click()
    v.check()
    assert v.page.get_by_role("heading", name="My account", level=1).is_visible()


def test_public_pages_in_both_languages(visitor):
    v = visitor
    for lang in ("en", "fr"):
        for path in ("/", "/terms", "/accessibility", "/contact", "/court-offices", "/verify", "/recover", "/recover/email",
                     "/recover/sign-in-id", "/no-such-page"):
            v.go(path + "?lang=" + lang)
            assert v.page.locator("html").get_attribute("lang") == lang


def test_the_skip_link_reaches_the_main_content(visitor):
    v = visitor
    v.go("/")
    v.page.keyboard.press("Tab")
    assert v.page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    v.page.keyboard.press("Enter")
    assert v.page.evaluate("document.activeElement.id") == "main"


def test_a_warning_before_the_idle_sign_out_keeps_the_session(visitor):
    v = visitor
    v.page.clock.install()
    uid = uuid.uuid4().hex[:8]
    register(v, "idle." + uid, "idle.%s@example.com" % uid)
    warning = v.page.get_by_role("alertdialog")
    assert not warning.is_visible()
    # 13 of the 15 minutes pass in the page: the warning appears and takes focus.
    v.page.clock.run_for(13 * 60 * 1000 + 1000)
    assert warning.is_visible()
    v.check()
    assert v.page.evaluate("document.activeElement.id") == "idle-stay"
    with v.page.expect_response(lambda r: r.url.endswith("/session/extend")) as answer:
        v.page.get_by_role("button", name="Stay signed in").click()
    assert answer.value.status == 204
    assert not warning.is_visible()
    assert v.page.get_by_role("heading", name="My account", level=1).is_visible()
