"""The cohort rules: the register, walk-ins, self check-in, completion, reopening, messages."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from bookings import services
from bookings.models import Attendance, Booking, CohortMessage, Session
from bookings.signals import session_completed_for
from certificates.models import Certificate
from tests.bookings.cohorts import mark_everyone, past_session, running_session, today_of
from tests.bookings.factories import BookingFactory, make_session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRESENT = Attendance.Status.PRESENT
ABSENT = Attendance.Status.ABSENT
LATE = Attendance.Status.LATE_OR_LEFT_EARLY


def actions(instance) -> list[str]:
    return list(
        ModelLogEntry.objects.for_instance(instance)
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


# The register


def test_saving_the_register_records_each_mark_and_audits_each_change(trainer):
    session, [a, b, c] = running_session(trainers=[trainer])
    day = today_of(session)

    result = services.save_register(
        session=session, day=day, marks={a.pk: PRESENT, b.pk: ABSENT, c.pk: LATE}, by=trainer
    )

    assert len(result.changed) == 3
    marks = dict(Attendance.objects.values_list("booking_id", "status"))
    assert marks == {a.pk: PRESENT, b.pk: ABSENT, c.pk: LATE}
    assert Attendance.objects.filter(marked_by=trainer, source="register").count() == 3
    entry = ModelLogEntry.objects.for_instance(b).get(action="bookings.attendance.marked")
    assert entry.user_id == trainer.pk
    assert entry.data == {"day": day.date.isoformat(), "from": None, "to": "absent"}

    # Saving the same marks again changes (and logs) nothing; one change logs one entry.
    again = services.save_register(session=session, day=day, marks={a.pk: PRESENT}, by=trainer)
    assert again.changed == []
    services.save_register(session=session, day=day, marks={b.pk: PRESENT}, by=trainer)
    assert actions(b) == ["bookings.attendance.marked", "bookings.attendance.marked"]


def test_mark_all_present_then_one_absent(trainer):
    session, bookings = running_session(trainers=[trainer], people=4)
    day = today_of(session)

    services.mark_all_present(session=session, day=day, by=trainer)
    services.mark_attendance(booking=bookings[2], day=day, status=ABSENT, by=trainer)

    statuses = [Attendance.objects.get(booking=b, day=day).status for b in bookings]
    assert statuses == [PRESENT, PRESENT, ABSENT, PRESENT]


def test_a_register_is_saved_whole_or_not_at_all(trainer):
    session, [a, b] = running_session(trainers=[trainer], people=2)
    stranger = BookingFactory()  # confirmed, but on another session

    with pytest.raises(services.NotBookedOnSession):
        services.save_register(
            session=session,
            day=today_of(session),
            marks={a.pk: PRESENT, stranger.pk: PRESENT},
            by=trainer,
        )

    assert not Attendance.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="bookings.attendance").exists()


def test_only_people_with_a_confirmed_place_are_marked(trainer):
    session, _ = running_session(trainers=[trainer], people=1)
    waiting = BookingFactory(session=session, waitlisted=True)
    cancelled = BookingFactory(session=session, cancelled=True)

    for booking in (waiting, cancelled):
        with pytest.raises(services.NotBookedOnSession):
            services.mark_attendance(
                booking=booking, day=today_of(session), status=PRESENT, by=trainer
            )


def test_a_day_of_another_session_is_refused(trainer):
    session, [booking] = running_session(trainers=[trainer], people=1)
    other, _ = running_session(trainers=[trainer], people=0)

    with pytest.raises(services.NotASessionDay):
        services.mark_attendance(booking=booking, day=today_of(other), status=PRESENT, by=trainer)


def test_a_cancelled_session_has_no_register(trainer):
    session, [booking] = running_session(trainers=[trainer], people=1)
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)

    with pytest.raises(services.AttendanceRefused, match="cancelled"):
        services.mark_attendance(booking=booking, day=today_of(session), status=PRESENT, by=trainer)


def test_the_register_opens_on_the_day(trainer):
    session = make_session(days=1, starts_in_days=1, trainers=[trainer])
    booking = BookingFactory(session=session)

    with pytest.raises(services.RegisterNotOpen, match="opens on the day"):
        services.mark_attendance(booking=booking, day=session.first_day, status=PRESENT, by=trainer)


def test_only_the_sessions_trainers_and_administrators_mark(trainer, training_admin):
    session, [booking] = running_session(people=1)
    day = today_of(session)

    for outsider in (trainer, booking.user, UserFactory()):
        with pytest.raises(services.NotAllowed):
            services.mark_attendance(booking=booking, day=day, status=PRESENT, by=outsider)
    services.mark_attendance(booking=booking, day=day, status=PRESENT, by=training_admin)


def test_after_completion_trainers_cannot_mark_but_administrators_correct_it(
    trainer, training_admin
):
    session, [booking] = past_session(trainers=[trainer], people=1)
    first, second = session.ordered_days
    mark_everyone(session, PRESENT)
    Attendance.objects.filter(day=second).update(status=ABSENT)
    services.complete_session(session=session, by=trainer)
    booking.refresh_from_db()
    assert booking.outcome == Booking.Outcome.NOT_COMPLETED

    with pytest.raises(services.RegisterClosed):
        services.mark_attendance(booking=booking, day=second, status=PRESENT, by=trainer)
    services.mark_attendance(booking=booking, day=second, status=PRESENT, by=training_admin)

    booking.refresh_from_db()
    assert booking.outcome == Booking.Outcome.COMPLETED
    assert booking.completed_at is not None
    assert "bookings.attendance.corrected" in actions(booking)
    assert Certificate.objects.filter(recipient=booking.user).count() == 1


# Walk-ins


def test_a_walk_in_gets_a_place_beyond_capacity_and_is_marked_present(trainer, learner):
    session, _ = running_session(trainers=[trainer], people=2)  # capacity 2: full

    booking = services.add_walk_in(session=session, user=learner, by=trainer)

    assert booking.status == Booking.Status.CONFIRMED
    assert booking.is_walk_in
    assert Booking.objects.filter(session=session, status="confirmed").count() == 3
    attendance = Attendance.objects.get(booking=booking)
    assert (attendance.day, attendance.status) == (today_of(session), PRESENT)
    assert actions(booking) == ["bookings.booking.walk_in", "bookings.attendance.marked"]
    assert not mail.outbox  # they are in the room


def test_a_walk_in_on_the_waiting_list_is_confirmed_not_booked_twice(trainer, learner):
    session, _ = running_session(trainers=[trainer], people=1)
    waiting = BookingFactory(session=session, user=learner, waitlisted=True)

    booking = services.add_walk_in(session=session, user=learner, by=trainer)

    assert booking.pk == waiting.pk
    assert booking.status == Booking.Status.CONFIRMED and booking.is_walk_in
    assert Booking.objects.filter(session=session, user=learner).count() == 1


def test_walk_in_refusals(trainer, learner):
    session, [booked] = running_session(trainers=[trainer], people=1)
    with pytest.raises(services.AlreadyBooked):
        services.add_walk_in(session=session, user=booked.user, by=trainer)
    with pytest.raises(services.NotAllowed):
        services.add_walk_in(session=session, user=learner, by=UserFactory(trainer=True))
    upcoming = make_session(trainers=[trainer])
    with pytest.raises(services.BookingError, match="first day"):
        services.add_walk_in(session=upcoming, user=learner, by=trainer)
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    with pytest.raises(services.BookingError, match="cancelled"):
        services.add_walk_in(session=session, user=learner, by=trainer)


def test_a_walk_in_is_refused_after_the_session_has_ended(trainer, learner):
    session, _ = past_session(trainers=[trainer], people=1)  # last day three days ago

    with pytest.raises(services.BookingError, match="one of the session's days"):
        services.add_walk_in(session=session, user=learner, by=trainer)

    assert not Booking.objects.filter(user=learner).exists()


def test_a_walk_in_is_refused_between_the_days_of_a_session(trainer, learner):
    today = timezone.localdate()
    session = make_session(
        days=[today - dt.timedelta(days=1), today + dt.timedelta(days=1)], trainers=[trainer]
    )

    with pytest.raises(services.BookingError, match="one of the session's days"):
        services.add_walk_in(session=session, user=learner, by=trainer)

    assert not Booking.objects.filter(user=learner).exists()


# Self check-in


def test_checking_in_with_the_days_code_marks_the_person_present(learner):
    session, _ = running_session(people=0)
    booking = BookingFactory(session=session, user=learner)
    day = today_of(session)
    typed = f" {day.check_in_code_display.lower()} "  # as someone might type it

    attendance = services.check_in(user=learner, day=day, code=typed)

    assert attendance.booking == booking
    assert attendance.status == PRESENT
    assert attendance.source == Attendance.Source.CHECK_IN
    assert attendance.checked_in_at is not None
    assert actions(booking) == ["bookings.attendance.checked_in"]


def test_check_in_works_once_per_person(learner):
    session, _ = running_session(people=0)
    BookingFactory(session=session, user=learner)
    day = today_of(session)
    services.check_in(user=learner, day=day, code=day.check_in_code)

    with pytest.raises(services.CheckInRefused, match="already checked in"):
        services.check_in(user=learner, day=day, code=day.check_in_code)
    assert Attendance.objects.count() == 1


def test_check_in_needs_a_confirmed_place(learner):
    session, _ = running_session(people=0)
    day = today_of(session)
    BookingFactory(session=session, user=learner, waitlisted=True)

    with pytest.raises(services.CheckInRefused, match="confirmed place"):
        services.check_in(user=learner, day=day, code=day.check_in_code)
    assert not Attendance.objects.exists()


def test_check_in_works_only_on_that_day(learner):
    session, _ = running_session(people=0)
    BookingFactory(session=session, user=learner)
    yesterday = next(day for day in session.ordered_days if day.date < timezone.localdate())

    with pytest.raises(services.CheckInRefused, match="works only on"):
        services.check_in(user=learner, day=yesterday, code=yesterday.check_in_code)


def test_a_wrong_code_is_refused_and_guessing_is_locked_out(learner):
    session, _ = running_session(people=0)
    BookingFactory(session=session, user=learner)
    day = today_of(session)
    other_day = next(d for d in session.ordered_days if d != day)

    with pytest.raises(services.InvalidCheckInCode):
        services.check_in(user=learner, day=day, code=other_day.check_in_code)
    for _ in range(services.CHECK_IN_MAX_FAILURES - 1):
        with pytest.raises(services.InvalidCheckInCode):
            services.check_in(user=learner, day=day, code="AAAAAAAA")

    with pytest.raises(services.TooManyCheckInAttempts):
        services.check_in(user=learner, day=day, code=day.check_in_code)  # even the right one
    assert not Attendance.objects.exists()
    # Someone else is not locked out by another person's guesses.
    other = BookingFactory(session=session)
    services.check_in(user=other.user, day=day, code=day.check_in_code)


def test_a_trainers_mark_stands_and_the_trainer_can_override_a_check_in(learner, trainer):
    session, _ = running_session(trainers=[trainer], people=0)
    booking = BookingFactory(session=session, user=learner)
    day = today_of(session)
    services.check_in(user=learner, day=day, code=day.check_in_code)

    attendance = services.mark_attendance(booking=booking, day=day, status=LATE, by=trainer)

    assert attendance.status == LATE
    assert attendance.checked_in_at is not None  # the check-in is still on record
    with pytest.raises(services.CheckInRefused, match="already checked in"):
        services.check_in(user=learner, day=day, code=day.check_in_code)


def test_each_day_has_its_own_unguessable_code():
    session = make_session(days=5)
    codes = [day.check_in_code for day in session.ordered_days]

    assert len(set(codes)) == 5
    assert all(len(code) == 8 and code.isalnum() and code.isupper() for code in codes)


# Completing the session


def test_completion_records_completed_partial_and_no_shows_and_sends_one_event_each(trainer):
    session, [full, partial, late, absent] = past_session(trainers=[trainer], people=4)
    first, second = session.ordered_days
    marks = {full: (PRESENT, PRESENT), partial: (PRESENT, ABSENT), late: (PRESENT, LATE)}
    marks[absent] = (ABSENT, ABSENT)
    for booking, (one, two) in marks.items():
        Attendance.objects.create(booking=booking, day=first, status=one, source="register")
        Attendance.objects.create(booking=booking, day=second, status=two, source="register")
    events = []

    def receiver(sender, **kwargs):
        events.append(kwargs)

    session_completed_for.connect(receiver)
    try:
        summary = services.complete_session(session=session, by=trainer)
    finally:
        session_completed_for.disconnect(receiver)

    assert summary == services.CompletionSummary(completed=1, not_completed=2, no_shows=1)
    for booking in marks:
        booking.refresh_from_db()
    assert (full.outcome, full.days_missed, bool(full.completed_at)) == ("completed", 0, True)
    assert (partial.outcome, partial.days_missed, partial.completed_at) == (
        "not_completed",
        1,
        None,
    )
    # Late or left early is being there, not being present: it is a missed day.
    assert (late.outcome, late.days_missed) == ("not_completed", 1)
    assert (absent.outcome, absent.days_missed) == ("no_show", 2)
    session.refresh_from_db()
    assert session.status == Session.Status.COMPLETED and session.completed_at
    assert [(e["booking"], e["learner"], e["session"]) for e in events] == [
        (full, full.user, session)
    ]
    assert actions(session)[-1] == "bookings.session.completed"


def test_completion_is_refused_before_the_last_day_is_over(trainer, training_admin):
    session, _ = running_session(trainers=[trainer], people=1)
    mark_everyone(session)

    for person in (trainer, training_admin):
        with pytest.raises(services.CompletionRefused, match="last day is over"):
            services.complete_session(session=session, by=person)


def test_completion_is_refused_while_the_register_has_gaps(trainer):
    session, [a, b] = past_session(trainers=[trainer], people=2)
    mark_everyone(session)
    Attendance.objects.filter(booking=b, day=session.ordered_days[1]).delete()

    with pytest.raises(services.CompletionRefused, match="Take the register first"):
        services.complete_session(session=session, by=trainer)
    session.refresh_from_db()
    assert session.status == Session.Status.SCHEDULED


def test_completion_refusals(trainer):
    session, _ = past_session(trainers=[trainer], people=1)
    mark_everyone(session)
    with pytest.raises(services.NotAllowed):
        services.complete_session(session=session, by=UserFactory(trainer=True))
    services.complete_session(session=session, by=trainer)
    with pytest.raises(services.CompletionRefused, match="already completed"):
        services.complete_session(session=session, by=trainer)
    cancelled, _ = past_session(trainers=[trainer], people=0)
    Session.objects.filter(pk=cancelled.pk).update(status=Session.Status.CANCELLED)
    with pytest.raises(services.CompletionRefused, match="cancelled"):
        services.complete_session(session=cancelled, by=trainer)


def test_a_failed_completion_records_nothing(trainer):
    session, [booking] = past_session(trainers=[trainer], people=1)
    mark_everyone(session)

    with pytest.raises(RuntimeError), transaction.atomic():
        services.complete_session(session=session, by=trainer)
        raise RuntimeError("a receiver failed after the event")

    booking.refresh_from_db()
    session.refresh_from_db()
    assert booking.completed_at is None and booking.outcome == ""
    assert session.status == Session.Status.SCHEDULED
    assert not Certificate.objects.exists()


def test_reopening_and_completing_again_never_duplicates_anything(trainer, training_admin):
    session, bookings = past_session(trainers=[trainer], people=3)
    mark_everyone(session)
    services.complete_session(session=session, by=trainer)
    assert Certificate.objects.count() == 3
    first_completed_at = {b.pk: Booking.objects.get(pk=b.pk).completed_at for b in bookings}
    emails = len(mail.outbox)

    with pytest.raises(services.NotAllowed):
        services.reopen_session(session=session, by=trainer, reason="Typo")
    with pytest.raises(services.BookingError, match="reason"):
        services.reopen_session(session=session, by=training_admin, reason=" ")
    services.reopen_session(session=session, by=training_admin, reason="Day two was wrong")
    session.refresh_from_db()
    assert session.status == Session.Status.SCHEDULED
    services.complete_session(session=session, by=trainer)

    assert Certificate.objects.count() == 3
    assert Certificate.objects.values("recipient").distinct().count() == 3
    assert len(mail.outbox) == emails  # no second certificate email
    for booking in bookings:
        assert Booking.objects.get(pk=booking.pk).completed_at == first_completed_at[booking.pk]
    assert actions(session)[-3:] == [
        "bookings.session.completed",
        "bookings.session.reopened",
        "bookings.session.completed",
    ]
    reopened = ModelLogEntry.objects.for_instance(session).get(action="bookings.session.reopened")
    assert reopened.user_id == training_admin.pk
    assert reopened.data["reason"] == "Day two was wrong"


def test_only_a_completed_session_is_reopened(training_admin):
    session, _ = past_session(people=0)

    with pytest.raises(services.BookingError, match="Only a completed session"):
        services.reopen_session(session=session, by=training_admin, reason="Why not")


# The cohort's actions for trainers


def test_a_trainer_promotes_someone_waiting_when_a_place_is_free(trainer):
    session = make_session(capacity=2, trainers=[trainer])
    BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)  # a place is free

    services.promote_from_waiting_list(booking=waiting, by=trainer)

    waiting.refresh_from_db()
    assert waiting.status == Booking.Status.CONFIRMED
    assert actions(waiting) == ["bookings.booking.promoted"]
    assert mail.outbox[-1].to == [waiting.user.email]


def test_promotion_needs_a_free_place_and_the_sessions_trainer(trainer):
    session = make_session(capacity=1, trainers=[trainer])
    BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)

    with pytest.raises(services.NotAllowed):
        services.promote_from_waiting_list(booking=waiting, by=UserFactory(trainer=True))
    with pytest.raises(services.BookingError, match="raise the capacity"):
        services.promote_from_waiting_list(booking=waiting, by=trainer)
    confirmed = Booking.objects.get(session=session, status="confirmed")
    with pytest.raises(services.BookingError, match="waiting list"):
        services.promote_from_waiting_list(booking=confirmed, by=trainer)


def test_a_trainer_removes_a_person_from_their_session_after_booking_closed(trainer):
    session = make_session(capacity=1, starts_in_days=1, trainers=[trainer])
    booking = BookingFactory(session=session)
    waiting = BookingFactory(session=session, waitlisted=True)

    services.cancel(booking=booking, by=trainer, reason="Left the service")

    booking.refresh_from_db()
    waiting.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booking.cancellation_reason == "Left the service"
    assert waiting.status == Booking.Status.CONFIRMED
    with pytest.raises(services.NotAllowed):
        services.cancel(booking=waiting, by=UserFactory(trainer=True))


def test_a_trainer_moves_people_only_off_their_own_sessions(trainer):
    source = make_session(capacity=2, trainers=[trainer])
    target = make_session(source.course, capacity=2, starts_in_days=30)
    mine = BookingFactory(session=source)
    not_mine = BookingFactory(session=target)

    services.move_booking(booking=mine, to_session=target, by=trainer)

    mine.refresh_from_db()
    assert mine.session == target
    with pytest.raises(services.NotAllowed):
        services.move_booking(booking=not_mine, to_session=source, by=trainer)


# Messages


def test_a_message_goes_to_each_attendee_separately_and_is_recorded(trainer):
    session, bookings = running_session(trainers=[trainer], people=3)
    waiting = BookingFactory(session=session, waitlisted=True)
    BookingFactory(session=session, cancelled=True)

    message = services.message_cohort(
        session=session,
        by=trainer,
        subject="Parking  on day two",
        body='Use the <back> car park & bring "ID".',
    )

    assert [m.to for m in mail.outbox] == [[b.user.email] for b in bookings]
    email = mail.outbox[0]
    assert email.reply_to == [trainer.email], "replies reach the trainer, not the service"
    assert email.subject.startswith("Parking on day two: ")
    assert 'Use the <back> car park & bring "ID".' in email.body
    html = email.alternatives[0][0]
    assert "Use the &lt;back&gt; car park &amp; bring &quot;ID&quot;." in html
    assert "<back>" not in html
    assert (message.recipients_count, message.sender, message.included_waiting_list) == (
        3,
        trainer,
        False,
    )
    assert CohortMessage.objects.get(session=session) == message
    assert actions(session)[-1] == "bookings.session.messaged"

    mail.outbox.clear()
    services.message_cohort(
        session=session, by=trainer, subject="S", body="B", include_waiting_list=True
    )
    assert len(mail.outbox) == 4
    assert [waiting.user.email] in [m.to for m in mail.outbox]


def test_message_refusals(trainer):
    session, _ = running_session(trainers=[trainer], people=1)
    with pytest.raises(services.MessageRefused, match="subject and a message"):
        services.message_cohort(session=session, by=trainer, subject=" ", body="Hello")
    with pytest.raises(services.NotAllowed):
        services.message_cohort(
            session=session, by=UserFactory(trainer=True), subject="S", body="B"
        )
    empty = make_session(trainers=[trainer])
    with pytest.raises(services.MessageRefused, match="nobody"):
        services.message_cohort(session=empty, by=trainer, subject="S", body="B")
    assert not CohortMessage.objects.exists()
    assert not mail.outbox


def test_completing_the_session_sends_no_email_of_its_own(trainer):
    """The attendee hears only from the apps that listen to the event: certificates (the
    certificate) and impact (the feedback request)."""
    session, [booking] = past_session(trainers=[trainer], people=1)
    mark_everyone(session)

    services.complete_session(session=session, by=trainer)

    assert [m.to for m in mail.outbox] == [[booking.user.email]] * 2
    assert len([m for m in mail.outbox if "feedback" in m.subject]) == 1
    assert Certificate.objects.get().subject == booking
