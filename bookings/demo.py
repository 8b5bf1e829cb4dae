"""Demo venues, sessions and bookings, dated from the current week.

Each demo session is recognised by its internal note ("Demo session: <key>"), so running
seed_demo again changes nothing. Bookings are written directly rather than through
bookings.services, so seeding sends no email.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from accounts import roles
from accounts.demo import COUNCIL, DEMO_PASSWORD, SCHOOLS, seed_membership
from accounts.models import Organisation, User
from accounts.services import refresh_staff_status
from courses.models import CoursePage
from home.translations import translate_snippet

from . import services
from .demo_cy import WELSH
from .models import (
    Booking,
    Charge,
    ChargeSettings,
    CourseInterest,
    Session,
    SessionDay,
    SessionReservation,
    Venue,
)
from .working_days import next_working_day

NOTE_PREFIX = "Demo session: "
TRAINER = "trainer@example-borough.gov.uk"
LEARNER = "learner@example-borough.gov.uk"
PRACTICE_LEAD = "practice.lead@example-borough.gov.uk"
PARTNER = "partner@northfield-school.example"

VENUES = [
    {
        "name": "Civic Centre, Committee Room 2",
        "address": "Civic Centre\nHigh Street\nExample Borough EB1 1AA",
        "accessibility_information": "Step-free entrance from the car park, lift to all "
        "floors, hearing loop in the room, accessible toilet on the same floor.",
        "room_capacity": 30,
        "joining_instructions": "Sign in at main reception; you will be collected at 9:15am.",
    },
    {
        "name": "Eastgate Family Centre, Training Room",
        "address": "Eastgate Family Centre\n12 Eastgate Road\nExample Borough EB4 2CD",
        "accessibility_information": "Ground floor room, level access, two accessible "
        "parking bays at the front.",
        "room_capacity": 14,
    },
    {
        "name": "Online (Microsoft Teams)",
        "is_online": True,
        "joining_link": "https://teams.example-borough.gov.uk/meet/signs-of-safety-briefing",
        "joining_instructions": "Join five minutes early to test your sound. Cameras on if "
        "you can: the session is interactive.",
        "accessibility_information": "Live captions are switched on. Slides are sent the day "
        "before on request.",
    },
]


@dataclass
class DemoSession:
    key: str
    course_slug: str
    venue: str
    day_offsets: list[int]
    capacity: int
    start: dt.time = dt.time(9, 30)
    end: dt.time = dt.time(16, 30)
    status: str = Session.Status.SCHEDULED
    trainers: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)
    waitlisted: list[str] = field(default_factory=list)
    completed: bool = False
    access_needs: dict[str, str] = field(default_factory=dict)
    reserved_for: list[str] = field(default_factory=list)
    reserved_for_description: str = ""
    joining_instructions: str = ""
    # (organisation, places, days before the first day when unused ones are released)
    held_for: tuple[str, int, int] | None = None
    no_shows: list[str] = field(default_factory=list)
    late_cancellations: list[str] = field(default_factory=list)
    language: str = "en-gb"  # the language the session is delivered in


def extras(prefix: str, count: int, start: int = 1) -> list[str]:
    return [f"{prefix}{n:02d}" for n in range(start, start + count)]


# Extra fictional people: "p" partners and "s" council staff (see demo_person).
SESSIONS = [
    DemoSession(
        "briefing-places",
        "half-day-briefing",
        "Civic Centre, Committee Room 2",
        [11],
        30,
        start=dt.time(9, 30),
        end=dt.time(12, 30),
        trainers=[TRAINER],
        confirmed=extras("p", 6) + extras("s", 4),
    ),
    DemoSession(
        "partner-briefing-online",
        "partner-briefing-early-help-forms",
        "Online (Microsoft Teams)",
        [9],
        40,
        start=dt.time(14, 0),
        end=dt.time(16, 30),
        confirmed=extras("p", 8, start=7),
    ),
    DemoSession(
        "briefing-nearly-full",
        "half-day-briefing",
        "Eastgate Family Centre, Training Room",
        [18],
        12,
        start=dt.time(13, 30),
        end=dt.time(16, 30),
        trainers=[TRAINER],
        confirmed=extras("p", 11, start=2),
        joining_instructions="Come to the Family Centre's main entrance from 1:15pm; the "
        "briefing starts at 1:30pm.",
        language="cy",  # delivered in Welsh (issue 13)
    ),
    DemoSession(
        "two-day-full",
        "two-day-training",
        "Civic Centre, Committee Room 2",
        [25, 32],
        10,
        trainers=[TRAINER],
        confirmed=[LEARNER, *extras("s", 6), *extras("p", 3, start=15)],
        waitlisted=extras("p", 3, start=18),
    ),
    DemoSession(
        "two-day-child-protection",
        "two-day-training",
        "Eastgate Family Centre, Training Room",
        [44, 51],
        14,
        trainers=[TRAINER],
        confirmed=extras("s", 3, start=7),
        reserved_for=[f"{COUNCIL}: Child Protection"],
        reserved_for_description="Reserved for the Child Protection teams",
    ),
    DemoSession(
        "practice-lead-session",
        "practice-lead-session",
        "Civic Centre, Committee Room 2",
        [17],
        16,
        start=dt.time(13, 30),
        end=dt.time(16, 30),
        confirmed=extras("s", 2, start=10),
        joining_instructions="Sign in at main reception from 1:15pm and go up to Committee "
        "Room 2; we start at 1:30pm.",
    ),
    DemoSession(
        "network-meeting",
        "practice-lead-network",
        "Online (Microsoft Teams)",
        [37],
        40,
        start=dt.time(10, 0),
        end=dt.time(12, 0),
    ),
    DemoSession(
        "five-day",
        "five-day-advanced-training",
        "Civic Centre, Committee Room 2",
        [63, 64, 65, 66, 67],
        20,
    ),
    DemoSession(
        "wellbeing",
        "signs-of-wellbeing-early-help",
        "Eastgate Family Centre, Training Room",
        [30],
        14,
        confirmed=extras("p", 2, start=21),
    ),
    # Last week's course, full: still "scheduled", so the demo trainer can take its register
    # for both days, complete it and download the roster and sign-in sheet.
    DemoSession(
        "two-day-last-week",
        "two-day-training",
        "Civic Centre, Committee Room 2",
        [-7, -6],
        12,
        trainers=[TRAINER],
        confirmed=[PRACTICE_LEAD, *extras("s", 7, start=12), *extras("p", 4, start=24)],
        access_needs={
            "s13": "Hearing loop, please.",
            "p25": "Vegetarian lunch.",
        },
    ),
    # An earlier two-day course, already completed: the demo Practice Lead may book the
    # five-day course.
    DemoSession(
        "two-day-completed",
        "two-day-training",
        "Civic Centre, Committee Room 2",
        [-119, -112],
        12,
        status=Session.Status.COMPLETED,
        trainers=[TRAINER],
        confirmed=[PRACTICE_LEAD],
        completed=True,
    ),
]

SESSIONS += [
    # Four of twenty places held for the schools until a week before; one already taken by
    # a verified member of Riverside Academy (p05).
    DemoSession(
        "briefing-schools-held",
        "half-day-briefing",
        "Civic Centre, Committee Room 2",
        [23],
        20,
        start=dt.time(9, 30),
        end=dt.time(12, 30),
        trainers=[TRAINER],
        confirmed=["p05", *extras("s", 13, start=20)],
        held_for=(SCHOOLS, 4, 7),
    ),
    # Completed three weeks ago: two people did not attend and one cancelled two days
    # before, all charged to their organisations; one of the no-shows was waived (sickness).
    DemoSession(
        "two-day-charges",
        "two-day-training",
        "Civic Centre, Committee Room 2",
        [-21, -20],
        12,
        status=Session.Status.COMPLETED,
        trainers=[TRAINER],
        confirmed=[*extras("s", 5, start=40), "p10", "p12"],
        completed=True,
        no_shows=["p10", "p12"],
        late_cancellations=["p15"],
    ),
]

PARTNER_ORGANISATIONS = [
    ("Riverside Academy", "riverside-academy.example"),
    ("Example Borough Community Health NHS Trust", "community-health.example"),
    ("Safe Homes Domestic Abuse Service", "safe-homes.example"),
    ("Eastgate Family Centre", "eastgate-family-centre.example"),
    ("Family Nurse Partnership, Example Borough", "fnp.example"),
]
STAFF_SERVICES = [
    f"{COUNCIL}: Child Protection",
    f"{COUNCIL}: Front Door (MASH)",
    f"{COUNCIL}: Fostering",
    f"{COUNCIL}: Early Help and Prevention",
]


def demo_person(code: str) -> User:
    """p01..: fictional partners from partner agencies; s01..: fictional council staff."""
    if "@" in code:
        return User.objects.get(email__iexact=code)
    number = int(code[1:])
    if code.startswith("p"):
        organisation_name, domain = PARTNER_ORGANISATIONS[number % len(PARTNER_ORGANISATIONS)]
        email = f"demo.partner{number:02d}@{domain}"
        full_name = f"Demo Partner {number:02d}"
        job_title = "Safeguarding lead"
    else:
        organisation_name = STAFF_SERVICES[number % len(STAFF_SERVICES)]
        email = f"demo.practitioner{number:02d}@example-borough.gov.uk"
        full_name = f"Demo Practitioner {number:02d}"
        job_title = "Social worker"
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    user = User.objects.create_user(
        email=email,
        password=DEMO_PASSWORD,
        full_name=full_name,
        job_title=job_title,
        organisation=Organisation.objects.get(name=organisation_name),
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    user.groups.add(Group.objects.get(name=roles.LEARNER))
    refresh_staff_status(user=user)
    seed_membership(user)
    return user


def seed_venues() -> dict[str, Venue]:
    """The venues in English, each with its Welsh translation."""
    english = Locale.get_default()
    venues = {}
    for fields in VENUES:
        venue = Venue.objects.filter(name=fields["name"], locale=english).first()
        if venue is None:
            venue = Venue(locale=english, **fields)
            venue.full_clean()
            venue.save()
        translate_snippet(venue, "cy", WELSH)
        venues[venue.name] = venue
    return venues


def demo_dates(week_start: dt.date, offsets: list[int]) -> list[dt.date]:
    """The session's days: each offset from this week's Monday, moved on to the next working
    day when it falls on a bank holiday, and always after the day before."""
    dates: list[dt.date] = []
    for offset in offsets:
        date = week_start + dt.timedelta(days=offset)
        if dates and date <= dates[-1]:
            date = dates[-1] + dt.timedelta(days=1)
        dates.append(next_working_day(date))
    return dates


def seed_session(spec: DemoSession, venues: dict[str, Venue], week_start: dt.date) -> Session:
    note = NOTE_PREFIX + spec.key
    session = Session.objects.filter(internal_notes=note).first()
    if session is not None:
        return session
    course = CoursePage.objects.filter(locale=Locale.get_default()).get(slug=spec.course_slug)
    session = Session(
        course=course,
        venue=venues[spec.venue],
        joining_instructions=spec.joining_instructions,
        capacity=spec.capacity,
        status=spec.status,
        internal_notes=note,
        reserved_for_description=spec.reserved_for_description,
        language=spec.language,
        completed_at=timezone.make_aware(
            dt.datetime.combine(demo_dates(week_start, spec.day_offsets)[-1], spec.end)
        )
        if spec.status == Session.Status.COMPLETED
        else None,
    )
    services.fill_in_new_session_defaults(session)
    session.save()
    for date in demo_dates(week_start, spec.day_offsets):
        SessionDay.objects.create(
            session=session, date=date, start_time=spec.start, end_time=spec.end
        )
    session.trainers.set([demo_person(email) for email in spec.trainers])
    session.reserved_for_organisations.set(Organisation.objects.filter(name__in=spec.reserved_for))
    first_day = timezone.make_aware(
        dt.datetime.combine(demo_dates(week_start, spec.day_offsets)[0], spec.start)
    )
    booked_at = min(timezone.now(), first_day) - dt.timedelta(days=20)
    reservation = None
    if spec.held_for is not None:
        organisation, places, days_before = spec.held_for
        reservation = SessionReservation.objects.create(
            session=session,
            organisation=Organisation.objects.get(name=organisation),
            places=places,
            release_at=first_day - dt.timedelta(days=days_before),
        )
    for number, code in enumerate(spec.confirmed + spec.waitlisted):
        moment = booked_at + dt.timedelta(minutes=number)
        waiting = code in spec.waitlisted
        no_show = code in spec.no_shows
        person = demo_person(code)
        Booking.objects.create(
            session=session,
            user=person,
            status=Booking.Status.WAITLISTED if waiting else Booking.Status.CONFIRMED,
            created_at=moment,
            confirmed_at=None if waiting else moment,
            waitlisted_at=moment if waiting else None,
            access_needs=spec.access_needs.get(code, ""),
            completed_at=first_day + dt.timedelta(days=8)
            if spec.completed and not no_show
            else None,
            outcome=(Booking.Outcome.NO_SHOW if no_show else Booking.Outcome.COMPLETED)
            if spec.completed
            else "",
            days_missed=len(spec.day_offsets) if no_show else 0,
            reservation=reservation
            if reservation is not None
            and person.organisation is not None
            and person.organisation.parent is not None
            and person.organisation.parent.name == reservation.organisation.name
            else None,
        )
    seed_charges(spec, session, first_day)
    return session


def seed_charges(spec: DemoSession, session: Session, first_day: dt.datetime) -> None:
    """The ledger's demo lines, written directly (seeding sends no email)."""
    terms = services.charge_terms(session)
    for code in spec.late_cancellations:
        person = demo_person(code)
        cancelled_at = first_day - dt.timedelta(days=2)
        booking = Booking.objects.create(
            session=session,
            user=person,
            status=Booking.Status.CANCELLED,
            created_at=first_day - dt.timedelta(days=20),
            confirmed_at=first_day - dt.timedelta(days=20),
            cancelled_at=cancelled_at,
            cancellation_reason="Cover needed in school.",
        )
        Charge.objects.create(
            booking=booking,
            organisation=person.organisation,
            kind=Charge.Kind.LATE_CANCELLATION,
            amount=terms.late_cancellation,
            reason=f"Place cancelled with less than {terms.notice_working_days} working "
            "days' notice.",
            raised_at=cancelled_at,
        )
    for number, code in enumerate(spec.no_shows):
        booking = Booking.objects.get(session=session, user=demo_person(code))
        waived = number == 0
        Charge.objects.create(
            booking=booking,
            organisation=booking.user.organisation,
            kind=Charge.Kind.NO_SHOW,
            amount=terms.no_show,
            reason="Did not attend, and the place was not handed to a colleague.",
            raised_at=session.completed_at or timezone.now(),
            status=Charge.Status.WAIVED if waived else Charge.Status.RAISED,
            waiver_reason="Sickness: the person phoned in on the morning." if waived else "",
            waived_at=session.completed_at if waived else None,
        )


def seed_charge_settings() -> None:
    """The site-wide charges most partnerships use: £50 for a late cancellation, £90 for not
    attending, 3 working days' notice."""
    charge_settings = ChargeSettings.load()
    if not charge_settings.late_cancellation_charge and not charge_settings.no_show_charge:
        charge_settings.late_cancellation_charge = Decimal("50.00")
        charge_settings.no_show_charge = Decimal("90.00")
        charge_settings.notice_working_days = 3
        charge_settings.waiver_contact = "training@example-borough.gov.uk"
        charge_settings.save()


def seed_interest() -> None:
    course = CoursePage.objects.filter(locale=Locale.get_default()).get(slug="train-the-trainer")
    for code in ["s01", "s02", "p05"]:
        person = demo_person(code)
        CourseInterest.objects.get_or_create(
            course=course,
            user=person,
            notified_at=None,
            defaults={"organisation": person.organisation},
        )


def seed(*, stdout) -> None:
    seed_charge_settings()
    venues = seed_venues()
    # Day offsets count from this week's Monday and all fall on weekdays, whatever day the
    # demo is seeded.
    today = timezone.localdate()
    week_start = today - dt.timedelta(days=today.weekday())
    sessions = [seed_session(spec, venues, week_start) for spec in SESSIONS]
    seed_interest()
    stdout.write(
        f"{len(venues)} venues and {len(sessions)} sessions with bookings ready "
        "(one nearly full, one full with a waiting list, one last week to complete: "
        f"sign in as {TRAINER} and open My sessions in the admin)."
    )
