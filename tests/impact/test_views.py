import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group

from impact import roles
from impact.models import FeedbackResponse, IndicatorMonth, Participation
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import UserFactory

from .factories import answer, completed_session, default_form, participation_of

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example","x") <script>alert(1)</script>'


def viewer():
    person = UserFactory(staff=True, full_name="Senior Manager")
    person.groups.add(Group.objects.get(name=roles.SCORECARD_VIEWER))
    return person


def refused(response) -> bool:
    """Wagtail answers a refused admin page with a redirect to the dashboard (or sign-in)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"].startswith(("/admin/", "/accounts/"))
    )


def feedback_data(person) -> dict:
    data = {"confidence": "8", "anonymous": "on"}
    for question in default_form().questions.all():
        data[f"question_{question.pk}"] = "4" if question.kind == "rating" else HOSTILE
    return data


def test_a_learner_answers_before_and_after_through_the_pages(client):
    person = UserFactory()
    booking = BookingFactory(session=make_session(starts_in_days=5), user=person)
    client.force_login(person)
    page = client.get("/my-learning/feedback/")
    before_url = f"/my-learning/feedback/before/session/{booking.pk}/"
    assert before_url in page.content.decode()
    refused = client.post(before_url, {})
    assert "There is a problem" in refused.content.decode()
    assert "Choose a number from 0 to 10" in refused.content.decode()
    client.post(before_url, {"confidence": "3"})
    assert Participation.objects.get(booking=booking).confidence_before == 3
    assert before_url not in client.get("/my-learning/feedback/").content.decode()


def test_the_feedback_form_saves_anonymously_and_cannot_be_sent_twice(client):
    person = UserFactory()
    session = completed_session(make_course(title="Two-day"), [person])
    participation = participation_of(person, session)
    client.force_login(person)
    url = f"/my-learning/feedback/{participation.pk}/"
    page = client.get(url)
    assert "Give my feedback anonymously" in page.content.decode()
    response = client.post(url, feedback_data(person))
    assert response.status_code == 302
    saved = FeedbackResponse.objects.get()
    assert saved.is_anonymous and saved.person is None
    assert participation_of(person, session).confidence_after == 8
    again = client.post(url, feedback_data(person), follow=True)
    assert "already given your feedback" in again.content.decode()
    assert FeedbackResponse.objects.count() == 1


def test_nobody_opens_another_persons_feedback_form(client):
    person, other = UserFactory.create_batch(2)
    session = completed_session(make_course(), [person])
    client.force_login(other)
    url = f"/my-learning/feedback/{participation_of(person, session).pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, feedback_data(other)).status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    assert client.get("/my-learning/feedback/").status_code == 302


@pytest.fixture
def answered_session(trainer):
    people = UserFactory.create_batch(5)
    session = completed_session(make_course(title="Two-day"), people, trainers=[trainer])
    for person in people[:4]:
        answer(person, session, text=HOSTILE, anonymous=True)
    return session, people


def test_a_trainer_sees_no_summary_under_5_responses_then_a_summary(
    client, trainer, answered_session
):
    session, people = answered_session
    client.force_login(trainer)
    url = f"/admin/impact/sessions/{session.pk}/"
    page = client.get(url).content.decode()
    assert "4 people have answered so far" in page
    assert "Average ratings" not in page
    answer(people[4], session, text="Named answer", anonymous=False)
    page = client.get(url).content.decode()
    assert "Average ratings" in page
    assert "Named answer" in page
    assert "HYPERLINK" not in page  # the other four were anonymous
    assert people[4].full_name not in page


def test_a_trainer_cannot_see_another_trainers_session(client, answered_session):
    session, _people = answered_session
    other = UserFactory(staff=True, trainer=True)
    client.force_login(other)
    assert refused(client.get(f"/admin/impact/sessions/{session.pk}/"))
    listing = client.get("/admin/impact/sessions/").content.decode()
    assert f"/admin/impact/sessions/{session.pk}/" not in listing
    assert refused(client.get("/admin/impact/scorecard/"))


def test_the_scorecard_escapes_written_answers(client, training_admin, answered_session):
    session, people = answered_session
    client.force_login(training_admin)
    page = client.get("/admin/impact/scorecard/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert 'role="img"' in page and "<table" in page


def test_the_viewer_reads_the_scorecard_but_changes_nothing(client, answered_session):
    client.force_login(viewer())
    assert client.get("/admin/impact/scorecard/").status_code == 200
    assert client.get("/admin/impact/scorecard/?export=csv").status_code == 200
    for url in (
        "/admin/practice_indicators/",
        "/admin/practice_indicators/new/",
        "/admin/feedback_forms/",
        "/admin/impact/indicators/import/",
    ):
        assert refused(client.get(url)), url
    assert refused(client.post("/admin/practice_indicators/new/", {"month": "2026-01-01"}))
    assert not IndicatorMonth.objects.exists()
    page = client.get("/admin/impact/scorecard/").content.decode()
    assert "Import practice indicators" not in page


def test_learners_and_partners_cannot_open_the_scorecard(client, learner):
    client.force_login(learner)
    assert refused(client.get("/admin/impact/scorecard/"))


def rows_of_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_exports_have_no_live_formulas(client, training_admin):
    hostile_course = make_course(title="=cmd|' /C calc'!A0")
    people = UserFactory.create_batch(5)
    completed_session(hostile_course, people)
    client.force_login(training_admin)
    rows = rows_of_csv(client.get("/admin/impact/scorecard/?export=csv&table=trained_per_course"))
    assert rows[0] == ["Course", "People trained"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "5"]
    everything = rows_of_csv(client.get("/admin/impact/scorecard/?export=csv"))
    assert all(not cell.startswith(("=", "+", "@")) for row in everything for cell in row)
    response = client.get("/admin/impact/scorecard/?export=xlsx&table=trained_per_course")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cell = sheet["A2"]
    assert cell.value == "=cmd|' /C calc'!A0" and cell.data_type == "s"


def test_a_suppressed_figure_is_exported_as_less_than_5(client, training_admin):
    completed_session(make_course(title="Small course"), UserFactory.create_batch(2))
    client.force_login(training_admin)
    rows = rows_of_csv(client.get("/admin/impact/scorecard/?export=csv&table=trained_per_course"))
    assert rows[1] == ["Small course", "<5"]


def test_indicators_are_imported_from_csv_and_a_bad_file_changes_nothing(client, training_admin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(training_admin)
    good = SimpleUploadedFile(
        "figures.csv", b"month,re_referrals,looked_after\n2026-01,21.5,300\n2026-02,20.1,\n"
    )
    response = client.post("/admin/impact/indicators/import/", {"file": good})
    assert response.status_code == 302
    assert IndicatorMonth.objects.count() == 2
    assert IndicatorMonth.objects.get(month="2026-02-01").looked_after is None
    bad = SimpleUploadedFile("figures.csv", b"month,re_referrals\n2026-03,12\n2026-04,lots\n")
    page = client.post("/admin/impact/indicators/import/", {"file": bad}).content.decode()
    assert "Row 3: re_referrals is not a number" in page
    assert IndicatorMonth.objects.count() == 2
    unknown = SimpleUploadedFile("figures.csv", b"month,surprise\n2026-03,1\n")
    assert (
        "Unknown columns: surprise"
        in client.post("/admin/impact/indicators/import/", {"file": unknown}).content.decode()
    )
