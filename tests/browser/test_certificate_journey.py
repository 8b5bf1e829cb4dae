"""A learner completes a module, downloads the certificate, and anyone can verify its code."""

import re

import pypdf
import pytest

from certificates.models import Certificate
from tests.certificates.factories import make_certificate_module
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CODE = re.compile(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\b")


def test_a_learner_downloads_a_certificate_and_a_stranger_verifies_it(
    page, live_server, sign_in, assert_accessible, browser
):
    learner = UserFactory(staff=True, full_name="Robin Learner", certificate_name="Robin Ŵyn-Łęcka")
    module = make_certificate_module(title="Introduction to Signs of Safety", cpd_minutes=90)
    sign_in(page, learner.email, TEST_PASSWORD)

    page.goto(live_server.url + module.url)
    page.get_by_role("button", name="Start the module").click()
    page.get_by_text("Lesson 1 of 1").wait_for()
    page.get_by_role("button", name="Mark as complete and continue").click()
    page.get_by_role("heading", name="Module completed").wait_for()
    page.get_by_role("link", name="your certificates").click()

    page.get_by_role("heading", name="My certificates").wait_for()
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Download PDF")).click()
    download = download_info.value
    assert download.suggested_filename.startswith("certificate-")
    text = pypdf.PdfReader(download.path()).pages[0].extract_text()
    assert "Robin Ŵyn-Łęcka" in text
    assert "Introduction to Signs of Safety" in text
    code = CODE.search(text).group(0)
    assert code == Certificate.objects.get(recipient=learner).code

    # Someone who was shown the certificate checks it, signed out, typing the code loosely.
    stranger = browser.new_context().new_page()
    stranger.goto(f"{live_server.url}/certificates/verify/")
    assert_accessible(stranger)
    stranger.get_by_role("button", name="Check the certificate").click()
    stranger.locator(".govuk-error-summary").wait_for()
    assert_accessible(stranger)
    stranger.get_by_label("Verification code").fill(code.replace("-", " ").lower())
    stranger.get_by_role("button", name="Check the certificate").click()

    stranger.get_by_role("heading", name=f"Certificate {code}").wait_for()
    assert stranger.get_by_text("Valid certificate").is_visible()
    assert stranger.get_by_text("Robin Ŵyn-Łęcka").is_visible()
    assert stranger.get_by_text("Introduction to Signs of Safety").is_visible()
    assert learner.email not in stranger.content()
    assert_accessible(stranger)
