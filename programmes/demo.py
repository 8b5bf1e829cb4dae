"""The demo programmes, and demo people at real stages of them.

Nothing here sets progress. The seed writes what the training team would have recorded over
the past months (sessions, bookings, registers), completes each session through
bookings.services.complete_session in date order, and the programmes follow from those
records exactly as they do in use: outcomes from the register, completions from the
completion events, the programme certificate from programme_completed.

Dates count in weeks from this week's Monday, and each session is recognised by its internal
note ("Demo session: programme-<key>"), so running seed_demo again changes nothing.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from accounts import roles
from accounts.models import User
from bookings import services as booking_services
from bookings.demo import NOTE_PREFIX, TRAINER, demo_person
from bookings.models import Attendance, Booking, Session, SessionDay, Venue
from courses.models import CoursePage
from elearning.models import ModulePage
from home.translations import translate_snippet

from . import services
from .demo_cy import WELSH
from .models import Programme, ProgrammeEnrolment, Requirement, months_from
from .progress import periods_of

LEAD_PRACTITIONER = "lead.practitioner@example-borough.gov.uk"
PRACTICE_LEAD = "practice.lead@example-borough.gov.uk"
# Fictional council staff (bookings.demo.demo_person) at the other stages.
COMPLETED = "s31"
OVERDUE = "s32"
JUST_STARTED = "s33"
TRAINEE = "s34"

PRACTICE_LEAD_PROGRAMME = "Practice Lead programme"
TRAINER_PATHWAY = "In-house trainer pathway"
ROOM = "Civic Centre, Committee Room 2"
ONLINE = "Online (Microsoft Teams)"

PRESENT = Attendance.Status.PRESENT
ABSENT = Attendance.Status.ABSENT


@dataclass
class PastSession:
    key: str
    course_slug: str
    first_day: int  # days from this week's Monday
    days: int = 1
    venue: str = ROOM
    start: dt.time = dt.time(9, 30)
    end: dt.time = dt.time(16, 30)
    trainers: list[str] = field(default_factory=lambda: [TRAINER])
    # person: PRESENT for every day, or one mark per day
    marks: dict[str, str | list[str]] = field(default_factory=dict)

    @property
    def dates_offsets(self) -> list[int]:
        return [self.first_day + n for n in range(self.days)]


def week(number: int, weekday: int = 0) -> int:
    """Days from this week's Monday to `weekday` (0 Monday) of week `number` (negative: ago)."""
    return 7 * number + weekday


# The regular series: a Practice Lead session every four weeks (Wednesday afternoons, the
# intakes side by side so a missed one is made up at the next) and a Network meeting every
# eight weeks (Thursday mornings, online).
PRACTICE_LEAD_SESSION_WEEKS = list(range(-58, 0, 4))
NETWORK_MEETING_WEEKS = list(range(-60, 0, 8))

ENROLMENTS = [
    # (person, programme, start week, intake)
    (COMPLETED, PRACTICE_LEAD_PROGRAMME, -57, "Intake one year ago"),
    (OVERDUE, PRACTICE_LEAD_PROGRAMME, -35, "Intake eight months ago"),
    (PRACTICE_LEAD, PRACTICE_LEAD_PROGRAMME, -14, "Intake this spring"),
    (JUST_STARTED, PRACTICE_LEAD_PROGRAMME, -2, "Intake this month"),
    (TRAINEE, TRAINER_PATHWAY, -22, "Trainers 2025-26"),
]


def start_of(person: str) -> int:
    return next(week(start) for code, _programme, start, _intake in ENROLMENTS if code == person)


def programme_specs() -> dict[str, dict]:
    Kind = Requirement.Kind
    return {
        PRACTICE_LEAD_PROGRAMME: {
            "description": "A year of learning for the champions who lead Signs of Safety "
            "in their team: the two-day and five-day courses, eight Practice Lead sessions "
            "and the Network meeting every two months.",
            "grants_practice_lead_role": True,
            "requirements": [
                {
                    "kind": Kind.COMPLETE_COURSE,
                    "title": "Two-day training",
                    "course": "two-day-training",
                    "earlier_records_count": True,
                },
                {
                    "kind": Kind.COMPLETE_COURSE,
                    "title": "Five-day advanced training",
                    "course": "five-day-advanced-training",
                    "within_months": 6,
                    "earlier_records_count": True,
                },
                {
                    "kind": Kind.ATTEND_SESSIONS,
                    "title": "Eight Practice Lead sessions",
                    "course": "practice-lead-session",
                    "count_required": 8,
                },
                {
                    "kind": Kind.ATTEND_REGULARLY,
                    "title": "Practice Lead Network meetings",
                    "course": "practice-lead-network",
                    "period_months": 2,
                    "missed_periods_allowed": 1,
                },
            ],
        },
        TRAINER_PATHWAY: {
            "description": "For in-house trainers, so the two-day course can run without "
            "external consultants: the two-day and five-day courses, train-the-trainer, the "
            "e-learning learners take, then co-delivering a two-day course alongside a "
            "licensed trainer.",
            "grants_practice_lead_role": False,
            "requirements": [
                {
                    "kind": Kind.COMPLETE_COURSE,
                    "title": "Two-day training",
                    "course": "two-day-training",
                    "earlier_records_count": True,
                },
                {
                    "kind": Kind.COMPLETE_COURSE,
                    "title": "Five-day advanced training",
                    "course": "five-day-advanced-training",
                    "earlier_records_count": True,
                },
                {
                    "kind": Kind.COMPLETE_COURSE,
                    "title": "Train-the-trainer",
                    "course": "train-the-trainer",
                    "earlier_records_count": True,
                },
                {
                    "kind": Kind.COMPLETE_MODULE,
                    "title": "The e-learning module",
                    "module": "introduction-to-signs-of-safety",
                    "earlier_records_count": True,
                },
                {
                    "kind": Kind.DELIVER_SESSIONS,
                    "title": "Co-deliver the two-day training",
                    "course": "two-day-training",
                    "count_required": 1,
                },
            ],
        },
    }


def past_sessions(week_start: dt.date) -> list[PastSession]:
    """Every session the demo people's records come from."""
    sessions = [
        # Their earlier courses.
        PastSession(
            "two-day-completed-lead",
            "two-day-training",
            week(-70),
            days=2,
            marks={COMPLETED: PRESENT},
        ),
        PastSession(
            "two-day-overdue-lead", "two-day-training", week(-45), days=2, marks={OVERDUE: PRESENT}
        ),
        PastSession(
            "two-day-new-lead", "two-day-training", week(-10), days=2, marks={JUST_STARTED: PRESENT}
        ),
        PastSession(
            "two-day-trainee", "two-day-training", week(-80), days=2, marks={TRAINEE: PRESENT}
        ),
        PastSession(
            "five-day-a", "five-day-advanced-training", week(-70), days=5, marks={TRAINEE: PRESENT}
        ),
        PastSession(
            "five-day-b",
            "five-day-advanced-training",
            week(-60),
            days=5,
            marks={COMPLETED: PRESENT},
        ),
        PastSession(
            "five-day-c", "five-day-advanced-training", week(-37), days=5, marks={OVERDUE: PRESENT}
        ),
        PastSession(
            "five-day-d",
            "five-day-advanced-training",
            week(-15),
            days=5,
            marks={PRACTICE_LEAD: PRESENT},
        ),
        PastSession("train-the-trainer", "train-the-trainer", week(-20), marks={TRAINEE: PRESENT}),
        # The trainee co-delivers a two-day course with the licensed trainer.
        PastSession(
            "two-day-co-delivered",
            "two-day-training",
            week(-6),
            days=2,
            trainers=[TRAINER, TRAINEE],
            marks={"s35": PRESENT, "s36": PRESENT, "s37": [PRESENT, ABSENT]},
        ),
    ]
    for number in PRACTICE_LEAD_SESSION_WEEKS:
        sessions.append(
            PastSession(
                f"practice-lead-session-{-number}",
                "practice-lead-session",
                week(number, 2),
                start=dt.time(13, 30),
                end=dt.time(16, 30),
                marks=practice_lead_session_marks(number),
            )
        )
    for number in NETWORK_MEETING_WEEKS:
        sessions.append(
            PastSession(
                f"network-meeting-{-number}",
                "practice-lead-network",
                week(number, 3),
                venue=ONLINE,
                start=dt.time(10, 0),
                end=dt.time(12, 0),
                trainers=[],
                marks=network_marks(week(number, 3), week_start),
            )
        )
    return sessions


def practice_lead_session_marks(number: int) -> dict[str, str]:
    """Who came to the Practice Lead session of week `number`: the completed lead's first
    eight, five for the lead who is overdue on meetings, four for the demo Practice Lead."""
    marks = {}
    first_of = {COMPLETED: (-57, 8), OVERDUE: (-35, 5), PRACTICE_LEAD: (-14, 4)}
    for person, (start, count) in first_of.items():
        attended = [n for n in PRACTICE_LEAD_SESSION_WEEKS if n >= start][:count]
        if number in attended:
            marks[person] = PRESENT
    return marks


def network_marks(day: int, week_start: dt.date) -> dict[str, str]:
    """Who came to the Network meeting on `day`: the completed lead every period; the lead
    overdue on meetings missed the first two periods; the demo Practice Lead was booked in
    the first but marked absent, and came in the second."""
    date = week_start + dt.timedelta(days=day)
    wanted = {COMPLETED: {0, 1, 2, 3, 4, 5}, OVERDUE: {2, 3}, PRACTICE_LEAD: {1}}
    absent = {PRACTICE_LEAD: {0}}
    marks = {}
    for person in (COMPLETED, OVERDUE, PRACTICE_LEAD):
        start = week_start + dt.timedelta(days=start_of(person))
        periods = periods_of(start, months_from(start, 12), 2)
        for number, (begins, ends) in enumerate(periods):
            first_meeting = next(
                (
                    week_start + dt.timedelta(days=week(n, 3))
                    for n in NETWORK_MEETING_WEEKS
                    if begins <= week_start + dt.timedelta(days=week(n, 3)) <= ends
                ),
                None,
            )
            if first_meeting != date:
                continue
            if number in wanted[person]:
                marks[person] = PRESENT
            elif number in absent.get(person, set()):
                marks[person] = ABSENT
    return marks


def seed_programmes() -> dict[str, Programme]:
    coordinator = User.objects.get(email=LEAD_PRACTITIONER)
    programmes = {}
    for name, spec in programme_specs().items():
        programme = Programme.in_default_locale().filter(name=name).first()
        if programme is None:
            programme = Programme(
                name=name,
                description=spec["description"],
                coordinator=coordinator,
                duration_months=12,
                grants_practice_lead_role=spec["grants_practice_lead_role"],
            )
            programme.save()
            for order, requirement in enumerate(spec["requirements"]):
                requirement = dict(requirement)
                if "course" in requirement:
                    requirement["course"] = CoursePage.objects.filter(
                        locale=Locale.get_default()
                    ).get(slug=requirement["course"])
                if "module" in requirement:
                    requirement["module"] = ModulePage.objects.filter(
                        locale=Locale.get_default()
                    ).get(slug=requirement["module"])
                Requirement.objects.create(programme=programme, sort_order=order, **requirement)
        translate_snippet(programme, "cy", WELSH)
        programmes[name] = programme
    return programmes


def seed_enrolments(programmes: dict[str, Programme], week_start: dt.date) -> None:
    lead_practitioner = User.objects.get(email=LEAD_PRACTITIONER)
    trainer_group = Group.objects.get(name=roles.TRAINER)
    for code, name, start, intake in ENROLMENTS:
        person = demo_person(code)
        if code == TRAINEE:
            person.groups.add(trainer_group)
        programme = programmes[name]
        if ProgrammeEnrolment.objects.filter(person=person, programme=programme).exists():
            continue
        services.enrol(
            person=person,
            programme=programme,
            start_date=week_start + dt.timedelta(days=week(start)),
            intake=intake,
            by=lead_practitioner,
        )


def seed_session(spec: PastSession, week_start: dt.date) -> Session:
    """The session, its bookings and its register, as they were on the day."""
    note = f"{NOTE_PREFIX}programme-{spec.key}"
    session = Session.objects.filter(internal_notes=note).first()
    if session is not None:
        return session
    dates = [week_start + dt.timedelta(days=offset) for offset in spec.dates_offsets]
    session = Session.objects.create(
        course=CoursePage.objects.filter(locale=Locale.get_default()).get(slug=spec.course_slug),
        venue=Venue.objects.get(name=spec.venue),
        capacity=max(len(spec.marks), 12),
        internal_notes=note,
    )
    days = [
        SessionDay.objects.create(
            session=session, date=date, start_time=spec.start, end_time=spec.end
        )
        for date in dates
    ]
    trainers = [demo_person(code) for code in spec.trainers]
    session.trainers.set(trainers)
    booked_at = timezone.make_aware(dt.datetime.combine(dates[0], spec.start)) - dt.timedelta(
        days=21
    )
    for code, marks in spec.marks.items():
        booking = Booking.objects.create(
            session=session,
            user=demo_person(code),
            status=Booking.Status.CONFIRMED,
            created_at=booked_at,
            confirmed_at=booked_at,
        )
        marks = [marks] * len(days) if isinstance(marks, str) else marks
        for day, status in zip(days, marks, strict=True):
            Attendance.objects.create(
                booking=booking,
                day=day,
                status=status,
                source=Attendance.Source.REGISTER,
                marked_by=trainers[0] if trainers else None,
                marked_at=day.ends_at,
            )
    return session


def seed(*, stdout) -> None:
    today = timezone.localdate()
    week_start = today - dt.timedelta(days=today.weekday())
    programmes = seed_programmes()
    seed_enrolments(programmes, week_start)
    sessions = [seed_session(spec, week_start) for spec in past_sessions(week_start)]
    lead_practitioner = User.objects.get(email=LEAD_PRACTITIONER)
    for session in sorted(sessions, key=lambda s: s.first_day.date):
        if session.status == Session.Status.SCHEDULED:
            booking_services.complete_session(session=session, by=lead_practitioner)
    stdout.write(
        f"{len(programmes)} programmes with {len(ENROLMENTS)} demo enrolments ready, from "
        f"{len(sessions)} past sessions: sign in as {LEAD_PRACTITIONER} and open Programmes "
        "in the admin."
    )
