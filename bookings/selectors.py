"""Reads across sessions, days and bookings, annotated so a list costs a fixed number of queries."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, NullIf
from django.utils import timezone

from accounts.models import is_within, subtree_q
from accounts.permissions import organisations_managed_by, user_is_training_admin
from courses.models import CoursePage, CoursePrerequisite
from elearning.models import Enrolment

from .models import (
    Attendance,
    Booking,
    Charge,
    CohortMessage,
    CourseInterest,
    Session,
    SessionDay,
    SessionReservation,
)
from .ring_fences import HeldPlaces


def _count_bookings(status: str) -> Coalesce:
    counted = (
        Booking.objects.filter(session=OuterRef("pk"), status=status)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _day_value(field: str, *, last: bool = False) -> Subquery:
    order = ("-date", "-start_time") if last else ("date", "start_time")
    return Subquery(
        SessionDay.objects.filter(session=OuterRef("pk")).order_by(*order).values(field)[:1]
    )


def _held_places(now: dt.datetime, session=None) -> QuerySet[SessionReservation]:
    """The ring-fences of `session` (by default the one at OuterRef("pk"), for a subquery)
    still held at `now`, each annotated with `free`: its places not yet taken
    (bookings.ring_fences)."""
    taken = (
        Booking.objects.filter(reservation=OuterRef("pk"), status=Booking.Status.CONFIRMED)
        .order_by()
        .values("reservation")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    session = OuterRef("pk") if session is None else session
    return SessionReservation.objects.filter(session=session, release_at__gt=now).annotate(
        free=Greatest(
            F("places") - Coalesce(Subquery(taken, output_field=IntegerField()), Value(0)),
            Value(0),
        )
    )


def _held_free(now: dt.datetime) -> Coalesce:
    total = (
        _held_places(now).order_by().values("session").annotate(total=Sum("free")).values("total")
    )
    return Coalesce(Subquery(total[:1], output_field=IntegerField()), Value(0))


def _held_for_organisation(now: dt.datetime, organisation_id: int | None) -> Coalesce:
    """The free held places a verified member of this organisation may take."""
    if organisation_id is None:
        return Value(0)
    total = (
        _held_places(now)
        .filter(is_within(organisation_id, OuterRef("organisation")))
        .order_by()
        .values("session")
        .annotate(total=Sum("free"))
        .values("total")
    )
    return Coalesce(Subquery(total[:1], output_field=IntegerField()), Value(0))


def sessions_with_places_left(
    queryset: QuerySet[Session] | None = None, *, now: dt.datetime | None = None
) -> QuerySet[Session]:
    """Sessions annotated with confirmed_count, waitlist_count, held_left (ring-fenced places
    not yet taken), held_for (the organisation of the soonest-released ring-fence with places
    left) and held_until (its release), places_left (the OPEN places: anybody may take them),
    first_date, last_date and audience_code (the session's audience, or its course's)."""
    queryset = Session.objects.all() if queryset is None else queryset
    now = now or timezone.now()
    soonest_held = _held_places(now).filter(free__gt=0).order_by("release_at", "pk")
    return queryset.annotate(
        confirmed_count=_count_bookings(Booking.Status.CONFIRMED),
        waitlist_count=_count_bookings(Booking.Status.WAITLISTED),
        held_left=_held_free(now),
        held_for=Subquery(soonest_held.values("organisation__name")[:1]),
        held_until=Subquery(soonest_held.values("release_at")[:1]),
        first_date=_day_value("date"),
        last_date=_day_value("date", last=True),
        audience_code=Coalesce(
            NullIf(F("audience"), Value("")), F("course__audience"), output_field=CharField()
        ),
    ).annotate(
        places_left=Greatest(F("capacity") - F("confirmed_count") - F("held_left"), Value(0))
    )


def with_listing_relations(queryset: QuerySet[Session]) -> QuerySet[Session]:
    return queryset.select_related("course", "venue").prefetch_related(
        Prefetch("days", queryset=SessionDay.objects.order_by("date", "start_time")),
        "trainers",
        "venue__localized",
        "course__in_reader_language",
    )


# What check_eligibility reads beyond the session and its course, prefetched in one query each.
ELIGIBILITY_RELATIONS = (
    "reserved_for_organisations",
    Prefetch(
        "course__prerequisites",
        queryset=CoursePrerequisite.objects.select_related("required_course"),
    ),
)


def upcoming_sessions(*, today: dt.date | None = None) -> QuerySet[Session]:
    """Scheduled sessions of live courses whose first day is today or later, soonest first."""
    today = today or timezone.localdate()
    sessions = Session.objects.filter(status=Session.Status.SCHEDULED, course__live=True)
    return with_listing_relations(
        sessions_with_places_left(sessions).filter(first_date__gte=today)
    ).order_by("first_date", "pk")


def filter_sessions(
    sessions: QuerySet[Session],
    *,
    course_type: str = "",
    month: dt.date | None = None,
    audiences: Iterable[str] | None = None,
    has_places: bool = False,
    organisation_id: int | None = None,
) -> QuerySet[Session]:
    """Narrow an annotated session list by the public list's filters. `audiences` keeps the
    sessions for those audiences (a person's, from accounts.audiences.audiences_of).
    `has_places` keeps sessions with an open place, or a held place the verified members of
    `organisation_id` may take: never places held for other organisations."""
    if course_type:
        sessions = sessions.filter(course__course_type=course_type)
    if month:
        sessions = sessions.filter(first_date__year=month.year, first_date__month=month.month)
    if audiences is not None:
        sessions = sessions.filter(audience_code__in=list(audiences))
    if has_places:
        if organisation_id is None:
            sessions = sessions.filter(places_left__gt=0)
        else:
            sessions = sessions.annotate(
                held_for_me=_held_for_organisation(timezone.now(), organisation_id)
            ).filter(Q(places_left__gt=0) | Q(held_for_me__gt=0))
    return sessions


def upcoming_sessions_of_course(course: CoursePage) -> QuerySet[Session]:
    """Upcoming sessions of a course, in any of its translations."""
    return upcoming_sessions().filter(course__translation_key=course.translation_key)


def session_for_page(pk: int) -> Session:
    """One session with everything its public page shows, and what deciding whether the
    visitor may book it reads. Raises Session.DoesNotExist."""
    return (
        with_listing_relations(sessions_with_places_left())
        .select_related("course__prerequisite_module")
        .prefetch_related(*ELIGIBILITY_RELATIONS)
        .get(pk=pk)
    )


def waitlist_position() -> Case:
    """1 for the first person waiting on the session, 2 for the next...; None if not waiting."""
    ahead = (
        Booking.objects.filter(session=OuterRef("session"), status=Booking.Status.WAITLISTED)
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Case(
        When(
            status=Booking.Status.WAITLISTED,
            then=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1,
        ),
        default=None,
        output_field=IntegerField(),
    )


def first_day_date_of_session(session: str = "session") -> Subquery:
    """For a Booking queryset (or another, naming the path to its session): the date of the
    first day of the booking's session."""
    return Subquery(
        SessionDay.objects.filter(session=OuterRef(session))
        .order_by("date", "start_time")
        .values("date")[:1]
    )


def bookings_of(user) -> QuerySet[Booking]:
    """Everyone's own bookings with their session, days, venue and waiting list position."""
    return (
        Booking.objects.filter(user=user)
        .select_related("session__course", "session__venue")
        .prefetch_related(
            Prefetch("session__days", queryset=SessionDay.objects.order_by("date", "start_time")),
            "session__venue__localized",
            "session__course__in_reader_language",
        )
        .annotate(
            waitlist_position=waitlist_position(),
            first_date=first_day_date_of_session(),
        )
        .order_by("first_date", "pk")
    )


def active_booking(*, user, session: Session) -> Booking | None:
    """The person's live booking (confirmed, waiting or awaiting approval) on a session."""
    if not user.is_authenticated:
        return None
    return (
        Booking.objects.filter(user=user, session=session, status__in=Booking.ACTIVE_STATUSES)
        .annotate(waitlist_position=waitlist_position())
        .first()
    )


def has_active_booking(*, user, session: Session) -> bool:
    return Booking.objects.filter(
        user=user, session=session, status__in=Booking.ACTIVE_STATUSES
    ).exists()


def overlapping_day(*, user, session: Session) -> SessionDay | None:
    """The earliest day of another scheduled session on which the person holds a confirmed
    place and which overlaps one of `session`'s days, in one query. Its session and course are
    read only when there is a clash (a refusal, rare): book() runs this on every booking."""
    same_time = SessionDay.objects.filter(
        session=session,
        date=OuterRef("date"),
        start_time__lt=OuterRef("end_time"),
        end_time__gt=OuterRef("start_time"),
    )
    return (
        _days_of_places_held(user)
        .exclude(session=session)
        .filter(Exists(same_time))
        .order_by("date", "start_time")
        .first()
    )


def _days_of_places_held(user) -> QuerySet[SessionDay]:
    """The days of the scheduled sessions on which the person holds a confirmed place."""
    return SessionDay.objects.filter(
        session__bookings__user=user,
        session__bookings__status=Booking.Status.CONFIRMED,
        session__status=Session.Status.SCHEDULED,
    )


@dataclass(frozen=True)
class PlaceCounts:
    confirmed: int
    waiting: int
    last_waitlisted_at: dt.datetime | None
    held_by_person: int = 0
    held_free: int = 0
    person_reservation_id: int | None = None


def _place_totals(session_path: str, *, person, now: dt.datetime) -> dict:
    """The aggregates place_counts reads, over the bookings at `session_path`__bookings (""
    from a Session, "session__" from one of its days)."""
    bookings = f"{session_path}bookings"
    waiting = Q(**{f"{bookings}__status": Booking.Status.WAITLISTED})
    return {
        "confirmed": Count(bookings, filter=Q(**{f"{bookings}__status": Booking.Status.CONFIRMED})),
        "waiting": Count(bookings, filter=waiting),
        "last_waitlisted_at": Max(f"{bookings}__waitlisted_at", filter=waiting),
        "held_by_person": Count(
            bookings,
            filter=Q(
                **{f"{bookings}__user": person, f"{bookings}__status__in": Booking.ACTIVE_STATUSES}
            ),
        )
        if person is not None
        else Value(0),
        "fenced": Exists(
            SessionReservation.objects.filter(
                session=OuterRef(session_path.removesuffix("__") or "pk"), release_at__gt=now
            )
        ),
    }


PLACE_TOTALS = ("confirmed", "waiting", "last_waitlisted_at", "held_by_person", "fenced")


def place_counts(session: Session, *, person=None, now: dt.datetime | None = None) -> PlaceCounts:
    """Confirmed places, people waiting, the time the last person joined the queue, the
    ring-fenced places still free at `now` (held_free) and, given a person, how many active
    bookings they hold on the session and the ring-fence whose free place they may take
    (person_reservation_id; bookings.ring_fences).

    One query, counted with filters over one join (book() runs it under the session lock, and
    Django compiles it in a fraction of the time a subquery per count takes). A session with
    ring-fences still held at `now` takes a second: its ring-fences, soonest released first,
    each with its free places and whether the person's verified organisation is within it."""
    now = now or timezone.now()
    totals = (
        Session.objects.filter(pk=session.pk)
        .order_by()
        .annotate(**_place_totals("", person=person, now=now))
        .values(*PLACE_TOTALS)
        .get()
    )
    return _with_held_places(totals, session, person=person, now=now)


def place_counts_and_days(
    session: Session, *, person, now: dt.datetime | None = None
) -> tuple[PlaceCounts, list[SessionDay]]:
    """place_counts, and the session's days in date order, in the same query: one row per
    day, each carrying the session's counts and `overlaps_a_place`: whether the person holds
    a confirmed place on another scheduled session at the same time that day
    (overlapping_day finds which). book() runs it under the session lock, which the days
    only change under, and the person's. A session without days (never bookable) takes
    place_counts' query."""
    now = now or timezone.now()
    same_time = (
        _days_of_places_held(person)
        .filter(
            date=OuterRef("date"),
            start_time__lt=OuterRef("end_time"),
            end_time__gt=OuterRef("start_time"),
        )
        .exclude(session=OuterRef("session"))
    )
    days = list(
        SessionDay.objects.filter(session=session.pk)
        .annotate(
            **_place_totals("session__", person=person, now=now),
            overlaps_a_place=Exists(same_time),
        )
        .order_by("date", "start_time")
    )
    if not days:
        return place_counts(session, person=person, now=now), []
    totals = {name: getattr(days[0], name) for name in PLACE_TOTALS}
    return _with_held_places(totals, session, person=person, now=now), days


def _with_held_places(totals: dict, session: Session, *, person, now: dt.datetime) -> PlaceCounts:
    if not totals.pop("fenced"):
        return PlaceCounts(**totals)
    organisation_id = getattr(person, "organisation_id", None)
    fences = list(
        _held_places(now, session)
        .annotate(
            for_person=is_within(organisation_id, OuterRef("organisation"))
            if organisation_id is not None
            else Value(False)
        )
        .order_by("release_at", "pk")
        .values("pk", "free", "for_person")
    )
    person_reservation_id = next(
        (fence["pk"] for fence in fences if fence["for_person"] and fence["free"] > 0), None
    )
    return PlaceCounts(
        **totals,
        held_free=sum(fence["free"] for fence in fences),
        person_reservation_id=person_reservation_id,
    )


def held_places_for(session: Session, *, person, now: dt.datetime) -> int:
    """The free places held on a session that this person (by their verified organisation)
    may take."""
    if getattr(person, "organisation_id", None) is None:
        return 0
    return (
        Session.objects.filter(pk=session.pk)
        .annotate(held=_held_for_organisation(now, person.organisation_id))
        .values_list("held", flat=True)
        .get()
    )


def held_places(session: Session, *, now: dt.datetime) -> list[HeldPlaces]:
    """The session's ring-fences still held at `now`, soonest released first, in one query."""
    fences = _held_places(now, session).select_related("organisation").order_by("release_at", "pk")
    return [
        HeldPlaces(
            reservation_id=fence.pk,
            organisation_id=fence.organisation_id,
            organisation_name=fence.organisation.name,
            free=fence.free,
        )
        for fence in fences
    ]


def confirmed_places(session: Session) -> int:
    return Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).count()


def position_on_waiting_list(booking: Booking) -> int | None:
    """1 for the first person waiting, 2 for the next...; None if the booking is not waiting."""
    return (
        Booking.objects.filter(pk=booking.pk)
        .annotate(position=waitlist_position())
        .values_list("position", flat=True)
        .get()
    )


def waiting_list(session: Session) -> QuerySet[Booking]:
    """The queue, first come first served."""
    return Booking.objects.filter(session=session, status=Booking.Status.WAITLISTED).order_by(
        "waitlisted_at", "pk"
    )


def waiting_list_with_positions(session: Session) -> QuerySet[Booking]:
    """The queue with each person (select_related) and their waitlist_position."""
    return (
        waiting_list(session).select_related("user").annotate(waitlist_position=waitlist_position())
    )


def session_bookings(session: Session) -> QuerySet[Booking]:
    """Every booking on a session for its administrators, with position and organisation."""
    return (
        Booking.objects.filter(session=session)
        .select_related("user__organisation")
        .annotate(waitlist_position=waitlist_position())
        .order_by(
            Case(
                When(status=Booking.Status.CONFIRMED, then=Value(0)),
                When(status=Booking.Status.WAITLISTED, then=Value(1)),
                When(status=Booking.Status.AWAITING_APPROVAL, then=Value(2)),
                default=Value(3),
            ),
            "waitlisted_at",
            "pk",
        )
    )


def completed_course_ids(user) -> set[int]:
    """The course pages this person has completed (a booking with completed_at set)."""
    return set(
        Booking.objects.filter(user=user, completed_at__isnull=False).values_list(
            "session__course_id", flat=True
        )
    )


def missing_prerequisites(*, user, course: CoursePage) -> list[CoursePage]:
    """Courses the person must complete before booking `course`, in the editor's order.

    Completion counts in any translation of a course (compared by translation_key)."""
    required = [p.required_course for p in course.prerequisites.all()]
    if not required:
        return []
    completed_keys = set(
        CoursePage.objects.filter(pk__in=completed_course_ids(user)).values_list(
            "translation_key", flat=True
        )
    )
    return [c for c in required if c.translation_key not in completed_keys]


def has_completed_module(*, user, module) -> bool:
    """Whether the person completed an e-learning module, in any of its translations."""
    return Enrolment.objects.filter(
        learner=user, module_key=module.translation_key, completed_at__isnull=False
    ).exists()


def demand_by_course_and_organisation() -> QuerySet[CourseInterest]:
    """People waiting to hear about new sessions, counted per course and organisation."""
    return (
        CourseInterest.objects.filter(notified_at__isnull=True)
        .values("course_id", "course__title", "organisation__name")
        .annotate(people=Count("pk"))
        .order_by("course__title", "-people", "organisation__name")
    )


def open_interest(*, user, course: CoursePage) -> CourseInterest | None:
    if not user.is_authenticated:
        return None
    return CourseInterest.objects.filter(
        user=user, course__translation_key=course.translation_key, notified_at__isnull=True
    ).first()


# Cohorts: what trainers and training administrators see of the sessions they run.


def my_sessions(user, *, today: dt.date | None = None) -> QuerySet[Session]:
    """The sessions a person runs (every session for training administrators), annotated
    like sessions_with_places_left, upcoming first (soonest first), then past ones (most
    recent first)."""
    today = today or timezone.localdate()
    sessions = Session.objects.all()
    if not user_is_training_admin(user):
        sessions = sessions.filter(trainers=user)
    sessions = sessions_with_places_left(sessions).annotate(
        is_past=Case(When(last_date__lt=today, then=Value(1)), default=Value(0)),
        upcoming_date=Case(When(last_date__gte=today, then=F("first_date")), default=None),
    )
    return with_listing_relations(sessions).order_by(
        "is_past", "upcoming_date", F("first_date").desc(nulls_last=True), "-pk"
    )


def filter_my_sessions(
    sessions: QuerySet[Session],
    *,
    course: CoursePage | None = None,
    trainer=None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    status: str = "",
) -> QuerySet[Session]:
    """Narrow My sessions by the administrators' filters. A session is in a date range when
    any of its days is."""
    if course is not None:
        sessions = sessions.filter(course__translation_key=course.translation_key)
    if trainer is not None:
        sessions = sessions.filter(trainers=trainer)
    if date_from:
        sessions = sessions.filter(last_date__gte=date_from)
    if date_to:
        sessions = sessions.filter(first_date__lte=date_to)
    if status:
        sessions = sessions.filter(status=status)
    return sessions


def session_for_cohort(pk: int) -> Session:
    """One session with its course, venue, days and trainers, and its counts.
    Raises Session.DoesNotExist."""
    return with_listing_relations(sessions_with_places_left()).get(pk=pk)


def attendance_by_booking(session: Session) -> dict[int, dict[int, Attendance]]:
    """{booking id: {day id: Attendance}} for the whole session, in one query."""
    marks: dict[int, dict[int, Attendance]] = {}
    for attendance in Attendance.objects.filter(day__session=session):
        marks.setdefault(attendance.booking_id, {})[attendance.day_id] = attendance
    return marks


def checked_in(*, user, day: SessionDay) -> bool:
    """Whether the person has checked themselves in on this day."""
    return Attendance.objects.filter(
        booking__user=user, day=day, checked_in_at__isnull=False
    ).exists()


def register_for_day(session: Session, day: SessionDay) -> QuerySet[Booking]:
    """The people with a confirmed place, by name, annotated with their attendance on the
    day (attendance_status, attendance_source, checked_in_at, attendance_version; None if
    not marked)."""
    mark = Attendance.objects.filter(booking=OuterRef("pk"), day=day)
    return (
        Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
        .select_related("user__organisation")
        .annotate(
            attendance_status=Subquery(mark.values("status")[:1]),
            attendance_source=Subquery(mark.values("source")[:1]),
            checked_in_at=Subquery(mark.values("checked_in_at")[:1]),
            attendance_version=Subquery(mark.values("version")[:1]),
        )
        .order_by("user__full_name", "pk")
    )


def roster(session: Session) -> QuerySet[Booking]:
    """The confirmed attendees for exports and the sign-in sheet, by name."""
    return (
        Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
        .select_related("user__organisation")
        .order_by("user__full_name", "pk")
    )


def cohort_messages(session: Session) -> QuerySet[CohortMessage]:
    return CohortMessage.objects.filter(session=session).select_related("sender")


# A person's next steps on the signed-in home page: a fixed number of queries each.


def upcoming_bookings_of(user, *, today: dt.date | None = None) -> QuerySet[Booking]:
    """The person's live bookings (confirmed, waiting or awaiting approval) on scheduled
    sessions with a day still to come, soonest first, with their days and venue: two
    queries (the bookings, the days). The home page shows only the next session's venue: its
    translation in the reader's language costs one more query if the venue is not already
    written in that language (its locale is read with it).

    Only what the home page shows is read: whole course pages (and a second query for their
    translations, which the home page does not show) made this the costliest part of it."""
    today = today or timezone.localdate()
    day_to_come = SessionDay.objects.filter(session=OuterRef("session"), date__gte=today)
    return (
        Booking.objects.filter(
            Exists(day_to_come),
            user=user,
            status__in=Booking.ACTIVE_STATUSES,
            session__status=Session.Status.SCHEDULED,
        )
        .select_related("session__course", "session__venue__locale")
        .only(
            "status",
            "completed_at",
            "session__joining_instructions",
            "session__course__title",
            "session__venue__translation_key",
            "session__venue__locale",
            "session__venue__name",
            "session__venue__address",
            "session__venue__is_online",
            "session__venue__joining_link",
            "session__venue__locale__language_code",
        )
        .prefetch_related(
            Prefetch("session__days", queryset=SessionDay.objects.order_by("date", "start_time"))
        )
        .annotate(waitlist_position=waitlist_position(), first_date=first_day_date_of_session())
        .order_by("first_date", "pk")
    )


def sessions_to_deliver(user) -> QuerySet[Session]:
    """The scheduled (not yet completed) sessions a trainer delivers, with their counts and
    first and last dates, soonest first: those that ended are waiting to be completed."""
    sessions = Session.objects.filter(trainers=user, status=Session.Status.SCHEDULED)
    return (
        sessions_with_places_left(sessions)
        .select_related("course", "venue")
        .prefetch_related("venue__localized")
        .order_by("first_date", "pk")
    )


@dataclass(frozen=True)
class TrainingOverview:
    """What needs a training administrator's attention, across every session."""

    to_complete: int  # sessions whose last day has passed, not yet completed
    with_waiting_list: int  # upcoming sessions with people waiting
    empty_places_soon: int  # places left on sessions starting in the next two weeks


def training_overview(*, today: dt.date | None = None) -> TrainingOverview:
    """One query, whatever the number of sessions and bookings."""
    today = today or timezone.localdate()
    soon = today + dt.timedelta(days=14)
    figures = sessions_with_places_left(
        Session.objects.filter(status=Session.Status.SCHEDULED)
    ).aggregate(
        to_complete=Count("pk", filter=Q(last_date__lt=today)),
        with_waiting_list=Count("pk", filter=Q(first_date__gte=today, waitlist_count__gt=0)),
        empty_places_soon=Coalesce(
            # Held places nobody has taken yet are empty places too.
            Sum(
                F("places_left") + F("held_left"),
                filter=Q(first_date__gte=today, first_date__lte=soon),
            ),
            0,
        ),
    )
    return TrainingOverview(**figures)


# The ledger of charges for places wasted.


def ledger(
    user,
    *,
    organisation=None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    status: str = "",
) -> QuerySet[Charge]:
    """The charges the person may see (every one for training administrators; a contact's
    own organisations), narrowed by organisation (with everything below it), the date raised
    and status, with the booking, person, course and organisation, newest first."""
    charges = Charge.objects.all()
    if not user_is_training_admin(user):
        charges = charges.filter(organisation__in=organisations_managed_by(user))
    if organisation is not None:
        charges = charges.filter(subtree_q("organisation", organisation.pk))
    if date_from:
        charges = charges.filter(raised_at__date__gte=date_from)
    if date_to:
        charges = charges.filter(raised_at__date__lte=date_to)
    if status:
        charges = charges.filter(status=status)
    return (
        charges.select_related("organisation", "booking__user", "booking__session__course")
        .annotate(first_date=first_day_date_of_session("booking__session"))
        .order_by("-raised_at", "-pk")
    )


def ledger_totals(charges: QuerySet[Charge]) -> dict[str, Decimal]:
    """Totals of a ledger, in one query: to invoice, waived, invoiced (credits included)."""
    zero = Value(Decimal("0"), output_field=DecimalField())

    def total(status):
        return Coalesce(Sum("amount", filter=Q(status=status)), zero)

    return charges.order_by().aggregate(
        to_invoice=total(Charge.Status.RAISED),
        waived=total(Charge.Status.WAIVED),
        invoiced=total(Charge.Status.INVOICED),
    )
