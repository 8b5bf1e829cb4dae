"""The programme dashboard, its export, one person's evidence, enrolling and the actions."""

import csv
import io

import openpyxl
import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from accounts.permissions import user_is_practice_lead
from courses.choices import CourseType
from programmes.models import Exemption, Programme, ProgrammeEnrolment
from tests.factories import UserFactory

from .factories import (
    ABSENT,
    PRESENT,
    Kind,
    attend,
    course_of,
    days_ago,
    enrol,
    make_programme,
    run_session,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("programmes_admin:dashboard")


@pytest.fixture
def programme():
    sessions = course_of(title="Practice Lead training session")
    return make_programme(
        [
            {"kind": Kind.ATTEND_SESSIONS, "course": sessions, "count_required": 4},
            {"kind": Kind.COMPLETE_COURSE, "course": course_of(CourseType.FIVE_DAY)},
        ],
        name="Practice Lead programme",
        grants_practice_lead_role=True,
    )


def sessions_course(programme):
    return programme.requirements.first().course


@pytest.fixture
def cohort(programme):
    """Three people: on track, overdue, and withdrawn."""
    on_track = UserFactory(staff=True, full_name="Olive Ontrack")
    overdue = UserFactory(staff=True, full_name="Oscar Overdue")
    withdrawn = UserFactory(staff=True, full_name="Will Withdrawn")
    enrol(on_track, programme, start=days_ago(20), intake="February intake")
    enrol(overdue, programme, start=days_ago(400), intake="Old intake")
    enrol(withdrawn, programme, start=days_ago(20), status="withdrawn", intake="February intake")
    attend(sessions_course(programme), on_track, on=days_ago(10))
    return on_track, overdue, withdrawn


@pytest.mark.parametrize("who", ["trainer", "learner"])
def test_only_training_administrators_reach_the_programme_pages(client, who, trainer, learner):
    enrolment = enrol(learner, make_programme(), start=days_ago(1))
    client.force_login({"trainer": trainer, "learner": learner}[who])

    for url in [
        DASHBOARD,
        reverse("programmes_admin:enrolment", args=[enrolment.pk]),
        reverse("programmes_admin:enrol"),
        reverse("programmes_admin:pause", args=[enrolment.pk]),
    ]:
        assert client.get(url).status_code in (302, 403), url


def test_the_dashboard_counts_filters_and_sorts(client, training_admin, cohort):
    client.force_login(training_admin)

    response = client.get(DASHBOARD)
    assert response.status_code == 200
    counts = response.context["counts"]
    assert (counts["enrolled"], counts["on_track"], counts["overdue"], counts["withdrawn"]) == (
        3,
        1,
        1,
        1,
    )
    names = [row.enrolment.person.full_name for row in response.context["rows"]]
    assert names == ["Oscar Overdue", "Olive Ontrack", "Will Withdrawn"], "most urgent first"

    overdue = client.get(DASHBOARD, {"overdue": "on"}).context["rows"]
    assert [row.enrolment.person.full_name for row in overdue] == ["Oscar Overdue"]
    intake = client.get(DASHBOARD, {"intake": "February intake", "status": "active"})
    assert [row.enrolment.person.full_name for row in intake.context["rows"]] == ["Olive Ontrack"]
    by_name = client.get(DASHBOARD, {"sort": "name"}).context["rows"]
    assert [row.enrolment.person.full_name for row in by_name] == [
        "Olive Ontrack",
        "Oscar Overdue",
        "Will Withdrawn",
    ]
    assert "1 of 4" in client.get(DASHBOARD).content.decode()


def test_at_risk_means_behind_the_pace(client, training_admin, programme):
    behind = UserFactory(staff=True, full_name="Bea Behind")
    enrol(behind, programme, start=days_ago(250))
    enrol(UserFactory(staff=True, full_name="Nina New"), programme, start=days_ago(5))
    client.force_login(training_admin)

    rows = client.get(DASHBOARD, {"at_risk": "on"}).context["rows"]

    assert [row.enrolment.person.full_name for row in rows] == ["Bea Behind"]


def test_the_csv_export_has_a_column_per_requirement_and_no_live_formulas(
    client, training_admin, cohort, programme
):
    enrol(UserFactory(staff=True, full_name="=SUM(A1) Sly"), programme, start=days_ago(3))
    client.force_login(training_admin)

    response = client.get(DASHBOARD, {"export": "csv", "sort": "name"})

    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["Name"] for row in rows] == [
        "'=SUM(A1) Sly",
        "Olive Ontrack",
        "Oscar Overdue",
        "Will Withdrawn",
    ]
    assert rows[1]["Practice Lead training session"] == "In progress (1 of 4)"
    assert rows[2]["Standing"] == "Overdue"
    assert rows[1]["Due date"] == programme.due_date_for(days_ago(20)).isoformat()


def test_the_xlsx_export_keeps_the_filters(client, training_admin, cohort):
    client.force_login(training_admin)

    response = client.get(DASHBOARD, {"export": "xlsx", "overdue": "on"})

    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "Name"
    assert [row[0] for row in values[1:]] == ["Oscar Overdue"]


def test_one_persons_page_shows_the_evidence_and_why_records_did_not_count(
    client, training_admin, programme
):
    lead = UserFactory(staff=True, full_name="Lee Lead")
    enrolment = enrol(lead, programme, start=days_ago(100))
    course = sessions_course(programme)
    attend(course, lead, on=days_ago(90))
    run_session(course, [days_ago(60), days_ago(59)], marks={lead: [PRESENT, ABSENT]})
    client.force_login(training_admin)

    response = client.get(reverse("programmes_admin:enrolment", args=[enrolment.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Counted" in html
    assert f"marked absent or late on {days_ago(59):%-d %B}" in html
    assert "You have attended 1 of the 4 sessions" in html


def test_enrolling_by_email_grants_the_role_and_emails_what_the_programme_asks(
    client, training_admin, programme
):
    person = UserFactory(staff=True, full_name="Nia New")
    client.force_login(training_admin)

    response = client.post(
        reverse("programmes_admin:enrol"),
        {
            "programme": programme.pk,
            "start_date": days_ago(0).isoformat(),
            "intake": "July intake",
            "emails": person.email.upper(),
        },
    )

    assert response.status_code == 302
    enrolment = ProgrammeEnrolment.objects.get(person=person)
    assert (enrolment.intake, enrolment.start_date) == ("July intake", days_ago(0))
    assert enrolment.due_date == programme.due_date_for(days_ago(0))
    person.refresh_from_db()
    assert user_is_practice_lead(person)
    [message] = mail.outbox
    assert message.to == [person.email]
    assert "Attend 4 sessions of ‘Practice Lead training session’" in message.body
    assert (
        ModelLogEntry.objects.for_instance(enrolment)
        .filter(action="programmes.enrolment.enrolled")
        .exists()
    )


def test_enrolling_everyone_who_completed_a_session_skips_those_already_on_it(
    client, training_admin, programme
):
    five_day = course_of(CourseType.FIVE_DAY)
    completed = [UserFactory(staff=True) for _ in range(3)]
    absent = UserFactory(staff=True)
    session = run_session(
        five_day,
        [days_ago(10)],
        marks={**dict.fromkeys(completed, PRESENT), absent: ABSENT},
    )
    enrol(completed[0], programme, start=days_ago(5))
    client.force_login(training_admin)

    response = client.post(
        reverse("programmes_admin:enrol"),
        {
            "programme": programme.pk,
            "start_date": days_ago(0).isoformat(),
            "completed_session": session.pk,
        },
        follow=True,
    )

    assert ProgrammeEnrolment.objects.filter(programme=programme).count() == 3
    assert not ProgrammeEnrolment.objects.filter(person=absent).exists()
    assert "Enrolled 2 on Practice Lead programme" in response.content.decode()


def test_enrolling_with_nobody_or_an_unknown_address_shows_errors_and_changes_nothing(
    client, training_admin, programme
):
    client.force_login(training_admin)
    data = {"programme": programme.pk, "start_date": days_ago(0).isoformat()}

    empty = client.post(reverse("programmes_admin:enrol"), data)
    unknown = client.post(reverse("programmes_admin:enrol"), {**data, "emails": "no@one.example"})

    assert empty.status_code == unknown.status_code == 200
    assert empty.context["form"].non_field_errors()
    assert "Nobody has an account with no@one.example" in unknown.content.decode()
    assert not ProgrammeEnrolment.objects.exists()


def test_pausing_needs_a_reason_and_is_recorded(client, training_admin, programme):
    enrolment = enrol(UserFactory(staff=True), programme, start=days_ago(10))
    client.force_login(training_admin)
    url = reverse("programmes_admin:pause", args=[enrolment.pk])

    assert client.post(url, {"reason": ""}).status_code == 200
    response = client.post(url, {"reason": "Long-term sick leave"})

    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert (enrolment.status, enrolment.status_reason) == ("paused", "Long-term sick leave")
    page = client.get(reverse("programmes_admin:enrolment", args=[enrolment.pk]))
    assert "Paused. Reason: Long-term sick leave" in page.content.decode()


def test_recording_prior_learning_with_a_file_is_shown_and_audited(
    client, training_admin, programme
):
    person = UserFactory(staff=True)
    enrolment = enrol(person, programme, start=days_ago(10))
    five_day = programme.requirements.get(kind=Kind.COMPLETE_COURSE)
    client.force_login(training_admin)

    response = client.post(
        reverse("programmes_admin:exemption", args=[enrolment.pk, five_day.pk]),
        {
            "kind": Exemption.Kind.PRIOR_LEARNING,
            "reason": "Completed with another authority",
            "evidence_note": "Five-day course with Northshire, March 2025",
            "evidence_file": SimpleUploadedFile("certificate.pdf", b"%PDF-1.4"),
        },
    )

    assert response.status_code == 302
    exemption = Exemption.objects.get()
    assert exemption.evidence_file.name.startswith("programmes/evidence/")
    assert exemption.recorded_by == training_admin
    page = client.get(reverse("programmes_admin:enrolment", args=[enrolment.pk])).content
    assert b"Exemption recorded" in page
    assert b"Five-day course with Northshire, March 2025" in page
    client.force_login(person)
    mine = client.get(reverse("programmes:my_programme")).content.decode()
    assert "Prior learning recorded: Completed with another authority" in mine


def test_an_evidence_file_of_the_wrong_kind_is_refused(client, training_admin, programme):
    enrolment = enrol(UserFactory(staff=True), programme, start=days_ago(10))
    requirement = programme.requirements.first()
    client.force_login(training_admin)

    response = client.post(
        reverse("programmes_admin:exemption", args=[enrolment.pk, requirement.pk]),
        {
            "kind": Exemption.Kind.EXEMPTION,
            "reason": "Agreed by the board",
            "evidence_file": SimpleUploadedFile("run.exe", b"MZ"),
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["evidence_file"]
    assert not Exemption.objects.exists()


def test_the_programme_settings_are_edited_in_the_admin(client, training_admin):
    client.force_login(training_admin)

    response = client.get(reverse("wagtailsnippets_programmes_programme:add"))

    assert response.status_code == 200
    assert b"Requirements, in order" in response.content


def programme_form(**requirement):
    requirement = {"count_required": "1", "missed_periods_allowed": "0", **requirement}
    return nested_form_data(
        {
            "name": "Trainer pathway",
            "description": "",
            "duration_months": "12",
            "requirements": inline_formset([requirement]),
        }
    )


def test_a_programme_is_configured_with_its_requirements_in_the_admin(client, training_admin):
    course = course_of(CourseType.TWO_DAY)
    client.force_login(training_admin)

    response = client.post(
        reverse("wagtailsnippets_programmes_programme:add"),
        programme_form(kind=Kind.DELIVER_SESSIONS, course=course.pk, count_required="2"),
    )

    assert response.status_code == 302
    requirement = Programme.objects.get(name="Trainer pathway").requirements.get()
    assert (requirement.kind, requirement.course, requirement.count_required) == (
        Kind.DELIVER_SESSIONS,
        course.specific,
        2,
    )


def test_a_requirement_without_the_course_it_counts_is_refused(client, training_admin):
    client.force_login(training_admin)

    response = client.post(
        reverse("wagtailsnippets_programmes_programme:add"),
        programme_form(kind=Kind.ATTEND_SESSIONS),
    )

    assert response.status_code == 200
    assert "Choose the course whose sessions count." in response.content.decode()
    assert not Programme.objects.exists()
