"""Demo impact data: a year of past sessions with registers, completed through the bookings
service (so the feedback requests are made by impact's own receiver), confidence before
(recorded before each session was completed), feedback after and three months on through
impact.services, twelve months of practice indicators with roll-out milestones, and a scorecard
viewer. Idempotent: each demo session is found again by its internal note."""

import datetime as dt
import random

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.demo import COUNCIL, DEMO_PASSWORD
from accounts.models import Organisation, User
from accounts.services import refresh_staff_status
from bookings import services as booking_services
from bookings.demo import TRAINER, demo_person
from bookings.models import Attendance, Booking, Session, SessionDay, Venue
from bookings.working_days import next_working_day
from courses.models import CoursePage
from programmes.demo import LEAD_PRACTITIONER

from . import roles, services
from .models import FeedbackResponse, IndicatorMonth, Milestone, Participation

NOTE_PREFIX = "Demo session: impact-"
VIEWER_EMAIL = "senior.manager@example-borough.gov.uk"
MONTHS = 12
PEOPLE_PER_SESSION = 12
COMMENTS_WELL = [
    "The three columns finally made sense when we mapped a real family together.",
    "Practising the scaling questions in pairs was the most useful part.",
    "Clear, practical, and the trainer used examples from our own area.",
    "Words and pictures: I will use this with the Smith children next week.",
    "Good mix of theory and practice; the danger statements exercise was excellent.",
]
COMMENTS_CHANGE = [
    "More time on safety goals, please; we rushed the last hour.",
    "The room was too warm and the projector hard to read.",
    "A follow-up session three months on would help us keep it going.",
    "Send the handouts before the day so we can read them first.",
]


def seed_viewer() -> User:
    user = User.objects.filter(email=VIEWER_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            email=VIEWER_EMAIL,
            password=DEMO_PASSWORD,
            full_name="Demo Senior Manager",
            job_title="Head of Children's Social Care",
            organisation=Organisation.objects.filter(name__startswith=COUNCIL).first(),
        )
        EmailAddress.objects.create(user=user, email=VIEWER_EMAIL, verified=True, primary=True)
        refresh_staff_status(user=user)
    user.groups.add(Group.objects.get(name=roles.SCORECARD_VIEWER))
    return user


def session_dates(months_ago: int, days: int) -> list[dt.date]:
    today = timezone.localdate()
    first = next_working_day(today.replace(day=10) - dt.timedelta(days=30 * months_ago))
    dates = [first]
    while len(dates) < days:
        dates.append(next_working_day(dates[-1] + dt.timedelta(days=7)))
    return dates


def seed_session(months_ago: int, administrator: User, rng: random.Random) -> Session | None:
    note = f"{NOTE_PREFIX}{months_ago}"
    if Session.objects.filter(internal_notes=note).exists():
        return None
    two_day = months_ago % 2 == 0
    course = CoursePage.objects.get(slug="two-day-training" if two_day else "half-day-briefing")
    dates = session_dates(months_ago, 2 if two_day else 1)
    session = Session.objects.create(
        course=course,
        venue=Venue.objects.order_by("pk").first(),
        capacity=14,
        internal_notes=note,
    )
    days = [
        SessionDay.objects.create(
            session=session,
            date=date,
            start_time=dt.time(9, 30),
            end_time=dt.time(16, 30) if two_day else dt.time(12, 30),
        )
        for date in dates
    ]
    session.trainers.set([demo_person(TRAINER)])
    prefix = "s" if months_ago % 3 else "p"
    start = 30 + (months_ago * PEOPLE_PER_SESSION) % 60
    bookings = []
    for offset in range(PEOPLE_PER_SESSION):
        person = demo_person(f"{prefix}{start + offset:02d}")
        booked_at = timezone.make_aware(dt.datetime.combine(dates[0], dt.time(9))) - dt.timedelta(
            days=30
        )
        booking = Booking.objects.create(
            session=session,
            user=person,
            status=Booking.Status.CONFIRMED,
            created_at=booked_at,
            confirmed_at=booked_at,
        )
        bookings.append(booking)
        if rng.random() < 0.8:
            services.record_confidence_before(
                person=person, booking=booking, score=rng.choice([2, 3, 3, 4, 4, 5, 5, 6])
            )
        status = (
            Attendance.Status.ABSENT
            if offset >= PEOPLE_PER_SESSION - 1
            else (Attendance.Status.PRESENT)
        )
        for day in days:
            Attendance.objects.create(
                booking=booking,
                day=day,
                status=status,
                source=Attendance.Source.REGISTER,
                marked_at=day.ends_at,
            )
    booking_services.complete_session(session=session, by=administrator)
    answer_feedback(session, rng)
    backdate(session, days[-1].ends_at)
    return session


def backdate(session: Session, ended_at: dt.datetime) -> None:
    """Completion and feedback are recorded now; a demo session from months ago was completed
    that day and answered the next."""
    Session.objects.filter(pk=session.pk).update(completed_at=ended_at)
    Booking.objects.filter(session=session).exclude(completed_at=None).update(completed_at=ended_at)
    answered_at = ended_at + dt.timedelta(days=1)
    Participation.objects.filter(session=session).update(
        completed_at=ended_at, feedback_sent_at=ended_at
    )
    Participation.objects.filter(session=session).exclude(after_at=None).update(
        after_at=answered_at, feedback_answered_at=answered_at
    )
    FeedbackResponse.objects.filter(session=session).update(
        submitted_on=timezone.localdate(answered_at)
    )


def answer_feedback(session: Session, rng: random.Random) -> None:
    for participation in Participation.objects.filter(session=session).exclude(completed_at=None):
        if rng.random() > 0.85:
            continue
        form = services.form_for(participation)
        answers = {}
        for question in form.questions.all():
            if question.kind == "rating":
                answers[question.pk] = rng.choice([3, 4, 4, 4, 5, 5])
            elif "well" in question.text:
                answers[question.pk] = rng.choice(COMMENTS_WELL)
            elif rng.random() < 0.4:
                answers[question.pk] = rng.choice(COMMENTS_CHANGE)
        before = participation.confidence_before
        services.submit_feedback(
            person=participation.person,
            participation_id=participation.pk,
            confidence_after=min(10, (before or 4) + rng.choice([2, 3, 3, 4])),
            answers=answers,
            anonymous=rng.random() < 0.5,
        )


def answer_follow_ups(rng: random.Random) -> int:
    services.send_follow_ups()
    answered = 0
    for participation in Participation.objects.filter(
        session__internal_notes__startswith=NOTE_PREFIX
    ).exclude(follow_up_nonce=""):
        if rng.random() < 0.7:
            services.record_follow_up(
                token=services.follow_up_token(participation),
                score=max(0, (participation.confidence_after or 6) - rng.choice([0, 0, 1, 2])),
            )
            answered += 1
    return answered


def seed_indicators() -> None:
    """Twelve months trending the way the national evaluations hoped: fewer re-referrals and
    repeat plans, a larger kinship share, shorter assessments, lower turnover."""
    this_month = timezone.localdate().replace(day=1)
    for n in range(MONTHS):
        month = (this_month - dt.timedelta(days=31 * (MONTHS - n))).replace(day=1)
        IndicatorMonth.objects.update_or_create(
            month=month,
            defaults={
                "re_referrals": round(24.0 - 0.4 * n + (n % 3) * 0.3, 1),
                "child_protection_plans": 212 - 3 * n + (n % 4),
                "repeat_plans": round(21.0 - 0.5 * n, 1),
                "children_in_need": 1480 - 6 * n,
                "looked_after": 318 - 2 * n,
                "kinship_share": round(14.0 + 0.6 * n, 1),
                "assessment_days": round(38.0 - 0.9 * n, 1),
                "staff_turnover": round(18.5 - 0.4 * n, 1),
                "agency_staff_rate": round(16.0 - 0.5 * n, 1),
                "audit_score": round(52.0 + 2.1 * n, 1),
                "family_survey_score": round(6.1 + 0.1 * n, 1),
            },
        )
    today = timezone.localdate()
    for months_ago, title, kind in [
        (11, "First training wave: Front Door and Child Protection", Milestone.Kind.TRAINING_WAVE),
        (8, "New assessment forms go live", Milestone.Kind.GO_LIVE),
        (6, "Second training wave: partners and Early Help", Milestone.Kind.TRAINING_WAVE),
        (3, "Group supervision with the three columns goes live", Milestone.Kind.GO_LIVE),
    ]:
        Milestone.objects.get_or_create(
            title=title,
            defaults={"date": today - dt.timedelta(days=30 * months_ago), "kind": kind},
        )


def seed(*, stdout) -> None:
    rng = random.Random(15)
    administrator = User.objects.get(email=LEAD_PRACTITIONER)
    seed_viewer()
    sessions = [s for m in range(MONTHS, 0, -1) if (s := seed_session(m, administrator, rng))]
    # Only a first run answers: a second must not answer the follow-ups left unanswered.
    follow_ups = answer_follow_ups(rng) if sessions else 0
    seed_indicators()
    stdout.write(
        f"Impact: {len(sessions)} new past sessions with feedback and confidence "
        f"answers, {follow_ups} three-month answers, {MONTHS} months of practice indicators. "
        f"Scorecard viewer: {VIEWER_EMAIL}."
    )
