"""Real-size files on every upload page, in Chromium: a scanned PDF over 1 MB and a 10 KB invoice,
on /verify, a claim's documents, a prepared claim, and ODR evidence."""
import uuid

from conftest import Visitor, pdf_of_size
from test_accounts import register
from test_claims import catalogue
from test_odr import invitation_link, open_dispute

SCAN = pdf_of_size(1_600_000)
INVOICE = pdf_of_size(10_240)


def upload(page, label, name, data):
    page.get_by_label(label).set_input_files({"name": name, "mimeType": "application/pdf", "buffer": data})


def test_verify_takes_a_real_scan(visitor):
    t = catalogue("en")
    visitor.go("/verify")
    upload(visitor.page, t["verify.file"], "scan.pdf", SCAN)
    visitor.page.get_by_role("button", name=t["verify.submit"]).click()
    visitor.check()
    assert visitor.page.get_by_text(t["verify.notIssued.heading"]).first.is_visible()


def test_claim_documents_and_a_prepared_claim_take_real_files(visitor):
    t = catalogue("en")
    uid = uuid.uuid4().hex[:8]
    register(visitor, "uploader." + uid, "uploader.%s@example.com" % uid)
    page = visitor.page
    page.get_by_role("button", name=t["account.service.claim.start"]).click()
    visitor.check()
    page.get_by_role("link", name=t["claim.section.documents"], exact=True).click()
    visitor.check()
    for title, name, data in [("Scan of the contract", "contract-scan.pdf", SCAN), ("Invoice 1042", "invoice-1042.pdf", INVOICE)]:
        page.get_by_label(t["field.documentTitle"]).fill(title)
        upload(page, t["field.file"], name, data)
        page.get_by_role("button", name=t["button.upload"]).click()
        visitor.check()
        assert page.get_by_text(name).is_visible(), name

    visitor.go("/claims/prepared")
    page.get_by_label(t["field.officeCode"]).select_option("toronto-47-sheppard")
    page.get_by_label(t["venue.defendant-resides"]).check()
    page.get_by_label(t["documentKind.plaintiffs-claim"]).check()
    page.get_by_label(t["field.plaintiffName"]).fill("Łukasz Żółć")
    page.get_by_label(t["field.defendantNames"]).fill("Nguyễn Văn An")
    page.get_by_label(t["field.amount"]).fill("2500")
    page.get_by_label(t["field.incidentOn"]).fill("2026-03-15")
    upload(page, t["field.file"], "prepared-claim.pdf", SCAN)
    page.get_by_role("button", name=t["button.upload"]).click()
    visitor.check()
    assert page.url.endswith("/check"), page.url
    assert page.get_by_text("Nguyễn Văn An").first.is_visible()


def test_odr_evidence_takes_real_files(visitor, browser, base_url):
    t = catalogue("en")
    uid = uuid.uuid4().hex[:8]
    register(visitor, "claimant." + uid, "claimant.%s@example.com" % uid)
    page = visitor.page
    respondent_email = "respondent.%s@example.com" % uid
    case_url = open_dispute(visitor, t, respondent_email)

    context = browser.new_context(base_url=base_url)
    respondent = Visitor(context.new_page(), base_url, visitor.name + "-respondent")
    try:
        register(respondent, "respondent." + uid, respondent_email)
        respondent.go(invitation_link(base_url, respondent_email))
        respondent.page.get_by_role("button", name=t["button.acceptInvitation"]).click()
        respondent.check()
    finally:
        context.close()

    page.goto(case_url)
    visitor.check()
    for title, name, data in [("Photo of the empty room", "room-scan.pdf", SCAN), ("Receipt", "receipt.pdf", INVOICE)]:
        page.get_by_label(t["field.documentTitle"]).fill(title)
        upload(page, t["field.file"], name, data)
        page.get_by_role("button", name=t["button.upload"]).click()
        visitor.check()
        assert page.get_by_role("link", name=name).is_visible(), name
