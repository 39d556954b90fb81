"""Filing a Plaintiff's Claim in a real browser, from sign-in to the issued, sealed PDF, in English
and in French. Labels come from the string catalogues, so the journey reads the page as a person does."""
import json
import re
import subprocess
import uuid

import pytest

from conftest import ROOT
from test_accounts import register

PNG = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + bytes(64)


def catalogue(lang):
    return json.loads((ROOT / "Resources" / "Localization" / ("%s.json" % lang)).read_text(encoding="utf-8"))


def save(v, t):
    v.page.get_by_role("button", name=t["button.saveContinue"]).click()
    v.check()


def open_section(v, t, key):
    v.page.get_by_role("link", name=t[key], exact=True).click()
    v.check()


def back_to_task_list(v, t):
    v.page.get_by_role("link", name=t["claim.back"]).first.click()
    v.check()
    assert v.page.get_by_role("heading", name=t["claim.tasks.title"], level=1).is_visible()


def add_party(v, t, side, fields):
    open_section(v, t, "claim.section.%ss" % side)
    v.page.get_by_role("link", name=t["claim.section.%ss.add" % side]).click()
    v.check()
    page = v.page
    page.get_by_label(t["partyKind.%s" % fields.pop("kind")]).check()
    for key, value in fields.items():
        page.get_by_label(t["field." + key], exact=False).first.fill(value)
    save(v, t)
    assert page.get_by_role("heading", name=t["claim.section.%ss" % side], level=1).is_visible()
    back_to_task_list(v, t)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_file_a_claim_and_download_the_issued_copy(visitor, lang):
    v = visitor
    t = catalogue(lang)
    uid = uuid.uuid4().hex[:8]
    register(v, "filer." + uid, "filer.%s@example.com" % uid)
    if lang == "fr":
        v.page.get_by_role("link", name="Français").click()
        v.check()
    page = v.page

    page.get_by_role("button", name=t["account.service.claim.start"]).click()
    v.check()
    assert page.get_by_text(t["claim.status.incomplete"]).first.is_visible()

    open_section(v, t, "claim.section.office")
    page.get_by_label(t["field.officeCode"]).select_option("toronto-47-sheppard")
    page.get_by_label(t["venue.defendant-resides"]).check()
    save(v, t)

    add_party(v, t, "plaintiff", {"kind": "individual", "firstName": "Marie", "lastName": "Tremblay",
                                  "address": "1 Main Street", "city": "Ottawa", "postalCode": "K2P 2K1", "phone": "613-555-0100"})
    add_party(v, t, "defendant", {"kind": "business", "businessName": "Rénovations Lavoie Inc.",
                                  "address": "400 Queen Street West", "city": "Toronto", "postalCode": "M5V 2A8"})

    open_section(v, t, "claim.section.representative")
    page.get_by_label(t["filingForClient.no"]).check()
    save(v, t)

    open_section(v, t, "claim.section.claim")
    page.get_by_role("link", name=t["claim.section.claim.add"]).click()
    v.check()
    page.get_by_label(t["field.reason"]).fill("Unfinished kitchen renovation")
    page.get_by_label(t["field.amount"]).fill("7,500.00" if lang == "en" else "7 500,00")
    save(v, t)
    page.get_by_role("link", name=t["claim.interest.add"]).click()
    v.check()
    page.get_by_label(t["interestBasis.none"]).check()
    save(v, t)
    back_to_task_list(v, t)

    open_section(v, t, "claim.section.story")
    page.get_by_label(t["field.summary"]).fill("I paid a deposit for a kitchen renovation that was never finished.")
    page.get_by_label(t["field.incidentOn"]).fill("2026-03-15")
    save(v, t)
    page.get_by_role("link", name=t["claim.timeline.add"]).click()
    v.check()
    page.get_by_label(t["field.eventOn"]).fill("2026-02-01")
    page.get_by_label(t["field.eventText"]).fill("Contract signed, deposit paid")
    save(v, t)
    back_to_task_list(v, t)

    open_section(v, t, "claim.section.documents")
    page.get_by_label(t["field.documentTitle"]).fill("Photo of the kitchen")
    page.get_by_label(t["field.file"]).set_input_files({"name": "kitchen.png", "mimeType": "image/png", "buffer": PNG})
    page.get_by_role("button", name=t["button.upload"]).click()
    v.check()
    assert page.get_by_text("kitchen.png").is_visible()
    page.get_by_role("button", name=t["claim.documents.done"]).click()
    v.check()
    assert page.get_by_text(t["claim.status.complete"], exact=True).is_visible()

    open_section(v, t, "claim.section.check")
    assert page.get_by_text("Rénovations Lavoie Inc.").first.is_visible()
    page.get_by_role("button", name=t["button.confirmContinue"]).click()
    v.check()
    assert page.get_by_role("heading", name=t["claim.section.fee"], level=1).is_visible()
    page.get_by_role("button", name=t["button.submitClaim"]).click()
    v.check()
    assert t["error.declaration.missing"] in page.get_by_role("alert").inner_text()
    page.get_by_label(t["feeChoice.pay"]).check()
    page.get_by_label(t["field.declaration"]).check()
    page.get_by_role("button", name=t["button.submitClaim"]).click()
    v.check()

    assert page.get_by_text(t["claim.submitted.notice"]).is_visible()
    assert page.get_by_text(t["claim.status.issued"], exact=True).is_visible()
    number = page.get_by_text(re.compile(r"TOR47-SC-\d\d-\d{6}")).first.inner_text()
    with page.expect_download() as download:
        page.get_by_role("link", name=t["claim.download"]).click()
    path = download.value.path()
    data = open(path, "rb").read()
    assert data.startswith(b"%PDF-1.7")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True, text=True, check=True).stdout
    assert number in text

    page.get_by_role("link", name=t["transactions.title"]).first.click()
    v.check()
    assert page.get_by_text(number).is_visible()
