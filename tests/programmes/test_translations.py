"""A programme's words translate (issue: snippets that carry words people read are
translatable too): "Translate" in the admin (wagtail-localize) makes a Welsh copy of the
programme and its requirements carrying the Welsh name, description and short names. Whoever
reads the programme (My programme, the home page, emails, certificates) reads it in their
language; everything operational (enrolments, progress, dashboards, reminders) stays on the
programme as written, and a translation is never offered, enrolled on or counted."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from certificates.models import Certificate
from home.translations import translate_page, translate_snippet
from programmes import dashboard, selectors, services
from programmes.forms import EnrolForm
from programmes.models import Programme
from programmes.receivers import refuse_without_enrolment
from programmes.reminders import send_reminders
from tests.bookings.factories import make_session
from tests.elearning.factories import make_module
from tests.factories import UserFactory, make_home_page
from tests.query_counts import count_queries

from .factories import Kind, attend, course_of, days_ago, enrol, make_programme

pytestmark = pytest.mark.django_db

NAME, WELSH_NAME = "Practice Lead programme", "Rhaglen Arweinwyr Ymarfer"
DESCRIPTION = "A year of learning for the champions who lead the practice."
WELSH_DESCRIPTION = "Blwyddyn o ddysgu i’r hyrwyddwyr sy’n arwain yr ymarfer."
SESSIONS, WELSH_SESSIONS = "Eight Practice Lead sessions", "Wyth sesiwn Arweinwyr Ymarfer"
COURSE, WELSH_COURSE = "Five-day advanced training", "Hyfforddiant uwch pum diwrnod"
WELSH = {
    NAME: WELSH_NAME,
    DESCRIPTION: WELSH_DESCRIPTION,
    SESSIONS: WELSH_SESSIONS,
}


@pytest.fixture
def courses():
    return {
        "sessions": course_of(title="Practice Lead session"),
        "five_day": course_of(title=COURSE),
    }


@pytest.fixture
def programme(courses, training_admin):
    """In English: a requirement with a short name, and one named by its course."""
    return make_programme(
        [
            {
                "kind": Kind.ATTEND_SESSIONS,
                "course": courses["sessions"],
                "count_required": 8,
                "title": SESSIONS,
            },
            {"kind": Kind.COMPLETE_COURSE, "course": courses["five_day"]},
        ],
        name=NAME,
        description=DESCRIPTION,
        coordinator=training_admin,
    )


def in_welsh(programme: Programme) -> Programme:
    return translate_snippet(programme, "cy", WELSH)


def url_in(language: str, name: str) -> str:
    with translation.override(language):
        return reverse(name)


# The translation


def test_a_programme_is_offered_for_translation_in_the_admin(client, admin_user, programme):
    client.force_login(admin_user)

    response = client.get(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["programmes", "programme", programme.pk],
        )
    )

    assert programme.locale == Locale.get_default()
    assert response.status_code == 200


def test_translating_copies_the_requirements_with_only_the_words_translated(programme, courses):
    """The course pages have no Welsh translation: the programme translates all the same, its
    requirements counting the same courses."""
    welsh = in_welsh(programme)

    assert welsh.pk != programme.pk
    assert (welsh.locale.language_code, welsh.name, welsh.description) == (
        "cy",
        WELSH_NAME,
        WELSH_DESCRIPTION,
    )
    assert (welsh.coordinator, welsh.duration_months) == (
        programme.coordinator,
        programme.duration_months,
    )
    source = list(programme.requirements.order_by("sort_order"))
    copies = list(welsh.requirements.order_by("sort_order"))
    assert [r.translation_key for r in copies] == [r.translation_key for r in source]
    assert [r.title for r in copies] == [WELSH_SESSIONS, ""]
    assert [(r.kind, r.course_id, r.count_required) for r in copies] == [
        (r.kind, r.course_id, r.count_required) for r in source
    ]
    assert not courses["five_day"].get_translations().exists()


def test_a_second_programme_may_share_a_name_in_another_language_only(programme):
    in_welsh(programme)

    Programme(name=WELSH_NAME, locale=Locale.get_default()).full_clean()
    with pytest.raises(Exception, match="already a programme with this name"):
        Programme(name=NAME, locale=Locale.get_default()).full_clean()


# What people read


def test_my_programme_is_in_welsh_under_cy_and_in_english_otherwise(client, programme, courses):
    in_welsh(programme)
    translate_page(courses["five_day"], "cy", {COURSE: WELSH_COURSE})
    lead = UserFactory(staff=True)
    enrol(lead, programme, start=days_ago(30))
    client.force_login(lead)

    welsh = client.get(url_in("cy", "programmes:my_programme")).content.decode()
    english = client.get(url_in("en-gb", "programmes:my_programme")).content.decode()

    for text in (WELSH_NAME, WELSH_DESCRIPTION, WELSH_SESSIONS, WELSH_COURSE):
        assert text in welsh
        assert text not in english
    for text in (NAME, DESCRIPTION, SESSIONS, COURSE):
        assert text in english
        assert text not in welsh


def test_what_counted_names_the_course_in_the_readers_language(client, programme, courses):
    """The records listed under a requirement are of its course: a Welsh reader reads the
    course's Welsh title there too, whatever language the session was set up in."""
    in_welsh(programme)
    translate_page(courses["five_day"], "cy", {COURSE: WELSH_COURSE})
    lead = UserFactory(staff=True)
    enrol(lead, programme, start=days_ago(30))
    attend(courses["five_day"], lead, on=days_ago(10))
    client.force_login(lead)

    welsh = client.get(url_in("cy", "programmes:my_programme")).content.decode()
    english = client.get(url_in("en-gb", "programmes:my_programme")).content.decode()

    counted = welsh.split("Beth a gyfrifodd:")[1].split("</ul>")[0]
    assert WELSH_COURSE in counted and COURSE not in counted
    assert COURSE in english.split("What counted:")[1].split("</ul>")[0]


def test_a_requirement_without_a_short_name_reads_its_course_as_it_is_when_untranslated(
    client, programme
):
    in_welsh(programme)
    lead = UserFactory(staff=True)
    enrol(lead, programme, start=days_ago(30))
    client.force_login(lead)

    welsh = client.get(url_in("cy", "programmes:my_programme")).content.decode()

    assert WELSH_SESSIONS in welsh
    assert COURSE in welsh


def test_an_untranslated_programme_reads_as_written_under_cy(client, programme):
    lead = UserFactory(staff=True)
    enrol(lead, programme, start=days_ago(30))
    client.force_login(lead)

    welsh = client.get(url_in("cy", "programmes:my_programme")).content.decode()

    assert NAME in welsh and SESSIONS in welsh


def test_the_home_pages_next_step_is_in_the_language_of_the_page(client, programme):
    home = make_home_page()
    translate_page(home, "cy", {"Home": "Hafan"})
    in_welsh(programme)
    lead = UserFactory(staff=True, practice_lead=True)
    enrol(lead, programme, start=days_ago(30))
    client.force_login(lead)

    welsh = client.get("/cy/").content.decode()
    english = client.get("/").content.decode()

    assert WELSH_NAME in welsh and WELSH_SESSIONS in welsh
    assert NAME not in welsh
    assert f"Your next step on the {NAME}" in english
    assert SESSIONS in english and WELSH_NAME not in english


def test_a_welsh_speaker_enrolled_by_an_english_administrator_is_told_in_welsh(
    programme, training_admin
):
    in_welsh(programme)
    person = UserFactory(staff=True, preferred_language="cy")

    with translation.override("en-gb"):
        services.enrol(
            person=person, programme=programme, start_date=days_ago(0), by=training_admin
        )

    [message] = mail.outbox
    assert WELSH_NAME in message.subject
    assert WELSH_NAME in message.body and WELSH_DESCRIPTION in message.body
    assert NAME not in message.body and DESCRIPTION not in message.body


def test_a_welsh_speakers_reminder_names_the_programme_and_requirements_in_welsh(programme):
    in_welsh(programme)
    person = UserFactory(staff=True, preferred_language="cy")
    english_speaker = UserFactory(staff=True, preferred_language="en-gb")
    enrol(person, programme, start=days_ago(250))
    enrol(english_speaker, programme, start=days_ago(250))

    with translation.override("en-gb"):
        send_reminders()

    [welsh] = [m for m in mail.outbox if m.to == [person.email]]
    [english] = [m for m in mail.outbox if m.to == [english_speaker.email]]
    assert WELSH_NAME in welsh.subject
    assert WELSH_SESSIONS in welsh.body and SESSIONS not in welsh.body
    assert NAME in english.subject and SESSIONS in english.body
    assert WELSH_SESSIONS not in english.body


def test_a_welsh_coordinators_monthly_summary_names_the_programme_in_welsh(programme):
    in_welsh(programme)
    programme.coordinator.preferred_language = "cy"
    programme.coordinator.save()
    enrol(UserFactory(staff=True, full_name="Osian Hwyr"), programme, start=days_ago(500))

    with translation.override("en-gb"):
        send_reminders()

    [summary] = [m for m in mail.outbox if m.to == [programme.coordinator.email]]
    assert f"Osian Hwyr ({WELSH_NAME})" in summary.body
    assert WELSH_SESSIONS in summary.body
    assert NAME not in summary.body and SESSIONS not in summary.body


def test_a_programme_certificates_welsh_lines_use_the_welsh_wording(programme, courses):
    translate_page(courses["five_day"], "cy", {COURSE: WELSH_COURSE})
    in_welsh(programme)
    programme.requirements.filter(kind=Kind.ATTEND_SESSIONS).update(count_required=1)
    lead = UserFactory(staff=True, preferred_language="en-gb")
    enrolment = enrol(lead, programme, start=days_ago(100))
    attend(courses["five_day"], lead, on=days_ago(40))

    attend(courses["sessions"], lead, on=days_ago(20))

    enrolment.refresh_from_db()
    assert enrolment.status == "completed"
    certificate = Certificate.objects.get(kind=Certificate.Kind.PROGRAMME)
    assert certificate.title == NAME
    welsh, english = certificate.wording["cy"], certificate.wording["en-gb"]
    assert welsh["title"] == WELSH_NAME and english["title"] == NAME
    assert [line.split(":")[0] for line in welsh["requirements"]] == [
        WELSH_SESSIONS,
        WELSH_COURSE,
    ]
    assert [line.split(":")[0] for line in english["requirements"]] == [SESSIONS, COURSE]
    assert certificate.requirements == english["requirements"]


# What counts: the programme as written, never its translation


def test_translations_are_never_offered_for_enrolling(programme):
    welsh = in_welsh(programme)

    choices = list(EnrolForm().fields["programme"].queryset)

    assert choices == [programme]
    assert welsh not in choices


def test_nobody_is_enrolled_on_a_translation(programme, training_admin):
    welsh = in_welsh(programme)

    with pytest.raises(services.InvalidChange, match="not on one of its translations"):
        services.enrol(
            person=UserFactory(staff=True),
            programme=welsh,
            start_date=days_ago(0),
            by=training_admin,
        )


def test_progress_and_the_dashboard_count_the_programmes_own_requirements_once(programme, courses):
    in_welsh(programme)
    lead = UserFactory(staff=True)
    enrol(lead, programme, start=days_ago(30))
    attend(courses["sessions"], lead, on=days_ago(10))

    [progress] = selectors.progress_of(list(selectors.enrolments()))
    rows = dashboard.build(list(selectors.enrolments_for_dashboard()), {})

    assert [item.requirement.pk for item in progress.requirements] == list(
        programme.requirements.order_by("sort_order").values_list("pk", flat=True)
    )
    assert progress.requirements[0].done == 1
    assert [row.enrolment.programme_id for row in rows.rows] == [programme.pk]
    assert len(rows.rows[0].requirements) == 2


def test_a_course_only_for_a_programme_names_it_once_in_the_readers_language(programme, courses):
    in_welsh(programme)
    session = make_session(courses["sessions"], starts_in_days=5)
    someone = UserFactory(staff=True)

    with translation.override("cy"):
        welsh = refuse_without_enrolment(None, user=someone, session=session)
    with translation.override("en-gb"):
        english = refuse_without_enrolment(None, user=someone, session=session)

    assert WELSH_NAME in welsh and NAME not in welsh
    assert NAME in english and WELSH_NAME not in english
    assert english.count(NAME) == 1


# What it costs


def add_programme(lead, number: int) -> None:
    course, module = course_of(), make_module(lessons=1)
    programme = make_programme(
        [
            {"kind": Kind.ATTEND_SESSIONS, "course": course, "count_required": 2, "title": "A"},
            {"kind": Kind.COMPLETE_COURSE, "course": course},
            {"kind": Kind.COMPLETE_MODULE, "module": module},
        ],
        name=f"Programme {number}",
        description="Words",
    )
    translate_snippet(programme, "cy", {f"Programme {number}": f"Rhaglen {number}", "A": "Un"})
    translate_page(course, "cy", {course.title: f"Cwrs {number}"})
    enrol(lead, programme, start=days_ago(30))
    make_session(course, starts_in_days=5)


@pytest.mark.parametrize("language", ["cy", "en-gb"])
def test_my_programme_in_either_language_costs_the_same_with_more_programmes(client, language):
    lead = UserFactory(staff=True)
    client.force_login(lead)
    url = url_in(language, "programmes:my_programme")
    add_programme(lead, 1)
    client.get(url)
    few = count_queries(lambda: client.get(url))
    for number in range(2, 6):
        add_programme(lead, number)
    client.get(url)
    many = count_queries(lambda: client.get(url))

    assert few == many, (few, many)
    if language == "cy":
        page = client.get(url).content.decode()
        assert all(f"Rhaglen {n}" in page for n in range(1, 6))
        assert all(f"Cwrs {n}" in page for n in range(1, 6))


def test_the_welsh_programme_opens_in_the_translation_editor(client, admin_user, programme):
    welsh = in_welsh(programme)
    client.force_login(admin_user)

    response = client.get(reverse("wagtailsnippets_programmes_programme:edit", args=[welsh.pk]))

    assert response.status_code == 200
    assert WELSH_SESSIONS in response.content.decode()


def test_the_programme_list_in_the_admin_works_with_translations(client, training_admin, programme):
    in_welsh(programme)
    client.force_login(training_admin)

    response = client.get(reverse("wagtailsnippets_programmes_programme:list"))

    assert response.status_code == 200
    assert NAME in response.content.decode()
