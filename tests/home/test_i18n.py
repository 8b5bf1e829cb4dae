"""Welsh end to end (issue 13): routing under /cy/, the language switcher and hreflang links,
`lang` attributes, the preferred language on arrival and when switching, and a third language
added by configuration alone."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from home.locales import ensure_content_locales
from home.translations import translate_page
from tests.factories import TEST_PASSWORD, UserFactory, make_home_page, make_standard_page

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    "/",
    "/training/sessions/",
    "/certificates/verify/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
LEARNER_URLS = [
    "/my-learning/",
    "/my-learning/certificates/",
    "/my-learning/programme/",
    "/my-account/",
    "/my-learning/bookings/",
]


def translate(page, language_code: str, **strings):
    """Translate `page` the way an editor or agency does (PO export, import, publish)."""
    return translate_page(page, language_code, strings)


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def home():
    return make_home_page()


@pytest.fixture
def welsh_home(home):
    return translate(home, "cy", Home="Hafan")


def test_english_and_welsh_locales_come_from_the_migration():
    codes = set(Locale.objects.values_list("language_code", flat=True))

    assert {"en-gb", "cy"} <= codes


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_url_works_under_cy_in_welsh(client, welsh_home, url):
    english = client.get(url)
    welsh = client.get(f"/cy{url}")

    assert english.status_code == welsh.status_code == 200
    assert html_lang(english) == "en-gb"
    assert html_lang(welsh) == "cy"


@pytest.mark.parametrize("url", LEARNER_URLS)
def test_every_learner_url_works_under_cy_in_welsh(client, welsh_home, url):
    client.force_login(UserFactory(staff=True))

    response = client.get(f"/cy{url}")

    assert response.status_code == 200
    assert html_lang(response) == "cy"


def test_the_admin_stays_where_it_is(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    assert client.get("/admin/").status_code == 200
    assert client.get("/cy/admin/").status_code == 404


def test_welsh_pages_say_so_and_name_their_language_in_the_switcher(client, welsh_home):
    page = client.get("/cy/").content.decode()

    assert '<html lang="cy" dir="ltr"' in page
    assert "Neidio i’r prif gynnwys" in page  # "Skip to main content"
    assert 'aria-current="true" lang="cy">Cymraeg</span>' in page
    assert 'href="/" hreflang="en-gb" lang="en-gb" rel="alternate" class="govuk-link">English' in (
        page
    )


def test_a_translated_page_links_to_its_translation(client, home):
    about = make_standard_page(home, title="About", slug="about")
    translate(home, "cy", Home="Hafan")
    amdanom = translate(about, "cy", About="Amdanom ni")

    page = client.get(about.url).content.decode()

    assert amdanom.url.startswith("/cy/")
    assert f'<link rel="alternate" hreflang="cy" href="{amdanom.url}">' in page
    assert f'<link rel="alternate" hreflang="en-gb" href="{about.url}">' in page
    assert f'href="{amdanom.url}" hreflang="cy" lang="cy"' in page
    assert "Amdanom ni" in client.get(amdanom.url).content.decode()


def test_a_page_without_a_translation_switches_to_the_welsh_home(client, welsh_home, home):
    untranslated = make_standard_page(home, title="Only in English", slug="only-english")

    page = client.get(untranslated.url).content.decode()

    assert 'hreflang="cy" href=' not in page  # no alternate that is not there
    assert 'href="/cy/" hreflang="cy" lang="cy"' in page


def test_app_views_link_to_themselves_in_the_other_language(client, welsh_home):
    page = client.get("/training/sessions/?course=2").content.decode()

    assert '<link rel="alternate" hreflang="cy" href="/cy/training/sessions/?course=2">' in page


def test_switching_remembers_the_choice_and_keeps_the_person_signed_in(client, welsh_home):
    person = UserFactory(staff=True, preferred_language="en-gb")
    client.force_login(person)

    response = client.post(
        reverse("switch_language"), {"language": "cy", "next": "/my-learning/?tab=1"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/cy/my-learning/?tab=1"
    person.refresh_from_db()
    assert person.preferred_language == "cy"
    assert client.get(response["Location"]).status_code == 200  # still signed in, no redirect

    back = client.post(
        reverse("switch_language"), {"language": "en-gb", "next": "/cy/my-learning/"}
    )

    assert back["Location"] == "/my-learning/"
    assert client.get(back["Location"]).status_code == 200
    person.refresh_from_db()
    assert person.preferred_language == "en-gb"


def test_no_page_redirects_by_the_preference_so_switching_cannot_loop(client, welsh_home):
    """A Welsh speaker may read an English page: nothing sends them back to Welsh."""
    client.force_login(UserFactory(staff=True, preferred_language="cy"))

    for url in ["/", "/my-learning/", "/cy/", "/cy/my-learning/"]:
        assert client.get(url).status_code == 200


def test_switching_to_a_page_with_no_translation_lands_on_that_languages_home(
    client, welsh_home, home
):
    untranslated = make_standard_page(home, title="Only in English", slug="only-english")
    client.force_login(UserFactory(staff=True))

    response = client.post(reverse("switch_language"), {"language": "cy", "next": untranslated.url})

    assert response["Location"] == "/cy/"


def test_switching_never_redirects_off_the_site(client):
    client.force_login(UserFactory(staff=True))

    response = client.post(
        reverse("switch_language"), {"language": "cy", "next": "https://evil.example/"}
    )

    assert response["Location"] == "/cy/"


def test_switching_needs_a_post_with_a_csrf_token(welsh_home):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(staff=True))

    assert client.get(reverse("switch_language")).status_code == 405
    assert client.post(reverse("switch_language"), {"language": "cy"}).status_code == 403


def test_signing_in_lands_on_the_page_in_the_persons_language(client, welsh_home):
    person = UserFactory(staff=True, preferred_language="cy")

    response = client.post(
        "/accounts/login/?next=/my-learning/",
        {"login": person.email, "password": TEST_PASSWORD},
    )

    assert response.status_code == 302
    assert response["Location"] == "/cy/my-learning/"


def test_signing_in_without_a_preference_keeps_the_page_asked_for(client, welsh_home):
    person = UserFactory(staff=True, preferred_language="")

    response = client.post(
        "/cy/accounts/login/?next=/cy/my-learning/",
        {"login": person.email, "password": TEST_PASSWORD},
    )

    assert response["Location"] == "/cy/my-learning/"


FRENCH = [("en-gb", "English"), ("cy", "Cymraeg"), ("fr", "Français")]


def test_a_third_language_needs_only_configuration(client, home):
    """Adding French: a line in LANGUAGES and WAGTAIL_CONTENT_LANGUAGES (and, in real life, a
    catalogue under locale/fr). No code changes: the locale is created, pages translate, every
    URL works under /fr/ and the switcher offers it."""
    with override_settings(LANGUAGES=FRENCH, WAGTAIL_CONTENT_LANGUAGES=FRENCH):
        assert ensure_content_locales(Locale) == ["fr"]
        translate(home, "cy", Home="Hafan")
        translate(home, "fr", Home="Accueil")

        accueil = client.get("/fr/")
        sessions = client.get("/fr/training/sessions/")
        english = client.get("/").content.decode()

    assert accueil.status_code == sessions.status_code == 200
    assert html_lang(accueil) == html_lang(sessions) == "fr"
    assert 'aria-current="true" lang="fr">Français</span>' in accueil.content.decode()
    assert '<link rel="alternate" hreflang="fr" href="/fr/">' in english
    assert 'hreflang="fr" lang="fr" rel="alternate" class="govuk-link">Français</a>' in english


def test_the_preferred_language_field_offers_a_third_language_without_code(client):
    person = UserFactory(staff=True)
    client.force_login(person)

    with override_settings(LANGUAGES=FRENCH, WAGTAIL_CONTENT_LANGUAGES=FRENCH):
        page = client.get("/my-account/").content.decode()
        client.post("/my-account/", {"full_name": "Sam", "preferred_language": "fr"})

    assert 'lang="fr">Français</label>' in page
    person.refresh_from_db()
    assert person.preferred_language == "fr"


def test_dates_and_times_are_written_in_welsh():
    import datetime as dt

    from home.formats import format_date_list, format_time

    with translation.override("cy"):
        assert format_date_list([dt.date(2026, 11, 16), dt.date(2026, 11, 17)]) == (
            "16 a 17 Tachwedd 2026"
        )
        assert format_time(dt.time(13, 30)) == "1:30yh"
        assert format_time(dt.time(9)) == "9yb"
