"""Deadlines through the development clock, in Chromium: an ODR invitation's day-7 and day-12
reminders and its lapse on day 15, and a missed instalment that puts an agreement in default and
leads to a court claim for the balance. The clock is always put back, since other journeys share
the server."""
import datetime
import html
import re
import urllib.request
import uuid

import pytest

from conftest import Visitor
from test_accounts import PASSWORD, register
from test_claims import catalogue
from test_odr import invitation_link, open_dispute

T = catalogue("en")


def move_clock(v, days):
    v.go("/dev/clock")
    v.page.get_by_label(T["devClock.days"]).fill(str(days))
    v.page.get_by_role("button", name=T["devClock.advance"]).click()
    v.check()


def reset_clock(base_url, browser):
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        page.goto(base_url + "/dev/clock")
        page.get_by_role("button", name=T["devClock.reset"]).click()
    finally:
        context.close()


def sign_in(v, sign_in_id):
    v.go("/sign-in")
    v.page.get_by_label(T["field.signInIDOrEmail"]).fill(sign_in_id)
    v.page.get_by_label(T["field.password"]).fill(PASSWORD)
    v.page.get_by_role("button", name=T["signIn.submit"]).click()
    v.check()


def mailbox_subjects(base_url, email):
    page = urllib.request.urlopen(base_url + "/dev/mailbox").read().decode("utf-8")
    subjects = []
    for article in page.split('<article class="mail">')[1:]:
        if email in article:
            subjects.append(html.unescape(re.search(r"<h2>(.*?)</h2>", article, re.S).group(1)))
    return subjects


def test_reminders_on_days_seven_and_twelve_then_the_case_lapses(visitor, browser, base_url):
    uid = uuid.uuid4().hex[:8]
    register(visitor, "lapse." + uid, "lapse.%s@example.com" % uid)
    respondent = "quiet.%s@example.com" % uid
    case_url = open_dispute(visitor, T, respondent)
    try:
        reminders = lambda: [s for s in mailbox_subjects(base_url, respondent) if s.startswith("Reminder:")]
        assert reminders() == []
        move_clock(visitor, 7)
        assert len(reminders()) == 1
        move_clock(visitor, 5)
        assert len(reminders()) == 2
        move_clock(visitor, 3)
        sign_in(visitor, "lapse." + uid)
        visitor.page.goto(case_url)
        visitor.check()
        assert visitor.page.get_by_text("%s — %s" % (T["odr.status.closed"], T["odr.closure.no-response"])).first.is_visible()
        assert visitor.page.get_by_role("button", name=T["button.fileClaim.closed"]).is_visible()
        assert any(s.startswith(T["mail.odrClosed.subject"]) for s in mailbox_subjects(base_url, respondent))
    finally:
        reset_clock(base_url, browser)


def test_a_missed_instalment_puts_the_agreement_in_default_and_leads_to_a_claim(visitor, browser, base_url):
    uid = uuid.uuid4().hex[:8]
    register(visitor, "owed." + uid, "owed.%s@example.com" % uid)
    respondent_email = "owing.%s@example.com" % uid
    case_url = open_dispute(visitor, T, respondent_email)
    context = browser.new_context(base_url=base_url)
    respondent = Visitor(context.new_page(), base_url, visitor.name + "-respondent")
    try:
        register(respondent, "owing." + uid, respondent_email)
        rpage = respondent.page
        respondent.go(invitation_link(base_url, respondent_email))
        rpage.get_by_role("button", name=T["button.acceptInvitation"]).click()
        respondent.check()
        rpage.get_by_role("link", name=T["odr.offer.make"]).click()
        respondent.check()
        rpage.get_by_label(T["field.offerAmount"]).fill("1000")
        rpage.get_by_label(T["plan.instalments"]).check()
        rpage.get_by_label(T["field.instalment"]).fill("500")
        rpage.get_by_label(T["field.frequency"]).select_option("monthly")
        first = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
        rpage.get_by_label(T["field.firstPayment"]).fill(first)
        rpage.get_by_label(T["methodChoice.e-transfer"]).check()
        rpage.get_by_label(T["field.claimOnDefault"]).check()
        rpage.get_by_role("button", name=T["button.sendOffer"]).click()
        respondent.check()

        page = visitor.page
        page.goto(case_url)
        visitor.check()
        page.get_by_role("link", name=T["button.acceptOffer"]).click()
        visitor.check()
        page.get_by_role("button", name=T["odr.confirmAccept.button"]).click()
        visitor.check()
        for v, name in [(visitor, "Marie Tremblay"), (respondent, "Paul Roy")]:
            v.page.goto(case_url + "/agreement")
            v.check()
            v.page.get_by_label(T["field.signatureName"]).fill(name)
            v.page.get_by_label(T["field.signatureConfirm"]).check()
            v.page.get_by_role("button", name=T["button.sign"]).click()
            v.check()

        move_clock(visitor, 20)
        sign_in(visitor, "owed." + uid)
        page.goto(case_url)
        visitor.check()
        assert page.get_by_text(T["odr.status.in-default"], exact=True).first.is_visible()
        page.get_by_role("button", name=T["button.fileClaim"]).click()
        visitor.check()
        assert page.get_by_role("heading", name=T["claim.tasks.title"], level=1).is_visible()
        assert any(s.startswith(T["mail.odrDefault.subject"]) for s in mailbox_subjects(base_url, respondent_email))
    finally:
        context.close()
        reset_clock(base_url, browser)
