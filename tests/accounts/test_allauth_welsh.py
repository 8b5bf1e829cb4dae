"""allauth's pages, messages and emails in Welsh (issue 13).

allauth ships no Welsh, so locale_vendor/cy/LC_MESSAGES/django.po translates the strings of
allauth (and Django's password rules, which Django's Welsh leaves in English) that people read
here; our own templates and forms replace the rest. These tests keep that catalogue matched to
the installed packages and walk the sign-in, sign-up, password and email flows under /cy/.
"""

import re
from pathlib import Path

import allauth
import django
import polib
import pytest
from django.conf import settings
from django.contrib.auth import password_validation
from django.core import mail
from django.test import Client
from django.utils import translation

from accounts.models import User
from tests.factories import TEST_PASSWORD, UserFactory

VENDOR_CATALOGUE = Path(settings.BASE_DIR, "locale_vendor/cy/LC_MESSAGES/django.po")
ALLAUTH_CATALOGUE = Path(allauth.__file__).parent / "locale/en/LC_MESSAGES/django.po"
DJANGO_AUTH_CATALOGUE = (
    Path(django.__file__).parent / "contrib/auth/locale/en/LC_MESSAGES/django.po"
)

# allauth's templates this product shows as they are (the others are replaced by ours in
# templates/account/ or belong to features left off: codes, phones, passkeys, usernames).
ALLAUTH_TEMPLATES_SHOWN = [
    "templates/account/email_change.html",
    "templates/account/snippets/warn_no_email.html",
    "templates/account/reauthenticate.html",
    "templates/account/base_reauthenticate.html",
    "templates/account/password_set.html",
]
ALLAUTH_FEATURES_OFF = ("login_code", "password_reset_code", "phone_")

STRANGER_PASSWORD = "a-different-horse-staple"

# allauth's and Django's English, as a Welsh speaker would otherwise meet it on these flows.
ENGLISH = [
    "Email Address",
    "Change Email",
    "Current email",
    "Changing to",
    "Change to",
    "pending verification",
    "Re-send Verification",
    "Cancel Change",
    "Confirm Access",
    "reauthenticate",
    "Enter your password",
    "Forgot your password",
    "Set Password",
    "Password (again)",
    "Incorrect password",
    "Successfully signed in",
    "You have signed out",
    "Confirmation email sent",
    "Removed email address",
    "Password successfully",
    "already associated",
    "You must type the same",
    "Your password can",
    "This password is",
    "The password is too similar",
    "Your password must contain",
    "The email address and/or password",
    "Hello from",
    "Thank you for using",
    "receiving this",
    "Account Already Exists",
    "Unknown Account",
    "Password Reset",
    "Please Confirm",
    "To confirm this is correct",
    "Too Many Requests",
    "Sign in",
    "Sign out",
    "Email address",
    "Password",
]


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def main_text(response) -> str:
    """What a person reads in the page's main area (banners, headings, labels, errors)."""
    page = response.content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def allauth_msgids(*, shown) -> list[polib.POEntry]:
    return [
        entry
        for entry in polib.pofile(str(ALLAUTH_CATALOGUE))
        if any(shown(path) for path, _line in entry.occurrences)
    ]


def is_shown_allauth_template(path: str) -> bool:
    if path.startswith(("templates/account/email/", "templates/account/messages/")):
        return not any(feature in path for feature in ALLAUTH_FEATURES_OFF)
    return path in ALLAUTH_TEMPLATES_SHOWN


def welsh_for(entry: polib.POEntry) -> str:
    with translation.override("cy"):
        if entry.msgid_plural:
            return translation.ngettext(entry.msgid, entry.msgid_plural, 8)
        return translation.gettext(entry.msgid)


# The catalogue


def test_every_vendor_msgid_is_still_a_string_of_the_installed_packages():
    """After an upgrade, a reworded allauth or Django string would silently fall back to
    English: its old msgid would no longer match anything."""
    theirs = {
        (entry.msgctxt, entry.msgid, entry.msgid_plural)
        for catalogue in (ALLAUTH_CATALOGUE, DJANGO_AUTH_CATALOGUE)
        for entry in polib.pofile(str(catalogue))
    }
    ours = {
        (entry.msgctxt, entry.msgid, entry.msgid_plural)
        for entry in polib.pofile(str(VENDOR_CATALOGUE))
    }

    assert ours - theirs == set()


def test_every_string_of_allauths_emails_messages_and_pages_shown_here_has_welsh():
    untranslated = [
        entry.msgid
        for entry in allauth_msgids(shown=is_shown_allauth_template)
        if welsh_for(entry) == entry.msgid
    ]

    assert untranslated == [], "Add these to locale_vendor/cy/LC_MESSAGES/django.po"


def test_every_password_rule_has_welsh():
    rules = [
        entry
        for entry in polib.pofile(str(DJANGO_AUTH_CATALOGUE))
        if any("password_validation" in path for path, _line in entry.occurrences)
    ]

    assert len(rules) == 8
    assert [entry.msgid for entry in rules if welsh_for(entry) == entry.msgid] == []


def test_the_password_rules_read_in_welsh():
    with translation.override("cy"):
        hints = password_validation.password_validators_help_texts()

    assert "Rhaid i’ch cyfrinair gynnwys o leiaf 8 nod." in hints
    assert english_in(" ".join(hints)) == []


# The pages under /cy/


@pytest.fixture
def alys(db):
    return UserFactory(
        preferred_language="cy", full_name="Alys Evans", email="alys@partner.example"
    )


@pytest.fixture
def alys_signed_in(client, alys):
    client.force_login(alys)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/cy/accounts/login/", "Mewngofnodi"),
        ("/cy/accounts/signup/", "Creu cyfrif"),
        ("/cy/accounts/password/reset/", "Ailosod eich cyfrinair"),
        ("/cy/accounts/password/reset/done/", "Gwiriwch eich e-bost"),
        ("/cy/accounts/confirm-email/", "Gwiriwch eich e-bost"),
        ("/cy/accounts/confirm-email/not-a-key/", "Cadarnhewch eich cyfeiriad e-bost"),
        ("/cy/accounts/password/reset/key/1-not-a-key/", "Nid yw’r ddolen hon yn ddilys"),
    ],
)
def test_the_signed_out_pages_read_in_welsh(client, path, heading):
    response = client.get(path)

    assert response.status_code == 200
    text = main_text(response)
    assert heading in text
    assert english_in(text) == []


@pytest.mark.parametrize(
    ("path", "welsh"),
    [
        (
            "/cy/accounts/email/",
            ["Cyfeiriad e-bost presennol", "Newid i", "Newid cyfeiriad e-bost"],
        ),
        ("/cy/accounts/password/change/", ["Newid eich cyfrinair", "o leiaf 8 nod"]),
        ("/cy/accounts/reauthenticate/", ["Cadarnhau mai chi sydd yno", "Rhowch eich cyfrinair:"]),
        ("/cy/accounts/logout/", ["Ydych chi’n siŵr eich bod am allgofnodi?"]),
    ],
)
def test_the_signed_in_pages_read_in_welsh(alys_signed_in, path, welsh):
    response = alys_signed_in.get(path)

    assert response.status_code == 200
    text = main_text(response)
    assert [phrase for phrase in welsh if phrase not in text] == []
    assert english_in(text) == []


@pytest.mark.django_db
def test_someone_without_a_password_sets_one_in_welsh(client):
    person = UserFactory(preferred_language="cy", password=None)
    client.force_login(person)

    page = main_text(client.get("/cy/accounts/password/set/"))
    mismatched = main_text(
        client.post(
            "/cy/accounts/password/set/",
            {"password1": TEST_PASSWORD, "password2": STRANGER_PASSWORD},
        )
    )
    done = main_text(
        client.post(
            "/cy/accounts/password/set/",
            {"password1": TEST_PASSWORD, "password2": TEST_PASSWORD},
            follow=True,
        )
    )

    assert "Gosod cyfrinair" in page
    assert "Cyfrinair (eto)" in page
    assert "Rhaid i chi deipio’r un cyfrinair bob tro." in mismatched
    assert "Mae eich cyfrinair wedi’i osod." in done
    assert english_in(page + mismatched + done) == []


# Mistakes, in Welsh


def test_a_wrong_password_is_refused_in_welsh(client, alys):
    response = client.post("/cy/accounts/login/", {"login": alys.email, "password": "wrong"})

    text = main_text(response)
    assert "Rhowch y cyfeiriad e-bost a’r cyfrinair cywir" in text
    assert english_in(text) == []


@pytest.mark.django_db
def test_sign_up_mistakes_are_explained_in_welsh(client):
    def sign_up(password1, password2):
        return main_text(
            client.post(
                "/cy/accounts/signup/",
                {
                    "full_name": "Gwen Jones",
                    "email": "gwen@school.example",
                    "organisation_name": "Ysgol y Bryn",
                    "password1": password1,
                    "password2": password2,
                },
            )
        )

    mismatched = sign_up(TEST_PASSWORD, STRANGER_PASSWORD)
    numeric = sign_up("12345678", "12345678")
    short = sign_up("cwm7", "cwm7")
    like_the_address = sign_up("gwen@school", "gwen@school")

    assert "Rhowch yr un cyfrinair yn y ddau faes" in mismatched
    assert "Rhifau yn unig sydd yn y cyfrinair hwn." in numeric
    assert "Mae’r cyfrinair hwn yn rhy gyffredin." in numeric
    assert "Mae’r cyfrinair hwn yn rhy fyr. Rhaid iddo gynnwys o leiaf 8 nod." in short
    assert "Mae’r cyfrinair yn rhy debyg i’r cyfeiriad e-bost." in like_the_address
    assert english_in(mismatched + numeric + short + like_the_address) == []
    assert not User.objects.filter(email="gwen@school.example").exists()


def test_a_wrong_current_password_is_refused_in_welsh(alys_signed_in):
    response = alys_signed_in.post(
        "/cy/accounts/password/change/",
        {"oldpassword": "wrong", "password1": STRANGER_PASSWORD, "password2": STRANGER_PASSWORD},
    )

    text = main_text(response)
    assert "Rhowch eich cyfrinair presennol yn gywir" in text
    assert english_in(text) == []


def test_a_wrong_password_when_confirming_who_you_are_is_refused_in_welsh(alys_signed_in):
    response = alys_signed_in.post("/cy/accounts/reauthenticate/", {"password": "wrong"})

    text = main_text(response)
    assert "Cyfrinair anghywir." in text
    assert english_in(text) == []


def test_changing_to_the_pending_address_again_is_refused_in_welsh(alys_signed_in):
    alys_signed_in.post("/cy/accounts/email/", {"email": "alys@ysgol.example", "action_add": ""})

    response = alys_signed_in.post(
        "/cy/accounts/email/", {"email": "alys@ysgol.example", "action_add": ""}
    )

    text = main_text(response)
    assert "Nid yw eich cyfeiriad e-bost newydd wedi’i gadarnhau eto." in text
    assert "Mae’r cyfeiriad e-bost hwn eisoes yn gysylltiedig â’r cyfrif hwn." in text
    assert english_in(text) == []


@pytest.mark.django_db
def test_asking_too_often_gets_the_services_own_page_not_allauths(client):
    for _ in range(5):
        client.post("/cy/accounts/password/reset/", {"email": "alys@partner.example"})

    response = client.post("/cy/accounts/password/reset/", {"email": "alys@partner.example"})

    assert response.status_code == 429
    assert 'class="govuk-heading-l"' in response.content.decode()
    assert "Mynd i’r hafan" in main_text(response)
    assert "Too Many Requests" not in response.content.decode()


# What allauth says after a step: messages on the next page


def test_signing_in_and_out_is_confirmed_in_welsh(client, alys):
    signed_in = client.post(
        "/cy/accounts/login/",
        {"login": alys.email, "password": TEST_PASSWORD, "next": "/cy/my-account/"},
        follow=True,
    )
    signed_out = client.post("/cy/accounts/logout/", {"next": "/cy/accounts/login/"}, follow=True)

    assert "Rydych wedi mewngofnodi fel Alys Evans." in main_text(signed_in)
    assert "Rydych wedi allgofnodi." in main_text(signed_out)
    assert english_in(main_text(signed_out)) == []


def test_changing_an_address_and_a_password_is_confirmed_in_welsh(alys_signed_in):
    sent = alys_signed_in.post(
        "/cy/accounts/email/",
        {"email": "alys@ysgol.example", "action_add": ""},
        follow=True,
    )
    cancelled = alys_signed_in.post(
        "/cy/accounts/email/",
        {"email": "alys@ysgol.example", "action_remove": ""},
        follow=True,
    )
    changed = alys_signed_in.post(
        "/cy/accounts/password/change/",
        {
            "oldpassword": TEST_PASSWORD,
            "password1": STRANGER_PASSWORD,
            "password2": STRANGER_PASSWORD,
        },
        follow=True,
    )

    assert "Rydym wedi anfon e-bost cadarnhau at alys@ysgol.example." in main_text(sent)
    assert "Mae’r cyfeiriad e-bost alys@ysgol.example wedi’i ddileu." in main_text(cancelled)
    assert "Mae eich cyfrinair wedi’i newid." in main_text(changed)
    assert english_in(main_text(sent) + main_text(cancelled) + main_text(changed)) == []


# allauth's emails, in the language of the person they are for


def only_email() -> str:
    [message] = mail.outbox
    return f"{message.subject}\n{message.body}"


def test_a_welsh_speaker_asking_from_an_english_page_gets_the_reset_email_in_welsh(alys):
    Client().post("/accounts/password/reset/", {"email": alys.email})

    email = only_email()
    assert email.startswith("Ailosod eich cyfrinair\n")
    assert "Helo gan " in email
    assert "wedi gofyn am gael ailosod cyfrinair eich cyfrif" in email
    assert "http://testserver/cy/accounts/password/reset/key/" in email
    assert "Diolch am ddefnyddio " in email
    assert english_in(email) == []


@pytest.mark.django_db
def test_an_english_speaker_asking_from_a_welsh_page_gets_the_reset_email_in_english():
    sam = UserFactory(preferred_language="en-gb")

    Client().post("/cy/accounts/password/reset/", {"email": sam.email})

    email = only_email()
    assert email.startswith("Password Reset Email\n")
    assert "http://testserver/accounts/password/reset/key/" in email
    assert "Helo" not in email


@pytest.mark.django_db
def test_someone_signing_up_in_welsh_confirms_their_address_in_welsh():
    Client().post(
        "/accounts/signup/",
        {
            "full_name": "Gwen Jones",
            "email": "gwen@school.example",
            "organisation_name": "Ysgol y Bryn",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
            "preferred_language": "cy",
        },
    )

    email = only_email()
    assert email.startswith("Cadarnhewch eich cyfeiriad e-bost\n")
    assert "wedi rhoi eich cyfeiriad e-bost i gofrestru cyfrif" in email
    assert "I gadarnhau bod hyn yn gywir, ewch i http://testserver/cy/accounts/confirm-email/" in (
        email
    )
    assert english_in(email) == []


def test_a_new_address_is_confirmed_in_the_owners_language(alys):
    client = Client()
    client.force_login(alys)

    client.post("/accounts/email/", {"email": "alys@ysgol.example", "action_add": ""})

    email = only_email()
    assert email.startswith("Cadarnhewch eich cyfeiriad e-bost\n")
    assert "Alys Evans" in email
    assert english_in(email) == []


def test_signing_up_again_with_a_welsh_speakers_address_tells_them_in_welsh(alys):
    Client().post(
        "/accounts/signup/",
        {
            "full_name": "Someone Else",
            "email": alys.email,
            "organisation_name": "Elsewhere",
            "password1": TEST_PASSWORD,
            "password2": TEST_PASSWORD,
        },
    )

    email = only_email()
    assert email.startswith("Mae’r cyfrif yn bodoli eisoes\n")
    assert "mae cyfrif sy’n defnyddio’r cyfeiriad e-bost hwnnw yn bodoli eisoes" in email
    assert "http://testserver/cy/accounts/password/reset/" in email
    assert english_in(email) == []


@pytest.mark.django_db
def test_a_reset_for_an_unknown_address_asked_in_welsh_is_answered_in_welsh(client):
    client.post("/cy/accounts/password/reset/", {"email": "nobody@partner.example"})

    email = only_email()
    assert email.startswith("Cyfrif anhysbys\n")
    assert "nid oes gennym gofnod o gyfrif o’r fath" in email
    assert "http://testserver/cy/accounts/signup/" in email
    assert english_in(email) == []
