"""Two people settle a dispute online, each in their own browser: invitation, acceptance, messages,
an offer, and a settlement agreement both sign, in English and in French."""
import datetime
import html
import re
import urllib.request
import uuid

import pytest

from conftest import Visitor
from test_accounts import register
from test_claims import catalogue


def invitation_link(base_url, email):
    page = urllib.request.urlopen(base_url + "/dev/mailbox").read().decode("utf-8")
    for article in page.split('<article class="mail">')[1:]:
        if email in article:
            match = re.search(r"(/odr/invitations/[A-Za-z0-9_\-]+)", html.unescape(article))
            if match:
                return match.group(1)
    raise AssertionError("no invitation for " + email)


def to_french(v):
    v.page.get_by_role("link", name="Français").click()
    v.check()


def open_dispute(v, t, respondent_email, respondent_name="Paul Roy"):
    """From My account: a complete dispute against one respondent, submitted; returns the case's address."""
    page = v.page
    page.get_by_role("button", name=t["account.service.odr.start"]).click()
    v.check()
    page.get_by_label(t["field.category"]).select_option("goods-services")
    page.get_by_label(t["field.description"]).fill("A sofa was paid for and never delivered.")
    page.get_by_label(t["field.amount"]).fill("1200")
    page.get_by_label(t["field.incidentOn"], exact=False).fill("2026-10-01")
    page.get_by_role("button", name=t["button.saveContinue"]).click()
    v.check()
    assert page.get_by_text(t["odr.status.incomplete"], exact=True).is_visible()
    page.get_by_label(t["field.respondentName"]).fill(respondent_name)
    page.get_by_label(t["field.respondentEmail"]).fill(respondent_email)
    page.get_by_role("button", name=t["button.addRespondent"]).click()
    v.check()
    page.get_by_role("button", name=t["button.submitOdr"]).click()
    v.check()
    assert page.get_by_text(t["odr.status.pending"], exact=True).is_visible()
    return page.url.split("?")[0]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_two_people_settle_online(visitor, browser, base_url, lang):
    t = catalogue(lang)
    uid = uuid.uuid4().hex[:8]
    claimant = visitor
    register(claimant, "claimant." + uid, "claimant.%s@example.com" % uid)
    if lang == "fr":
        to_french(claimant)
    page = claimant.page
    respondent_email = "respondent.%s@example.com" % uid
    case_url = open_dispute(claimant, t, respondent_email)

    context = browser.new_context(base_url=base_url)
    respondent = Visitor(context.new_page(), base_url, claimant.name + "-respondent")
    try:
        register(respondent, "respondent." + uid, respondent_email)
        if lang == "fr":
            to_french(respondent)
        rpage = respondent.page
        respondent.go(invitation_link(base_url, respondent_email))
        rpage.get_by_role("button", name=t["button.acceptInvitation"]).click()
        respondent.check()
        assert rpage.get_by_text(t["odr.status.active"], exact=True).is_visible()
        rpage.get_by_label(t["field.message"]).fill("The sofa was delayed by the supplier. I can refund most of it.")
        rpage.get_by_role("button", name=t["button.send"]).click()
        respondent.check()
        rpage.get_by_role("link", name=t["odr.offer.make"]).click()
        respondent.check()
        rpage.get_by_label(t["field.offerAmount"]).fill("1000")
        rpage.get_by_label(t["plan.lump-sum"]).check()
        rpage.get_by_label(t["methodChoice.e-transfer"]).check()
        pay_by = (datetime.date.today() + datetime.timedelta(days=21)).isoformat()
        rpage.get_by_label(t["field.payBy"]).fill(pay_by)
        rpage.get_by_role("button", name=t["button.sendOffer"]).click()
        respondent.check()

        page.goto(case_url)
        claimant.check()
        assert page.get_by_text("The sofa was delayed by the supplier.").is_visible()
        page.get_by_role("link", name=t["button.acceptOffer"]).click()
        claimant.check()
        assert page.get_by_text(t["odr.terms.withoutAdmission"]).is_visible()
        page.get_by_role("button", name=t["odr.confirmAccept.button"]).click()
        claimant.check()
        assert page.get_by_role("heading", name=t["odr.agreement.title"], level=1).is_visible()
        page.get_by_label(t["field.signatureName"]).fill("Marie Tremblay")
        page.get_by_label(t["field.signatureConfirm"]).check()
        page.get_by_role("button", name=t["button.sign"]).click()
        claimant.check()

        respondent.go(case_url.replace(base_url, "") + "/agreement")
        rpage.get_by_label(t["field.signatureName"]).fill("Paul Roy")
        rpage.get_by_label(t["field.signatureConfirm"]).check()
        rpage.get_by_role("button", name=t["button.sign"]).click()
        respondent.check()
        with rpage.expect_download() as download:
            rpage.get_by_role("link", name=t["odr.agreement.download"]).click()
        assert open(download.value.path(), "rb").read().startswith(b"%PDF-1.7")
        respondent.go(case_url.replace(base_url, ""))
        assert rpage.get_by_text(t["odr.status.settled"], exact=True).is_visible()
    finally:
        context.close()
