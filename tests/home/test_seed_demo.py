import io
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Page

from accounts.models import Organisation, User

pytestmark = pytest.mark.django_db


def counts():
    return (Page.objects.count(), User.objects.count(), Organisation.objects.count())


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()

    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == first
    assert User.objects.filter(email="admin@example-borough.gov.uk", is_superuser=True).exists()
    assert User.objects.get(email="learner@example-borough.gov.uk").is_council_staff
    assert not User.objects.get(email="partner@northfield-school.example").is_council_staff


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())


def test_production_settings_pass_the_deployment_checks():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x7#kq!2vL9@pZr4tWm8&nB3cY6^eH1uJ5oQ0sD*fG2hK9lX-aR7yT3wE",
        "ALLOWED_HOSTS": "learning.example-borough.gov.uk",
        "CSRF_TRUSTED_ORIGINS": "https://learning.example-borough.gov.uk",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_seed_demo_translates_the_demo_into_welsh(settings, client):
    """A newcomer sees Welsh pages after `make run`: made with wagtail-localize, published."""
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())

    welsh = Page.objects.filter(locale__language_code="cy", live=True)
    titles = set(welsh.values_list("title", flat=True))

    assert {"Hafan", "Ynglŷn ag Arwyddion Diogelwch", "Datganiad hygyrchedd"} <= titles
    assert {"Cyflwyniad i Arwyddion Diogelwch", "Asesiad", "Cyrsiau"} <= titles
    assert "Sesiwn friffio hanner diwrnod i bartneriaid" in titles
    assert "Dysgu Arwyddion Diogelwch" in client.get("/cy/").content.decode()
    about = client.get("/cy/about-signs-of-safety/")
    assert about.status_code == 200
    assert "Pedwar cwestiwn wrth wraidd y model" in about.content.decode()
    assert User.objects.get(email="learner@example-borough.gov.uk").preferred_language == "en-gb"
    assert User.objects.get(email="partner@northfield-school.example").preferred_language == "cy"


DEMO_HOME_PAGES = {
    "lead.practitioner@example-borough.gov.uk": "Training that needs your attention",
    "trainer@example-borough.gov.uk": "Sessions you deliver",
    "practice.lead@example-borough.gov.uk": "Your next step on the",
    "learner@example-borough.gov.uk": "Your e-learning",
    "partner@northfield-school.example": "Your training sessions",
}


def test_each_demo_person_gets_their_own_home_page(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())

    for email, shown in DEMO_HOME_PAGES.items():
        client.force_login(User.objects.get(email=email))
        response = client.get("/")
        assert response.status_code == 200, email
        assert shown in response.content.decode(), email
