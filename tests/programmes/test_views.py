"""My programme, the home page's next step, evidence files and the booking rule."""

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from bookings import services as booking_services
from courses.choices import CourseType
from programmes.models import Exemption, ProgrammeEnrolment
from programmes.progress import periods_of
from tests.bookings.factories import make_session
from tests.factories import UserFactory, make_home_page
from tests.query_counts import count_queries

from .factories import ABSENT, Kind, attend, course_of, days_ago, enrol, make_programme

pytestmark = pytest.mark.django_db

MY_PROGRAMME = reverse("programmes:my_programme")


@pytest.fixture
def practice_lead_programme():
    sessions = course_of(title="Practice Lead training session", needs_programme_enrolment=True)
    network = course_of(CourseType.PRACTICE_LEAD_NETWORK, title="Practice Lead Network meeting")
    programme = make_programme(
        [
            {
                "kind": Kind.ATTEND_SESSIONS,
                "course": sessions,
                "count_required": 8,
                "title": "Eight Practice Lead sessions",
            },
            {
                "kind": Kind.ATTEND_REGULARLY,
                "course": network,
                "period_months": 2,
                "missed_periods_allowed": 1,
                "title": "Network meetings",
            },
        ],
        name="Practice Lead programme",
    )
    return programme, sessions, network


@pytest.fixture
def lead():
    return UserFactory(staff=True, practice_lead=True, full_name="Lee <Lead>")


def half_way(lead, practice_lead_programme):
    programme, sessions, network = practice_lead_programme
    enrolment = enrol(lead, programme, start=days_ago(190))
    for n in range(4):
        attend(sessions, lead, on=days_ago(180 - 40 * n))
    periods = periods_of(enrolment.start_date, enrolment.due_date, 2)
    attend(network, lead, on=periods[0][0])
    attend(network, lead, on=periods[1][0], status=ABSENT)
    attend(network, lead, on=periods[2][0])
    return enrolment


def test_my_programme_shows_counts_periods_and_the_sessions_that_would_count(
    client, lead, practice_lead_programme
):
    enrolment = half_way(lead, practice_lead_programme)
    _programme, sessions, _network = practice_lead_programme
    next_session = make_session(sessions, starts_in_days=20)
    client.force_login(lead)

    response = client.get(MY_PROGRAMME)

    assert response.status_code == 200
    html = response.content.decode()
    assert "In progress 4 of 8" in html
    assert "You have attended 4 of the 8 sessions of" in html
    assert html.count(">Missed</strong>") == 1
    assert html.count(">Attended</strong>") == 2
    assert reverse("bookings:book", args=[next_session.pk]) in html
    due = f"{enrolment.due_date:%-d %B %Y}"
    assert re.search(rf"Due date</dt>\s*<dd[^>]*>{due}", html)
    assert "Did not attend" in html, "the absent network meeting, and why it did not count"


def test_my_programme_shows_only_the_signed_in_persons_programmes(
    client, lead, practice_lead_programme
):
    half_way(lead, practice_lead_programme)
    someone_else = UserFactory(staff=True)
    client.force_login(someone_else)

    html = client.get(MY_PROGRAMME).content.decode()

    assert "Practice Lead programme" not in html
    assert "You are not on a programme" in html


def test_my_programme_needs_signing_in(client):
    response = client.get(MY_PROGRAMME)

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_home_page_shows_a_practice_lead_their_next_step(client, lead, practice_lead_programme):
    make_home_page()
    programme, sessions, _network = practice_lead_programme
    enrol(lead, programme, start=days_ago(10))
    make_session(sessions, starts_in_days=9)
    client.force_login(lead)

    html = client.get("/").content.decode()

    assert "Your next step on the Practice Lead programme" in html
    assert "Eight Practice Lead sessions" in html
    assert (dt.date.today() + dt.timedelta(days=9)).strftime("%-d %B") in html


def test_the_home_page_shows_nothing_to_someone_not_on_a_programme(client):
    make_home_page()
    client.force_login(UserFactory(staff=True))

    assert "Your next step" not in client.get("/").content.decode()


def test_evidence_files_are_for_the_person_and_administrators_only(
    client, lead, practice_lead_programme, training_admin
):
    programme, _sessions, _network = practice_lead_programme
    enrolment = enrol(lead, programme, start=days_ago(10))
    exemption = Exemption.objects.create(
        enrolment=enrolment,
        requirement=programme.requirements.first(),
        kind=Exemption.Kind.PRIOR_LEARNING,
        reason="Done elsewhere",
    )
    exemption.evidence_file.save("letter.pdf", ContentFile(b"%PDF-1.4 evidence"))
    url = reverse("programmes:evidence_file", args=[exemption.pk])

    for person, status in [(lead, 200), (training_admin, 200), (UserFactory(), 404)]:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == status
    client.force_login(lead)
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 evidence"


# The booking rule


def test_a_course_for_a_programme_can_be_booked_only_with_an_active_enrolment(
    lead, practice_lead_programme
):
    programme, sessions, network = practice_lead_programme
    session = make_session(sessions, starts_in_days=20)

    with pytest.raises(booking_services.NotEligible, match="enrolled on the Practice Lead"):
        booking_services.check_eligibility(user=lead, session=session)

    enrolment = enrol(lead, programme, start=days_ago(10))
    booking_services.check_eligibility(user=lead, session=session)

    ProgrammeEnrolment.objects.filter(pk=enrolment.pk).update(status="paused")
    with pytest.raises(booking_services.NotEligible):
        booking_services.check_eligibility(user=lead, session=session)

    other_course = make_session(network, starts_in_days=20)
    booking_services.check_eligibility(user=lead, session=other_course)


def test_a_course_for_people_on_a_programme_refuses_everyone_when_no_programme_needs_it(lead):
    course = course_of(needs_programme_enrolment=True)
    session = make_session(course, starts_in_days=20)

    with pytest.raises(booking_services.NotEligible, match="enrolled on a programme"):
        booking_services.check_eligibility(user=lead, session=session)


def test_the_programmes_are_asked_only_about_a_course_for_people_on_a_programme(
    lead, practice_lead_programme
):
    programme, sessions, network = practice_lead_programme
    enrol(lead, programme, start=days_ago(10))
    needing = make_session(sessions, starts_in_days=20)
    open_to_all = make_session(network, starts_in_days=20)

    asked = count_queries(
        lambda: booking_services.check_eligibility(user=lead, session=needing)
    ) - count_queries(lambda: booking_services.check_eligibility(user=lead, session=open_to_all))

    assert asked == 1, "one query: is the person actively enrolled on a programme needing it"


def test_booking_a_counting_session_from_my_programme_goes_through_the_usual_booking(
    client, lead, practice_lead_programme
):
    programme, sessions, _network = practice_lead_programme
    enrol(lead, programme, start=days_ago(10))
    session = make_session(sessions, starts_in_days=20)
    client.force_login(lead)

    response = client.post(reverse("bookings:book", args=[session.pk]), {})

    assert response.status_code == 302
    assert session.bookings.get().user == lead
