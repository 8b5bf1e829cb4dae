"""The trainers' admin pages, the exports and the public check-in page."""

import csv
import io
import unicodedata

import openpyxl
import pypdf
import pytest
from django.core import mail
from django.urls import reverse

from bookings import services
from bookings.models import Attendance, Booking, CohortMessage, Session
from certificates.models import Certificate
from tests.bookings.cohorts import (
    mark_everyone,
    past_session,
    register_form_data,
    running_session,
    today_of,
)
from tests.bookings.factories import BookingFactory, make_session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def session_urls(session, booking) -> list[str]:
    day = session.ordered_days[0]
    return [
        reverse("bookings_cohorts:cohort", args=[session.pk]),
        reverse("bookings_cohorts:register", args=[session.pk, day.pk]),
        reverse("bookings_cohorts:walk_in", args=[session.pk]),
        reverse("bookings_cohorts:add_person", args=[session.pk]),
        reverse("bookings_cohorts:capacity", args=[session.pk]),
        reverse("bookings_cohorts:message", args=[session.pk]),
        reverse("bookings_cohorts:complete", args=[session.pk]),
        reverse("bookings_cohorts:reopen", args=[session.pk]),
        reverse("bookings_cohorts:roster", args=[session.pk]) + "?export=csv",
        reverse("bookings_cohorts:roster", args=[session.pk]) + "?export=xlsx",
        reverse("bookings_cohorts:sign_in_sheet", args=[session.pk]),
        reverse("bookings_cohorts:remove", args=[booking.pk]),
        reverse("bookings_cohorts:move", args=[booking.pk]),
    ]


def test_cohort_urls_live_in_the_admin():
    assert reverse("bookings_cohorts:my_sessions") == "/admin/cohorts/"
    assert reverse("bookings_cohorts:cohort", args=[3]) == "/admin/cohorts/3/"


# Permissions


def test_a_trainer_reaches_every_page_of_a_session_they_deliver(client, trainer):
    session, [booking] = running_session(trainers=[trainer], people=1)
    client.force_login(trainer)

    for url in session_urls(session, booking):
        assert client.get(url).status_code == 200, url


def test_a_trainer_gets_404_for_every_page_of_a_session_they_do_not_deliver(client, trainer):
    session, [booking] = running_session(people=1)
    client.force_login(trainer)

    for url in session_urls(session, booking):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reason": "x", "capacity": 99}).status_code == 404, url
    promote = reverse("bookings_cohorts:promote", args=[booking.pk])
    assert client.post(promote).status_code == 404
    # Guessing ids that do not exist looks the same.
    assert client.get(reverse("bookings_cohorts:cohort", args=[999999])).status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED
    assert Session.objects.get(pk=session.pk).capacity == 1


def test_a_day_of_another_session_in_the_register_url_is_404(client, trainer):
    session, _ = running_session(trainers=[trainer], people=1)
    other = make_session()
    client.force_login(trainer)

    url = reverse("bookings_cohorts:register", args=[session.pk, other.ordered_days[0].pk])
    assert client.get(url).status_code == 404


def test_training_administrators_reach_every_session(client, training_admin):
    session, [booking] = running_session(people=1)
    client.force_login(training_admin)

    for url in session_urls(session, booking):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["learner", "partner", "practice_lead"])
def test_learners_and_partners_have_no_admin_access(client, role, learner, partner):
    person = {
        "learner": learner,
        "partner": partner,
        "practice_lead": UserFactory(staff=True, practice_lead=True),
    }[role]
    session, [booking] = running_session(trainers=[person], people=1)  # even if listed
    client.force_login(person)

    for url in [reverse("bookings_cohorts:my_sessions"), *session_urls(session, booking)]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response.url


def test_my_sessions_menu_shows_for_trainers_and_administrators_only(
    client, trainer, training_admin, learner
):
    client.force_login(trainer)
    assert reverse("bookings_cohorts:my_sessions") in client.get("/admin/").content.decode()
    client.force_login(training_admin)
    assert reverse("bookings_cohorts:my_sessions") in client.get("/admin/").content.decode()
    trainer.groups.clear()  # no longer a trainer: no menu, no page
    client.force_login(trainer)
    assert client.get(reverse("bookings_cohorts:my_sessions")).status_code in (302, 403)


# My sessions


def test_my_sessions_lists_only_the_trainers_sessions_upcoming_first(client, trainer):
    past, _ = past_session(trainers=[trainer], people=0)
    later = make_session(starts_in_days=30, trainers=[trainer])
    sooner = make_session(starts_in_days=3, trainers=[trainer])
    not_mine = make_session(starts_in_days=4)
    client.force_login(trainer)

    response = client.get(reverse("bookings_cohorts:my_sessions"))

    listed = [session.pk for session in response.context["sessions"]]
    assert listed == [sooner.pk, later.pk, past.pk]
    assert not_mine.pk not in listed
    assert "(to complete)" in response.content.decode()
    breadcrumbs = (
        response.content.decode().split('aria-label="Breadcrumb"', 1)[1].split("</nav>")[0]
    )
    assert "My sessions" in breadcrumbs, "the header names the page, not just 'Home'"


def test_administrators_filter_sessions(client, training_admin, trainer):
    mine = make_session(starts_in_days=3, trainers=[trainer])
    other = make_session(starts_in_days=40)
    client.force_login(training_admin)
    url = reverse("bookings_cohorts:my_sessions")

    def listed(**query):
        return [s.pk for s in client.get(url, query).context["sessions"]]

    assert set(listed()) >= {mine.pk, other.pk}
    assert listed(trainer=trainer.pk) == [mine.pk]
    assert listed(course=other.course.pk) == [other.pk]
    assert listed(date_from=other.first_day.date.isoformat()) == [other.pk]
    assert listed(date_to=mine.first_day.date.isoformat()) == [mine.pk]
    assert listed(status="cancelled") == []
    # Nonsense is shown as a form error, never a 500.
    response = client.get(url, {"date_from": "yesterday", "trainer": "abc"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors


# The cohort page


def test_the_cohort_page_shows_attendees_waiting_list_and_cancellations(client, trainer):
    session = make_session(capacity=2, trainers=[trainer])
    someone = UserFactory(full_name="Robin <b>Bold</b>", team="Front Door")
    BookingFactory(session=session, user=someone, access_needs="Vegan & nut-free")
    BookingFactory(session=session)
    first = BookingFactory(session=session, waitlisted=True)
    BookingFactory(session=session, cancelled=True, cancellation_reason="Ill")
    client.force_login(trainer)

    response = client.get(reverse("bookings_cohorts:cohort", args=[session.pk]))

    content = response.content.decode()
    assert "Robin &lt;b&gt;Bold&lt;/b&gt;" in content
    assert "Vegan &amp; nut-free" in content
    assert "Front Door" in content and someone.email in content
    assert [b.pk for b in response.context["waiting"]] == [first.pk]
    assert [b.cancellation_reason for b in response.context["other"]] == ["Ill"]


def test_a_completed_cohort_links_to_all_its_certificates(client, trainer):
    session, _ = past_session(trainers=[trainer], people=1)
    Session.objects.filter(pk=session.pk).update(status=Session.Status.COMPLETED)
    client.force_login(trainer)

    content = client.get(reverse("bookings_cohorts:cohort", args=[session.pk])).content.decode()

    assert reverse("certificates_session_zip", args=[session.pk]) in content


def test_remove_move_add_and_raise_capacity_from_the_cohort_page(client, trainer):
    session = make_session(capacity=1, trainers=[trainer])
    target = make_session(session.course, capacity=5, starts_in_days=40)
    booking = BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)
    newcomer = UserFactory()
    client.force_login(trainer)

    response = client.post(reverse("bookings_cohorts:capacity", args=[session.pk]), {"capacity": 2})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED  # promoted by the raise
    client.post(reverse("bookings_cohorts:capacity", args=[session.pk]), {"capacity": 4})
    response = client.post(reverse("bookings_cohorts:capacity", args=[session.pk]), {"capacity": 3})
    assert "Only a training administrator can lower" in response.content.decode()
    assert Session.objects.get(pk=session.pk).capacity == 4

    client.post(reverse("bookings_cohorts:remove", args=[booking.pk]), {"reason": "Left"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED

    client.post(reverse("bookings_cohorts:move", args=[waiting.pk]), {"to_session": target.pk})
    waiting.refresh_from_db()
    assert waiting.session == target

    client.post(
        reverse("bookings_cohorts:add_person", args=[session.pk]),
        {"email": newcomer.email, "reason": "Invited", "access_needs": ""},
    )
    assert Booking.objects.get(user=newcomer).status == Booking.Status.CONFIRMED


# Training administrators on the cohort page (it replaced the Training menu's bookings page)


def test_an_administrator_adds_a_person_and_the_history_records_the_reason(client, training_admin):
    session = make_session()
    person = UserFactory()
    client.force_login(training_admin)

    response = client.post(
        reverse("bookings_cohorts:add_person", args=[session.pk]),
        {
            "email": person.email.upper(),
            "reason": "Invited by the board",
            "access_needs": "Hearing loop",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("bookings_cohorts:cohort", args=[session.pk])
    booking = Booking.objects.get(user=person)
    assert booking.access_needs == "Hearing loop"
    history = client.get(reverse("bookings_booking:history", args=[booking.pk])).content.decode()
    assert "Added by an administrator" in history
    assert "Invited by the board" in history


def test_adding_an_unknown_person_shows_an_error(client, training_admin):
    session = make_session()
    client.force_login(training_admin)

    response = client.post(
        reverse("bookings_cohorts:add_person", args=[session.pk]),
        {"email": "nobody@example.org", "reason": "x"},
    )

    assert "Nobody has an account" in response.content.decode()
    assert not Booking.objects.exists()


def test_the_cohort_page_lists_people_with_their_needs_for_administrators(client, training_admin):
    session = make_session(capacity=1)
    BookingFactory(session=session, access_needs="Wheelchair user")
    waiting = BookingFactory(session=session, waitlisted=True)
    client.force_login(training_admin)

    response = client.get(reverse("bookings_cohorts:cohort", args=[session.pk]))

    page = response.content.decode()
    assert "Wheelchair user" in page
    assert "Waiting list (1)" in page
    assert [(b.pk, b.waitlist_position) for b in response.context["waiting"]] == [(waiting.pk, 1)]


def test_an_administrator_cancels_a_booking_and_the_history_shows_the_promotion(
    client, training_admin
):
    session = make_session(capacity=1)
    holder = BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)
    client.force_login(training_admin)

    response = client.post(
        reverse("bookings_cohorts:remove", args=[holder.pk]), {"reason": "Left the service"}
    )

    assert response.status_code == 302
    assert response.url == reverse("bookings_cohorts:cohort", args=[session.pk])
    holder.refresh_from_db()
    assert holder.status == Booking.Status.CANCELLED
    assert holder.cancellation_reason == "Left the service"
    history = client.get(reverse("bookings_booking:history", args=[waiting.pk])).content.decode()
    assert "Promoted from the waiting list: On the waiting list → Confirmed" in history


def test_an_administrator_moves_a_booking_to_another_session_of_the_same_course(
    client, training_admin
):
    session = make_session()
    booking = BookingFactory(session=session)
    target = make_session(session.course, starts_in_days=40)
    other_course = make_session(starts_in_days=40)
    url = reverse("bookings_cohorts:move", args=[booking.pk])
    client.force_login(training_admin)

    offered = client.get(url).context["form"].fields["to_session"].queryset
    assert list(offered) == [target]
    response = client.post(url, {"to_session": other_course.pk, "reason": ""})
    assert response.status_code == 200 and response.context["form"].errors
    response = client.post(url, {"to_session": target.pk, "reason": ""})

    assert response.status_code == 302
    assert response.url == reverse("bookings_cohorts:cohort", args=[session.pk])
    booking.refresh_from_db()
    assert booking.session == target


def test_a_booking_awaiting_approval_can_be_removed_from_the_cohort_page(client, training_admin):
    session = make_session()
    pending = BookingFactory(
        session=session, status=Booking.Status.AWAITING_APPROVAL, confirmed_at=None
    )
    remove_url = reverse("bookings_cohorts:remove", args=[pending.pk])
    client.force_login(training_admin)

    page = client.get(reverse("bookings_cohorts:cohort", args=[session.pk])).content.decode()
    assert remove_url in page
    client.post(remove_url, {"reason": "Manager never replied"})

    pending.refresh_from_db()
    assert pending.status == Booking.Status.CANCELLED


def test_only_administrators_see_the_session_admin_links_on_the_cohort_page(
    client, training_admin, trainer
):
    session = make_session(trainers=[trainer])
    booking = BookingFactory(session=session)
    url = reverse("bookings_cohorts:cohort", args=[session.pk])
    admin_links = [
        reverse("bookings_session:edit", args=[session.pk]),
        reverse("bookings_session:cancel", args=[session.pk]),
        reverse("bookings_booking:history", args=[booking.pk]),
    ]

    client.force_login(training_admin)
    page = client.get(url).content.decode()
    assert all(link in page for link in admin_links)
    client.force_login(trainer)
    page = client.get(url).content.decode()
    assert not any(link in page for link in admin_links)


def test_promote_from_the_cohort_page(client, trainer):
    session = make_session(capacity=2, trainers=[trainer])
    BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)
    client.force_login(trainer)

    assert client.get(reverse("bookings_cohorts:promote", args=[waiting.pk])).status_code == 405
    client.post(reverse("bookings_cohorts:promote", args=[waiting.pk]))

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED


# The register


def test_the_register_marks_all_present_then_saves_individual_changes(client, trainer):
    session, bookings = running_session(trainers=[trainer], people=3)
    day = today_of(session)
    url = reverse("bookings_cohorts:register", args=[session.pk, day.pk])
    client.force_login(trainer)

    page = client.get(url)
    assert day.check_in_code_display in page.content.decode()
    assert page.context["check_in_qr"].startswith("data:image/png;base64,")

    response = client.post(url, {"action": "mark_all_present"})
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("status", flat=True)) == {"present"}

    data = register_form_data(client.get(url))
    data[f"status_{bookings[1].pk}"] = "absent"
    client.post(url, {**data, "action": "save"})

    assert Attendance.objects.get(booking=bookings[1]).status == "absent"
    assert Attendance.objects.filter(status="present").count() == 2


@pytest.mark.parametrize("first", ["a", "b"])
def test_two_trainers_on_one_register_never_undo_each_others_marks(client, trainer, first):
    """Each trainer saves only what they changed: whoever saves last, both changes stand."""
    other_trainer = UserFactory(trainer=True)
    session, [one, two] = running_session(trainers=[trainer, other_trainer], people=2)
    day = today_of(session)
    services.mark_all_present(session=session, day=day, by=trainer)
    url = reverse("bookings_cohorts:register", args=[session.pk, day.pk])
    pages = {}
    for name, person in (("a", trainer), ("b", other_trainer)):
        client.force_login(person)
        pages[name] = register_form_data(client.get(url))
    pages["a"][f"status_{one.pk}"] = "absent"
    pages["b"][f"status_{two.pk}"] = "late_or_left_early"

    for name in (first, "b" if first == "a" else "a"):
        client.force_login(trainer if name == "a" else other_trainer)
        response = client.post(url, {**pages[name], "action": "save"}, follow=True)
        assert "Not saved for" not in response.content.decode()

    marks = dict(Attendance.objects.values_list("booking_id", "status"))
    assert marks == {one.pk: "absent", two.pk: "late_or_left_early"}


def test_a_mark_changed_by_someone_else_since_the_page_loaded_is_kept_and_reported(client, trainer):
    other_trainer = UserFactory(trainer=True)
    session, [one] = running_session(trainers=[trainer, other_trainer], people=1)
    one.user.full_name = "Ann Lee"
    one.user.save()
    day = today_of(session)
    services.mark_all_present(session=session, day=day, by=trainer)
    url = reverse("bookings_cohorts:register", args=[session.pk, day.pk])
    client.force_login(other_trainer)
    stale = register_form_data(client.get(url))
    services.mark_attendance(booking=one, day=day, status="absent", by=trainer)

    stale[f"status_{one.pk}"] = "late_or_left_early"
    response = client.post(url, {**stale, "action": "save"}, follow=True)

    assert Attendance.objects.get(booking=one).status == "absent"
    assert "Not saved for Ann Lee" in response.content.decode()


def test_nonsense_on_the_register_is_a_form_error(client, trainer):
    session, [booking] = running_session(trainers=[trainer], people=1)
    day = today_of(session)
    client.force_login(trainer)

    response = client.post(
        reverse("bookings_cohorts:register", args=[session.pk, day.pk]),
        {f"status_{booking.pk}": "asleep", "action": "save"},
    )

    assert response.status_code == 200
    assert not Attendance.objects.exists()


def test_a_future_days_register_is_not_open(client, trainer):
    session = make_session(days=1, starts_in_days=3, trainers=[trainer])
    BookingFactory(session=session)
    client.force_login(trainer)
    url = reverse("bookings_cohorts:register", args=[session.pk, session.first_day.pk])

    assert "opens on the day" in client.get(url).content.decode()
    response = client.post(url, {"action": "mark_all_present"})
    assert "opens on the day" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_walk_in_from_the_register(client, trainer, learner):
    session, _ = running_session(trainers=[trainer], people=1)
    client.force_login(trainer)

    client.post(
        reverse("bookings_cohorts:walk_in", args=[session.pk]),
        {"email": learner.email, "access_needs": ""},
    )

    booking = Booking.objects.get(user=learner)
    assert booking.is_walk_in and booking.status == Booking.Status.CONFIRMED


# Completing and reopening


def test_complete_and_reopen_through_the_pages(client, trainer, training_admin):
    session, bookings = past_session(trainers=[trainer], people=2)
    mark_everyone(session)
    client.force_login(trainer)

    response = client.post(reverse("bookings_cohorts:complete", args=[session.pk]))

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == Session.Status.COMPLETED
    assert Certificate.objects.count() == 2
    assert client.get(reverse("bookings_cohorts:reopen", args=[session.pk])).status_code == 200
    response = client.post(reverse("bookings_cohorts:reopen", args=[session.pk]), {"reason": "x"})
    assert "Only a training administrator" in response.content.decode()

    client.force_login(training_admin)
    client.post(reverse("bookings_cohorts:reopen", args=[session.pk]), {"reason": "Fix day 2"})
    session.refresh_from_db()
    assert session.status == Session.Status.SCHEDULED


def test_completing_too_early_shows_why(client, trainer):
    session, _ = running_session(trainers=[trainer], people=1)
    client.force_login(trainer)

    response = client.post(reverse("bookings_cohorts:complete", args=[session.pk]))

    assert response.status_code == 200
    assert "last day is over" in response.content.decode()


# Messages


def test_message_the_cohort_page(client, trainer):
    session, _ = running_session(trainers=[trainer], people=2)
    client.force_login(trainer)

    response = client.post(
        reverse("bookings_cohorts:message", args=[session.pk]),
        {"subject": "Bring lunch", "body": "There is no <canteen>."},
    )

    assert response.status_code == 302
    assert len(mail.outbox) == 2
    cohort = client.get(reverse("bookings_cohorts:cohort", args=[session.pk])).content.decode()
    assert "Bring lunch" in cohort and "There is no &lt;canteen&gt;." in cohort
    assert CohortMessage.objects.get().recipients_count == 2


# Exports


def roster_people():
    return [
        UserFactory(full_name="Zoë O'Brien & Sons", team="Fostering"),
        UserFactory(full_name='Sam "<script>" Smith'),
        UserFactory(full_name="=HYPERLINK(1)"),
    ]


def test_roster_csv(client, trainer):
    session, _ = past_session(trainers=[trainer], people=0)
    people = roster_people()
    for person in people:
        BookingFactory(session=session, user=person, access_needs="Wheelchair user")
    BookingFactory(session=session, waitlisted=True)  # not on the roster
    mark_everyone(session)
    client.force_login(trainer)

    response = client.get(reverse("bookings_cohorts:roster", args=[session.pk]), {"export": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert sorted(row["Name"] for row in rows) == sorted(
        ["Zoë O'Brien & Sons", 'Sam "<script>" Smith', "'=HYPERLINK(1)"]
    )
    assert {row["Access or dietary needs"] for row in rows} == {"Wheelchair user"}
    day_one = next(key for key in rows[0] if key.startswith("Day 1"))
    assert {row[day_one] for row in rows} == {"Present"}


def test_roster_xlsx(client, trainer):
    session, _ = past_session(trainers=[trainer], people=0)
    for person in roster_people():
        BookingFactory(session=session, user=person)
    client.force_login(trainer)

    response = client.get(reverse("bookings_cohorts:roster", args=[session.pk]), {"export": "xlsx"})

    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name", "Email", "Organisation")
    names = sorted(row[0] for row in rows[1:])
    assert names == sorted(["Zoë O'Brien & Sons", 'Sam "<script>" Smith', "=HYPERLINK(1)"])
    assert workbook.active.cell(row=2, column=1).data_type == "s"  # never a formula


def test_the_roster_needs_a_format(client, trainer):
    session, _ = past_session(trainers=[trainer], people=1)
    client.force_login(trainer)

    url = reverse("bookings_cohorts:roster", args=[session.pk])
    assert client.get(url).status_code == 404
    assert client.get(url, {"export": "pdf"}).status_code == 404


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_sign_in_sheet_lists_every_attendee_literally(client, trainer):
    names = [
        "Zażółć Gęślą Jaźń",
        "محمد عبد الله",
        "Siân Ŵyn ap Rhys",
        "Ana <i>Italic</i> & Co",
        'Jo "JJ" O\'Neil',
        "Ελένη Παπαδοπούλου",
    ]
    trainer.full_name = "Terry Trainer"
    trainer.save()
    session, _ = past_session(trainers=[trainer], people=0, days=3)
    for name in names:
        BookingFactory(session=session, user=UserFactory(full_name=name))
    BookingFactory(session=session, cancelled=True, user=UserFactory(full_name="Not Coming"))
    client.force_login(trainer)

    response = client.get(reverse("bookings_cohorts:sign_in_sheet", args=[session.pk]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="sign-in-sheet-')
    text = pdf_text(response.content)
    normalised = unicodedata.normalize("NFKC", text)
    for name in names:
        assert name in normalised, name
    assert "<i>" in text and "&amp;" not in text and "&lt;" not in text
    assert "Not Coming" not in text
    assert session.course.title in text
    assert session.venue.name in text
    assert "Terry Trainer" in text
    for number, day in enumerate(session.ordered_days, start=1):
        assert f"Signature, day {number}" in text
        assert f"{day.date.day} {day.date:%B %Y}" in text
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    box = reader.pages[0].mediabox
    assert round(float(box.width)) > round(float(box.height))  # landscape


# The public check-in page


def test_checking_in_from_the_qr_link(client, learner):
    session, _ = running_session(people=0)
    BookingFactory(session=session, user=learner)
    day = today_of(session)
    url = reverse("bookings:check_in", args=[day.pk])

    signed_out = client.get(url, {"code": day.check_in_code})
    assert signed_out.status_code == 302 and "/accounts/login/" in signed_out.url

    client.force_login(learner)
    page = client.get(url, {"code": day.check_in_code})
    assert page.status_code == 200
    assert not Attendance.objects.exists()  # opening the link changes nothing
    assert f'value="{day.check_in_code}"' in page.content.decode()

    response = client.post(url, {"code": day.check_in_code})

    assert "You are checked in" in response.content.decode()
    assert Attendance.objects.get().source == Attendance.Source.CHECK_IN

    # Opening the link again says so, instead of offering the form again.
    again = client.get(url, {"code": day.check_in_code}).content.decode()
    assert "You are checked in" in again
    assert "Check me in" not in again


def test_a_wrong_code_on_the_check_in_page_is_an_error(client, learner):
    session, _ = running_session(people=0)
    BookingFactory(session=session, user=learner)
    day = today_of(session)
    client.force_login(learner)

    response = client.post(reverse("bookings:check_in", args=[day.pk]), {"code": "nope"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in content and "That code is not right" in content
    assert "<title>Error:" in content
    assert not Attendance.objects.exists()
    assert client.get(reverse("bookings:check_in", args=[999999])).status_code == 404
