import datetime as dt

import pytest
import vobject
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from accounts.audiences import Audience
from accounts.models import Organisation
from bookings import services
from bookings.models import Booking, CourseInterest, Session
from bookings.services import DayTimes
from elearning.models import Enrolment
from tests.bookings.factories import BookingFactory, VenueFactory, fill, make_session
from tests.courses.factories import make_course
from tests.elearning.factories import make_module
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def statuses(session):
    return list(
        Booking.objects.filter(session=session).order_by("pk").values_list("status", flat=True)
    )


def log_entries(booking):
    return list(ModelLogEntry.objects.for_instance(booking).order_by("timestamp", "pk"))


def ics_of(message) -> str:
    [attachment] = [a for a in message.attachments if a[0].endswith(".ics")]
    content = attachment[1]
    return content.decode() if isinstance(content, bytes) else content


# Booking


def test_book_confirms_while_places_are_free(partner):
    session = make_session(capacity=2)

    booking = services.book(user=partner, session=session, access_needs="Hearing loop")

    assert booking.status == Booking.Status.CONFIRMED
    assert booking.access_needs == "Hearing loop"
    [message] = mail.outbox
    assert message.to == [partner.email]
    assert "confirmed" in message.subject
    ics = ics_of(message)
    assert "METHOD:REQUEST" in ics
    assert f"UID:booking-{booking.pk}@testserver" in ics
    [entry] = log_entries(booking)
    assert entry.action == "bookings.booking.confirmed"
    assert entry.data["from"] is None and entry.data["to"] == "confirmed"
    assert entry.user_id == partner.pk


def test_book_when_full_joins_the_end_of_the_waiting_list():
    session = make_session(capacity=1)
    first, second, third = UserFactory(), UserFactory(), UserFactory()

    services.book(user=first, session=session)
    waiting_1 = services.book(user=second, session=session)
    waiting_2 = services.book(user=third, session=session)

    assert statuses(session) == ["confirmed", "waitlisted", "waitlisted"]
    assert services.waitlist_position_of(waiting_1) == 1
    assert services.waitlist_position_of(waiting_2) == 2
    assert "number 2 on the waiting list" in mail.outbox[-1].body


def occurrences(ics: str) -> list[tuple[dt.datetime, dt.datetime]]:
    """Every (start, end) of the invitation's one event series, read by vobject: a parser
    independent of the icalendar library that wrote it."""
    calendar = vobject.readOne(ics)
    [uid] = {event.uid.value for event in calendar.vevent_list}
    assert uid
    series = next(e for e in calendar.vevent_list if not hasattr(e, "recurrence_id"))
    overrides = {
        e.recurrence_id.value: (e.dtstart.value, e.dtend.value)
        for e in calendar.vevent_list
        if hasattr(e, "recurrence_id")
    }
    length = series.dtend.value - series.dtstart.value
    return sorted(
        overrides.get(start, (start, start + length)) for start in series.getrruleset(addRDate=True)
    )


def test_a_non_consecutive_two_day_session_is_one_event_series_in_one_invite(partner):
    today = timezone.localdate()
    days = [today + dt.timedelta(days=10), today + dt.timedelta(days=17)]
    session = make_session(days=days)

    services.book(user=partner, session=session)

    ics = ics_of(mail.outbox[0])
    assert ics.count("BEGIN:VEVENT") == 1
    expected = [
        (day.starts_at.astimezone(dt.UTC), day.ends_at.astimezone(dt.UTC))
        for day in session.ordered_days
    ]
    assert occurrences(ics) == expected


def test_a_day_with_other_hours_is_an_override_of_its_occurrence(partner):
    today = timezone.localdate()
    session = make_session(days=[today + dt.timedelta(days=10), today + dt.timedelta(days=11)])
    second = session.ordered_days[1]
    second.end_time = dt.time(12, 30)
    second.save()

    services.book(user=partner, session=session)

    ics = ics_of(mail.outbox[0])
    assert ics.count("RECURRENCE-ID") == 1
    first_day, second_day = occurrences(ics)
    assert second_day[1] - second_day[0] == dt.timedelta(hours=3)
    assert first_day[1] - first_day[0] == dt.timedelta(hours=7)


def test_booking_closes_48_hours_before_the_first_day(partner):
    session = make_session(starts_in_days=1)

    with pytest.raises(services.BookingClosed):
        services.book(user=partner, session=session)


def test_the_days_are_read_again_under_the_lock_not_taken_from_the_page(partner):
    """book() checks the days it reads after locking the session: the page's copy may be old
    (here the session was brought forward to tomorrow after the page loaded it)."""
    from bookings import selectors

    session = make_session(starts_in_days=14)
    as_the_page_loaded_it = selectors.session_for_page(session.pk)
    session.days.update(date=timezone.localdate() + dt.timedelta(days=1))

    with pytest.raises(services.BookingClosed):
        services.book(user=partner, session=as_the_page_loaded_it)
    assert not Booking.objects.filter(session=session).exists()


def test_a_place_taken_at_the_same_time_after_the_page_loaded_is_still_refused(partner):
    """The overlap is checked under the locks, with the count of places."""
    from bookings import selectors

    day = timezone.localdate() + dt.timedelta(days=10)
    session = make_session(days=[day])
    as_the_page_loaded_it = selectors.session_for_page(session.pk)
    BookingFactory(session=make_session(days=[day]), user=partner)

    with pytest.raises(services.OverlappingBooking):
        services.book(user=partner, session=as_the_page_loaded_it)


def test_booking_closes_at_the_time_an_administrator_set(partner):
    session = make_session(booking_closes_at=timezone.now() - dt.timedelta(minutes=1))

    with pytest.raises(services.BookingClosed):
        services.book(user=partner, session=session)


def test_booking_is_refused_before_it_opens(partner):
    session = make_session(booking_opens_at=timezone.now() + dt.timedelta(days=3))

    with pytest.raises(services.BookingClosed, match="Booking opens on"):
        services.book(user=partner, session=session)


def test_a_cancelled_session_cannot_be_booked(partner):
    session = make_session(status=Session.Status.CANCELLED)

    with pytest.raises(services.SessionNotBookable, match="cancelled"):
        services.book(user=partner, session=session)


def test_a_past_session_cannot_be_booked(partner):
    session = make_session(starts_in_days=-3, booking_closes_at=timezone.now() + dt.timedelta(1))

    with pytest.raises(services.SessionNotBookable, match="already taken place"):
        services.book(user=partner, session=session)


def test_one_person_cannot_book_the_same_session_twice(partner):
    session = make_session()
    services.book(user=partner, session=session)

    with pytest.raises(services.AlreadyBooked):
        services.book(user=partner, session=session)


def test_after_cancelling_a_person_can_book_again(partner):
    session = make_session()
    services.cancel(booking=services.book(user=partner, session=session), by=partner)

    assert services.book(user=partner, session=session).status == Booking.Status.CONFIRMED


def test_the_database_refuses_two_active_bookings_for_one_person(partner):
    session = make_session()
    BookingFactory(session=session, user=partner)

    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            session=session,
            user=partner,
            status=Booking.Status.WAITLISTED,
            waitlisted_at=timezone.now(),
        )


@pytest.mark.parametrize(
    ("audience", "person", "reason"),
    [
        (Audience.STAFF, "partner", "council staff only"),
        (Audience.PARTNERS, "learner", "partner agencies only"),
        (Audience.PRACTICE_LEADS, "learner", "Practice Leads only"),
        (Audience.INVITED, "partner", "by invitation"),
    ],
)
def test_the_course_audience_decides_who_can_book(audience, person, reason, request):
    user = request.getfixturevalue(person)
    session = make_session(make_course(audience=audience))

    with pytest.raises(services.NotEligible, match=reason):
        services.book(user=user, session=session)


def test_practice_leads_can_book_practice_lead_sessions():
    lead = UserFactory(staff=True, practice_lead=True)
    session = make_session(make_course(audience=Audience.PRACTICE_LEADS))

    assert services.book(user=lead, session=session).status == Booking.Status.CONFIRMED


def test_the_session_audience_overrides_the_course(learner):
    session = make_session(make_course(audience=Audience.EVERYONE), audience=Audience.PARTNERS)

    with pytest.raises(services.NotEligible, match="partner agencies only"):
        services.book(user=learner, session=session)


def test_a_session_reserved_for_teams_refuses_other_organisations(partner):
    child_protection = Organisation.objects.create(name="Child Protection")
    session = make_session(reserved_for_description="Reserved for the Child Protection teams")
    session.reserved_for_organisations.set([child_protection])

    with pytest.raises(services.NotEligible, match="Reserved for the Child Protection teams"):
        services.book(user=partner, session=session)
    colleague = UserFactory(organisation=child_protection)
    assert services.book(user=colleague, session=session).status == Booking.Status.CONFIRMED


def test_a_prerequisite_course_must_be_completed_first(learner):
    two_day = make_course(title="Two-day training")
    five_day = make_course(title="Five-day advanced training", requires=[two_day])
    session = make_session(five_day)

    with pytest.raises(services.NotEligible, match="complete ‘Two-day training’"):
        services.book(user=learner, session=session)

    BookingFactory(user=learner, session=make_session(two_day, starts_in_days=-30))
    with pytest.raises(services.NotEligible):
        services.book(user=learner, session=session)  # attended but not completed

    BookingFactory(user=learner, session=make_session(two_day, starts_in_days=-60), completed=True)
    assert services.book(user=learner, session=session).status == Booking.Status.CONFIRMED


def test_an_elearning_module_must_be_completed_first(learner):
    module = make_module(title="Signs of Safety essentials", lessons=1, assessment=False)
    session = make_session(make_course(prerequisite_module=module))

    with pytest.raises(services.NotEligible, match="module ‘Signs of Safety essentials’"):
        services.book(user=learner, session=session)

    enrolment = Enrolment.objects.create(
        learner=learner, module=module, module_key=module.translation_key
    )
    with pytest.raises(services.NotEligible):
        services.book(user=learner, session=session)  # started, not completed

    enrolment.completed_at = timezone.now()
    enrolment.save()
    assert services.book(user=learner, session=session).status == Booking.Status.CONFIRMED


def test_a_confirmed_place_on_an_overlapping_session_is_refused(partner):
    day = timezone.localdate() + dt.timedelta(days=10)
    morning = make_session(days=[day], start_time=dt.time(9), end_time=dt.time(12, 30))
    BookingFactory(session=morning, user=partner)
    overlapping = make_session(days=[day], start_time=dt.time(12), end_time=dt.time(16))
    afternoon = make_session(days=[day], start_time=dt.time(13), end_time=dt.time(16))

    with pytest.raises(services.OverlappingBooking, match="same time"):
        services.book(user=partner, session=overlapping)
    assert services.book(user=partner, session=afternoon).status == Booking.Status.CONFIRMED


def test_waiting_on_another_session_does_not_count_as_overlap(partner):
    day = timezone.localdate() + dt.timedelta(days=10)
    other = make_session(days=[day])
    BookingFactory(session=other, user=partner, waitlisted=True)

    assert services.book(user=partner, session=make_session(days=[day])).status == "confirmed"


# Cancelling and promotion


def test_cancelling_a_confirmed_place_promotes_the_first_person_waiting(partner):
    session = make_session(capacity=1)
    own = services.book(user=partner, session=session)
    first, second = UserFactory(), UserFactory()
    first_booking = services.book(user=first, session=session)
    services.book(user=second, session=session)
    mail.outbox.clear()

    services.cancel(booking=own, by=partner)

    first_booking.refresh_from_db()
    assert first_booking.status == Booking.Status.CONFIRMED
    assert statuses(session) == ["cancelled", "confirmed", "waitlisted"]
    recipients = [m.to[0] for m in mail.outbox]
    assert recipients == [partner.email, first.email]
    assert "METHOD:CANCEL" in ics_of(mail.outbox[0])
    assert "SEQUENCE:1" in ics_of(mail.outbox[0])
    assert "METHOD:REQUEST" in ics_of(mail.outbox[1])
    assert "within 48 hours" not in mail.outbox[1].body
    [promoted] = [e for e in log_entries(first_booking) if e.action.endswith("promoted")]
    assert promoted.data["from"] == "waitlisted" and promoted.data["to"] == "confirmed"


def test_promotion_close_to_the_start_says_so_prominently(training_admin):
    session = make_session(capacity=1, starts_in_days=1)
    holder = BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)

    services.cancel(booking=holder, by=training_admin, reason="Off sick")

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    promoted_email = mail.outbox[-1]
    assert promoted_email.to == [waiting.user.email]
    assert "within 48 hours" in promoted_email.body
    assert promoted_email.subject.startswith("Starting soon")


def test_nobody_is_promoted_once_the_first_day_has_started(training_admin):
    session = make_session(
        capacity=1,
        days=[timezone.localdate()],
        start_time=dt.time(0, 0),
        end_time=dt.time(23, 59),
    )
    holder = BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)

    services.cancel(booking=holder, by=training_admin)

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.WAITLISTED


def test_leaving_the_waiting_list_promotes_nobody(partner):
    session = make_session(capacity=1)
    fill(session)
    own = BookingFactory(session=session, user=partner, waitlisted=True)
    behind = BookingFactory(session=session, waitlisted=True)

    services.cancel(booking=own, by=partner)

    behind.refresh_from_db()
    assert behind.status == Booking.Status.WAITLISTED


def test_a_learner_cannot_cancel_after_booking_closes_but_an_administrator_can(
    partner, training_admin
):
    session = make_session(starts_in_days=1)
    booking = BookingFactory(session=session, user=partner)

    with pytest.raises(services.CancellationClosed):
        services.cancel(booking=booking, by=partner)
    services.cancel(booking=booking, by=training_admin, reason="Phoned in")

    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "The training team cancelled your booking" in mail.outbox[-1].body
    [entry] = log_entries(booking)
    assert entry.user_id == training_admin.pk and entry.data["reason"] == "Phoned in"


def test_nobody_else_can_cancel_a_booking(partner):
    booking = BookingFactory(user=partner)

    with pytest.raises(services.NotAllowed):
        services.cancel(booking=booking, by=UserFactory())


def test_a_cancelled_booking_cannot_be_cancelled_again(partner):
    booking = BookingFactory(user=partner, cancelled=True)

    with pytest.raises(services.BookingError, match="already cancelled"):
        services.cancel(booking=booking, by=partner)


# Capacity


def test_raising_capacity_promotes_as_many_as_fit_in_order(training_admin):
    session = make_session(capacity=2)
    fill(session)
    waiting = [BookingFactory(session=session, waitlisted=True) for _ in range(3)]

    services.change_capacity(session=session, capacity=4, by=training_admin)

    for booking in waiting:
        booking.refresh_from_db()
    assert [b.status for b in waiting] == ["confirmed", "confirmed", "waitlisted"]


def test_capacity_cannot_go_below_the_confirmed_places(training_admin):
    session = make_session(capacity=5)
    fill(session, 3)

    with pytest.raises(services.CapacityBelowConfirmed, match="3 people"):
        services.change_capacity(session=session, capacity=2, by=training_admin)
    services.change_capacity(session=session, capacity=3, by=training_admin)

    session.refresh_from_db()
    assert session.capacity == 3
    assert Booking.objects.filter(session=session, status="confirmed").count() == 3


def test_a_trainer_raises_their_own_sessions_capacity_but_never_lowers_it(trainer):
    session = make_session(capacity=5, trainers=[trainer])

    services.change_capacity(session=session, capacity=6, by=trainer)
    with pytest.raises(services.NotAllowed, match="lower"):
        services.change_capacity(session=session, capacity=5, by=trainer)
    with pytest.raises(services.NotAllowed):
        services.change_capacity(session=make_session(capacity=5), capacity=6, by=trainer)

    session.refresh_from_db()
    assert session.capacity == 6


# Administrators' actions


def test_cancelling_a_session_cancels_every_booking_and_tells_everyone(training_admin):
    session = make_session(capacity=1)
    confirmed = BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)

    services.cancel_session(session=session, by=training_admin, reason="Trainer unwell.")

    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert statuses(session) == ["cancelled", "cancelled"]
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [confirmed.user.email, waiting.user.email]
    )
    by_person = {m.to[0]: m for m in mail.outbox}
    assert "METHOD:CANCEL" in ics_of(by_person[confirmed.user.email])
    assert not by_person[waiting.user.email].attachments
    assert "Trainer unwell." in by_person[waiting.user.email].body


def test_the_trainers_of_a_cancelled_session_are_told_too(training_admin):
    trainer = UserFactory(trainer=True)
    session = make_session(capacity=1, trainers=[trainer])
    BookingFactory(session=session)

    services.cancel_session(session=session, by=training_admin, reason="Venue flooded.")

    [to_trainer] = [m for m in mail.outbox if m.to == [trainer.email]]
    assert "you do not need to come" in to_trainer.body
    assert "Venue flooded." in to_trainer.body
    assert "(1 in all) has been told" in to_trainer.body


def test_cancelling_a_session_needs_a_reason(training_admin):
    with pytest.raises(services.BookingError, match="reason"):
        services.cancel_session(session=make_session(), by=training_admin, reason=" ")


def test_an_administrator_adds_a_person_whatever_the_audience_with_a_reason(
    partner, training_admin
):
    session = make_session(make_course(audience=Audience.INVITED), capacity=1)

    booking = services.add_person(
        session=session, user=partner, by=training_admin, reason="Invited by the board"
    )

    assert booking.status == Booking.Status.CONFIRMED
    [entry] = log_entries(booking)
    assert entry.action == "bookings.booking.added"
    assert entry.data["reason"] == "Invited by the board"
    assert entry.user_id == training_admin.pk
    late = services.add_person(
        session=session, user=UserFactory(), by=training_admin, reason="Also invited"
    )
    assert late.status == Booking.Status.WAITLISTED  # capacity still holds


def test_adding_a_person_needs_a_reason_and_someone_who_runs_the_session(
    partner, training_admin, trainer
):
    session = make_session()

    with pytest.raises(services.BookingError, match="reason"):
        services.add_person(session=session, user=partner, by=training_admin, reason="")
    with pytest.raises(services.NotAllowed):
        services.add_person(session=session, user=partner, by=trainer, reason="Friend")
    session.trainers.add(trainer)
    booking = services.add_person(session=session, user=partner, by=trainer, reason="Invited")
    assert booking.status == Booking.Status.CONFIRMED


def test_moving_a_booking_frees_its_place_for_the_next_person(training_admin):
    course = make_course()
    source = make_session(course, capacity=1)
    target = make_session(course, capacity=1, starts_in_days=30)
    booking = BookingFactory(session=source)
    waiting = BookingFactory(session=source, waitlisted=True)

    services.move_booking(booking=booking, to_session=target, by=training_admin, reason="Asked")

    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.session == target and booking.status == Booking.Status.CONFIRMED
    assert booking.calendar_sequence == 1
    assert waiting.status == Booking.Status.CONFIRMED
    moved = [e for e in log_entries(booking) if e.action == "bookings.booking.moved"][0]
    assert moved.data["from_session"] == source.pk and moved.data["to_session"] == target.pk
    moved_email = next(m for m in mail.outbox if m.to == [booking.user.email])
    assert "SEQUENCE:1" in ics_of(moved_email)
    assert f"booking-{booking.pk}@" in ics_of(moved_email)


def test_a_booking_moves_only_within_its_course(training_admin):
    booking = BookingFactory(session=make_session())

    with pytest.raises(services.BookingError, match="same course"):
        services.move_booking(booking=booking, to_session=make_session(), by=training_admin)


def test_moving_into_a_full_session_joins_its_waiting_list(training_admin):
    course = make_course()
    target = make_session(course, capacity=1, starts_in_days=30)
    fill(target)
    booking = BookingFactory(session=make_session(course))

    services.move_booking(booking=booking, to_session=target, by=training_admin)

    booking.refresh_from_db()
    assert booking.status == Booking.Status.WAITLISTED


# Handing over a place


def test_a_place_is_handed_to_a_colleague_without_ever_being_free(partner):
    session = make_session(capacity=1)
    own = BookingFactory(session=session, user=partner)
    waiting = BookingFactory(session=session, waitlisted=True)
    colleague = UserFactory(organisation=partner.organisation)

    replacement = services.hand_over(booking=own, colleague=colleague, by=partner)

    own.refresh_from_db()
    waiting.refresh_from_db()
    assert own.status == Booking.Status.CANCELLED
    assert replacement.status == Booking.Status.CONFIRMED
    assert replacement.substitute_for == own
    assert waiting.status == Booking.Status.WAITLISTED
    assert sorted(m.to[0] for m in mail.outbox) == sorted([partner.email, colleague.email])
    [entry] = [e for e in log_entries(own) if e.action == "bookings.booking.handed_over"]
    assert entry.data["colleague"] == colleague.email


def test_a_place_goes_only_to_a_colleague_in_the_same_organisation(partner):
    own = BookingFactory(user=partner)

    with pytest.raises(services.InvalidSubstitute, match="same organisation"):
        services.hand_over(booking=own, colleague=UserFactory(), by=partner)


def test_a_place_goes_only_to_an_eligible_colleague(partner):
    session = make_session(make_course(audience=Audience.PARTNERS))
    own = BookingFactory(session=session, user=partner)
    staff_colleague = UserFactory(staff=True, organisation=partner.organisation)

    with pytest.raises(services.InvalidSubstitute, match="partner agencies only"):
        services.hand_over(booking=own, colleague=staff_colleague, by=partner)


def test_only_the_holder_or_an_administrator_hands_over_a_place(partner):
    own = BookingFactory(user=partner)
    colleague = UserFactory(organisation=partner.organisation)

    with pytest.raises(services.NotAllowed):
        services.hand_over(booking=own, colleague=colleague, by=colleague)


# Line-manager approval


def approval_course():
    return make_course(requires_manager_approval=True)


def token_from_email(message, decision: str) -> str:
    line = next(line for line in message.body.splitlines() if line.startswith(f"To {decision}:"))
    return line.rstrip("/").split("/approvals/")[1].split("/")[0]


def test_approval_courses_need_the_managers_email(partner):
    session = make_session(approval_course())

    with pytest.raises(services.ManagerEmailRequired):
        services.book(user=partner, session=session)


def test_a_booking_awaiting_approval_holds_no_place(partner):
    session = make_session(approval_course(), capacity=1)

    pending = services.book(
        user=partner, session=session, line_manager_email="Manager@Partner.example"
    )
    other = services.book(
        user=UserFactory(), session=session, line_manager_email="boss@partner.example"
    )

    assert pending.status == Booking.Status.AWAITING_APPROVAL
    assert other.status == Booking.Status.AWAITING_APPROVAL
    manager_email = next(m for m in mail.outbox if m.to == ["manager@partner.example"])
    assert "To approve: http://testserver/training/approvals/" in manager_email.body
    assert "expire in 14 days" in manager_email.body


def test_approval_books_by_the_rules_at_that_moment(partner):
    session = make_session(approval_course(), capacity=1)
    services.book(user=partner, session=session, line_manager_email="m@partner.example")
    token = token_from_email(mail.outbox[-1], "approve")
    fill(session)  # the last place went while the manager was deciding

    booking = services.approve_booking(token=token)

    assert booking.status == Booking.Status.WAITLISTED
    entry = log_entries(booking)[-1]
    assert entry.data == {
        "from": "awaiting_approval",
        "to": "waitlisted",
        "reason": "Approved by m@partner.example.",
        "manager": "m@partner.example",
    }
    assert mail.outbox[-1].to == [partner.email]


def test_an_approval_link_works_once(partner):
    session = make_session(approval_course())
    services.book(user=partner, session=session, line_manager_email="m@partner.example")
    token = token_from_email(mail.outbox[-1], "approve")

    assert services.approve_booking(token=token).status == Booking.Status.CONFIRMED
    with pytest.raises(services.ApprovalLinkInvalid, match="already been used"):
        services.approve_booking(token=token)
    with pytest.raises(services.ApprovalLinkInvalid):
        services.decline_booking(token=token)


def test_an_approval_link_expires(partner, monkeypatch):
    session = make_session(approval_course())
    services.book(user=partner, session=session, line_manager_email="m@partner.example")
    token = token_from_email(mail.outbox[-1], "approve")
    monkeypatch.setattr(services.approval, "APPROVAL_LINK_MAX_AGE", dt.timedelta(seconds=-1))

    with pytest.raises(services.ApprovalLinkInvalid, match="expired"):
        services.approve_booking(token=token)


def test_a_tampered_approval_link_is_refused(partner):
    session = make_session(approval_course())
    services.book(user=partner, session=session, line_manager_email="m@partner.example")
    token = token_from_email(mail.outbox[-1], "approve")

    with pytest.raises(services.ApprovalLinkInvalid, match="not valid"):
        services.approve_booking(token=token[:-2] + "xx")


def test_declining_tells_the_learner(partner):
    session = make_session(approval_course())
    services.book(user=partner, session=session, line_manager_email="m@partner.example")
    token = token_from_email(mail.outbox[-1], "decline")

    booking = services.decline_booking(token=token)

    assert booking.status == Booking.Status.DECLINED
    assert mail.outbox[-1].to == [partner.email]
    assert "did not approve" in mail.outbox[-1].body


def test_approval_after_booking_closed_cancels_and_says_why(partner):
    session = make_session(approval_course())
    services.book(user=partner, session=session, line_manager_email="m@partner.example")
    token = token_from_email(mail.outbox[-1], "approve")
    Session.objects.filter(pk=session.pk).update(
        booking_closes_at=timezone.now() - dt.timedelta(minutes=1)
    )

    booking = services.approve_booking(token=token)

    assert booking.status == Booking.Status.CANCELLED
    assert "could not be booked" in booking.cancellation_reason
    assert "closed" in mail.outbox[-1].body


# Interest


def test_interest_is_registered_once_with_the_organisation(partner):
    course = make_course()

    first = services.register_interest(user=partner, course=course)
    again = services.register_interest(user=partner, course=course)

    assert first == again
    assert first.organisation == partner.organisation


def test_interest_is_refused_while_a_session_has_places(partner):
    course = make_course()
    make_session(course)

    with pytest.raises(services.InterestNotNeeded):
        services.register_interest(user=partner, course=course)


def test_a_new_session_emails_everyone_interested_once(partner, training_admin):
    course = make_course()
    full = make_session(course, capacity=1)
    fill(full)
    services.register_interest(user=partner, course=course)
    start = timezone.localdate() + dt.timedelta(days=30)

    session = services.create_session(
        course=course,
        venue=VenueFactory(),
        days=[DayTimes(start, dt.time(9, 30), dt.time(12, 30))],
        by=training_admin,
    )

    [message] = mail.outbox
    assert message.to == [partner.email]
    assert course.title in message.subject
    assert CourseInterest.objects.get().notified_at is not None
    assert services.notify_interested_people(session=session) == 0


def test_interest_waits_until_booking_opens(partner, training_admin):
    course = make_course()
    services.register_interest(user=partner, course=course)
    start = timezone.localdate() + dt.timedelta(days=30)
    session = services.create_session(
        course=course,
        venue=VenueFactory(),
        days=[DayTimes(start, dt.time(9, 30), dt.time(12, 30))],
        by=training_admin,
        booking_opens_at=timezone.now() + dt.timedelta(days=1),
    )
    assert mail.outbox == []

    Session.objects.filter(pk=session.pk).update(booking_opens_at=timezone.now())
    assert services.open_sessions_awaiting_interest_email() == 1
    assert mail.outbox[0].to == [partner.email]


# Creating sessions


def test_session_days_are_checked(training_admin):
    future = timezone.localdate() + dt.timedelta(days=10)

    with pytest.raises(ValidationError) as error:
        services.check_session_days(
            [
                DayTimes(future, dt.time(13), dt.time(9)),
                DayTimes(future - dt.timedelta(days=1), dt.time(9), dt.time(12)),
                DayTimes(timezone.localdate() - dt.timedelta(days=20), dt.time(9), dt.time(12)),
            ],
            is_new=True,
        )

    messages = error.value.messages
    assert "Day 1 must end after it starts." in messages
    assert "Day 2 must be after day 1: list the days in order." in messages
    assert "Day 3 is in the past: a new session needs future dates." in messages
    with pytest.raises(ValidationError, match="at least one day"):
        services.check_session_days([], is_new=True)


def test_an_existing_session_may_keep_its_past_days():
    past = timezone.localdate() - dt.timedelta(days=3)

    services.check_session_days([DayTimes(past, dt.time(9), dt.time(12))], is_new=False)


def test_create_session_uses_the_course_capacity(training_admin):
    course = make_course(default_capacity=24)
    start = timezone.localdate() + dt.timedelta(days=30)

    session = services.create_session(
        course=course,
        venue=VenueFactory(),
        days=[DayTimes(start, dt.time(9, 30), dt.time(16, 30))],
        by=training_admin,
    )

    assert session.capacity == 24
    assert ModelLogEntry.objects.for_instance(session).get().action == "wagtail.create"


# Reminders


def test_reminders_go_once_to_confirmed_people_two_days_ahead():
    soon = make_session(starts_in_days=2, start_time=dt.time(23, 0), end_time=dt.time(23, 30))
    later = make_session(starts_in_days=6)
    confirmed = BookingFactory(session=soon)
    BookingFactory(session=soon, waitlisted=True)
    BookingFactory(session=later)
    now = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time(23, 15)))

    assert services.send_due_reminders(now=now) == 1
    assert services.send_due_reminders(now=now) == 0

    [message] = mail.outbox
    assert message.to == [confirmed.user.email]
    assert message.subject.startswith("Reminder")
