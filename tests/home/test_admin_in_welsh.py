"""The admin of the accounts, home, e-learning and courses apps in Welsh (issue 13): an editor
whose Wagtail language is Welsh reads these apps' labels, headings, help and block names in
Welsh, and none of the English they replace."""

import csv
import html
import io
import json

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from accounts.models import Membership, Organisation
from elearning import services
from tests.courses.factories import make_course
from tests.elearning.factories import knowledge_check, make_module, paragraph_block
from tests.factories import OrganisationFactory, UserFactory, make_home_page

pytestmark = pytest.mark.django_db


def shows(content: str, text: str) -> bool:
    """Whether `text` is on the page: as HTML, or inside the JSON Wagtail hands its scripts
    (block definitions, the sidebar), which escapes quotes and non-ASCII letters."""
    as_json = json.dumps(text)[1:-1]
    return any(form in content for form in {text, html.escape(text), as_json, html.escape(as_json)})


def assert_in_welsh(response, pairs: dict[str, str]) -> None:
    content = response.content.decode()
    assert response.status_code == 200
    assert [english for english in pairs if shows(content, english)] == []
    assert [welsh for welsh in pairs.values() if not shows(content, welsh)] == []


@pytest.fixture
def welsh_admin(client):
    admin = UserFactory(staff=True, training_admin=True, superuser=True, full_name="Alys Admin")
    profile = UserProfile.get_for_user(admin)
    profile.preferred_language = "cy"
    profile.save()
    client.force_login(admin)
    return admin


def test_the_organisations_listing_and_form(client, welsh_admin):
    council = OrganisationFactory(
        name="Northfield Council", kind=Organisation.Kind.COUNCIL_SERVICE, headcount=None
    )

    listing = client.get(reverse("organisations:index"))
    form = client.get(reverse("organisations:edit", args=[council.pk]))

    assert_in_welsh(
        listing,
        {
            "Council service": "Gwasanaeth cyngor",
            "Workforce headcount": "Nifer y staff yn y gweithlu",
            "Parent": "Rhiant-sefydliad",
        },
    )
    assert_in_welsh(
        form,
        {
            "Invoice contact name": "Enw’r cyswllt ar gyfer anfonebau",
            "Purchase order reference": "Cyfeirnod yr archeb brynu",
            "Headcount given on": "Dyddiad rhoi’r nifer staff",
            "Inactive organisations are not offered at sign-up.": (
                "Nid yw sefydliadau anweithredol yn cael eu cynnig wrth gofrestru."
            ),
            "Members and requests": "Aelodau a cheisiadau",
        },
    )


def test_the_organisation_forms_refusals(client, welsh_admin):
    council = OrganisationFactory(name="Northfield Council")

    response = client.post(
        reverse("organisations:edit", args=[council.pk]),
        {"name": "Northfield Council", "kind": "council", "email_domains": "not a domain"},
    )

    assert_in_welsh(
        response,
        {"Enter domains like school.example": "Rhowch barthau fel school.example, nid"},
    )


def test_the_membership_requests(client, welsh_admin):
    school = OrganisationFactory(name="Northfield School")
    person = UserFactory(full_name="Rhys Requested", organisation=None)
    Membership.objects.create(user=person, organisation=school)

    response = client.get(reverse("accounts_admin:membership_requests"))

    assert_in_welsh(
        response,
        {
            "Membership requests": "Ceisiadau aelodaeth",
            "Members and requests": "Aelodau a cheisiadau",
        },
    )


def test_the_completions_report_and_its_export(client, welsh_admin):
    module = make_module(title="Introduction", lessons=1)
    learner = UserFactory(full_name="Dysgwr Cyntaf")
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])

    report = client.get(reverse("elearning_completions_report"))
    export = client.get(reverse("elearning_completions_report"), {"export": "csv"})

    assert_in_welsh(
        report,
        {
            "E-learning module figures": "Ffigurau modiwlau e-ddysgu",
            "Best score (%)": "Sgôr orau (%)",
        },
    )
    headings = next(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert "Percent complete" not in headings and "Best score" not in headings
    assert "Canran wedi’i chwblhau" in headings and "Sgôr orau" in headings


def test_a_lessons_editor_names_its_blocks_in_welsh(client, welsh_admin):
    module = make_module(
        lessons=1, lesson_body=lambda: [paragraph_block("Dysgu."), knowledge_check()]
    )

    response = client.get(reverse("wagtailadmin_pages:edit", args=[module.lessons[0].pk]))

    assert_in_welsh(
        response,
        {
            "Scaling question": "Cwestiwn graddio",
            "Three columns exercise": "Ymarfer tair colofn",
            "Model answer: what are we worried about?": "Ateb enghreifftiol: beth sy’n ein poeni?",
            "Inset text": "Testun wedi’i fewnosod",
            "Alt text": "Testun amgen",
            "Optional. Shown to learners who choose this option.": (
                "Dewisol. Caiff ei ddangos i ddysgwyr sy’n dewis yr opsiwn hwn."
            ),
            "Shown in the module's list of lessons.": (
                "Yn cael ei ddangos yn rhestr gwersi’r modiwl."
            ),
        },
    )


def test_a_modules_editor(client, welsh_admin):
    module = make_module(lessons=1)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk]))

    assert_in_welsh(
        response,
        {
            "Taking the module": "Dilyn y modiwl",
            "Lessons must be taken in order": "Rhaid dilyn y gwersi yn eu trefn",
            "Issue a certificate on completion": "Rhoi tystysgrif ar ôl cwblhau",
            "Roughly how long the module takes, in minutes.": (
                "Tua faint o amser y mae’r modiwl yn ei gymryd, mewn munudau."
            ),
        },
    )


def test_a_courses_editor(client, welsh_admin):
    course = make_course()

    response = client.get(reverse("wagtailadmin_pages:edit", args=[course.pk]))

    assert_in_welsh(
        response,
        {
            "Who can book": "Pwy all archebu",
            "Length and size": "Hyd a maint",
            "Courses to complete first": "Cyrsiau i’w cwblhau yn gyntaf",
            "Needs line-manager approval": "Angen cymeradwyaeth y rheolwr llinell",
            "Leave blank for the site-wide default.": (
                "Gadewch yn wag i ddefnyddio’r gwerth diofyn ar gyfer y wefan gyfan."
            ),
        },
    )


def test_the_page_types_and_the_site_settings(client, welsh_admin):
    home = make_home_page()

    choose_type = client.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]))
    settings = client.get(
        reverse("wagtailsettings:edit", args=["home", "sitesettings", home.get_site().pk])
    )

    assert_in_welsh(
        choose_type,
        {"Standard page": "Tudalen safonol", "Briefing page": "Tudalen sesiwn friffio"},
    )
    assert_in_welsh(
        settings,
        {
            "Accessibility statement": "Datganiad hygyrchedd",
            "Privacy notice": "Hysbysiad preifatrwydd",
        },
    )


def test_roles_are_named_in_welsh_in_the_user_form_and_the_groups_listing(client, welsh_admin):
    """Role groups keep their English names in the database (the code finds them by name);
    the admin shows each in the admin's language. A group an administrator added is shown as
    they named it."""
    from django.contrib.auth.models import Group

    Group.objects.create(name="Panel Diogelu")
    roles = {
        "Training administrator": "Gweinyddwr hyfforddiant",
        "Organisation contact": "Cyswllt y sefydliad",
        "Practice Lead": "Arweinydd Ymarfer",
    }

    for url in (
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_users:edit", args=[welsh_admin.pk]),
        reverse("wagtailusers_groups:index"),
    ):
        response = client.get(url)
        assert_in_welsh(response, roles)
        assert "Panel Diogelu" in response.content.decode()
