"""The scorecard's figures: reach, delivery, quality and impact, practice indicators.

Each figure is one grouped query (two for a few), whatever the number of people or bookings,
and comes back as a `Table`: the page draws a chart from it and prints it as the chart's text
alternative; the export writes every table as rows. Any breakdown of people or responses with
fewer than SMALLEST_GROUP in a cell is suppressed, so no one can be picked out.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, IntegerField, Min, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.models import Organisation
from bookings.models import Booking, CourseInterest, Session, SessionDay
from elearning.models import Enrolment, ModulePage
from programmes.models import ProgrammeEnrolment, RequirementAlert

from .models import INDICATOR_FIELDS, FeedbackAnswer, IndicatorMonth, Milestone, Participation

SMALLEST_GROUP = 5
LATE_CANCELLATION_DAYS = 3
FREE_TEXT_SHOWN = 50


class Suppressed:
    """A cell standing for fewer than SMALLEST_GROUP people or responses."""

    def __str__(self) -> str:
        return _("fewer than %(n)s") % {"n": SMALLEST_GROUP}

    def export(self) -> str:
        return f"<{SMALLEST_GROUP}"


SUPPRESSED = Suppressed()


@dataclass(frozen=True)
class Filters:
    date_from: dt.date
    date_to: dt.date
    organisation: Organisation | None = None

    @property
    def start(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date_from, dt.time.min))

    @property
    def end(self) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(self.date_to, dt.time.max))

    def organisation_ids(self) -> list[int] | None:
        """The organisations a figure is limited to, or None for all. Only the organisation
        itself until organisations have children (issue 11 adds the hierarchy)."""
        return [self.organisation.pk] if self.organisation else None


def default_filters(today: dt.date | None = None) -> Filters:
    """The last twelve whole months and this one."""
    today = today or timezone.localdate()
    return Filters(date_from=today.replace(year=today.year - 1, day=1), date_to=today)


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: str = ""  # "bar": a bar per row from `chart_column`; "" for no chart
    chart_column: int = 1
    percent: bool = False
    note: str = ""

    def chart_rows(self) -> list[tuple[str, float | None, str]]:
        """(label, value or None, text) for each row, from `chart_column`."""
        rows = []
        for row in self.rows:
            cell = row[self.chart_column]
            value = cell if isinstance(cell, int | float) else None
            text = _("no data") if cell is None else str(cell)
            rows.append(
                (str(row[0]), value, f"{text}%" if self.percent and value is not None else text)
            )
        return rows


def suppress(count: int) -> int | Suppressed:
    """A count of 1 to 4 is suppressed; none is none."""
    return SUPPRESSED if 0 < count < SMALLEST_GROUP else count


def ratio(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def suppressed_ratio(part: int, whole: int) -> float | Suppressed | None:
    """A percentage, suppressed when it stands for 1 to 4 people."""
    return SUPPRESSED if 0 < part < SMALLEST_GROUP else ratio(part, whole)


def _people_filter(filters: Filters, path: str) -> Q:
    ids = filters.organisation_ids()
    return Q(**{f"{path}__in": ids}) if ids is not None else Q()


def completed_bookings(filters: Filters):
    return Booking.objects.filter(completed_at__range=(filters.start, filters.end)).filter(
        _people_filter(filters, "user__organisation_id")
    )


# Reach ------------------------------------------------------------------------------------


def trained_per_course(filters: Filters) -> Table:
    rows = (
        completed_bookings(filters)
        .values("session__course__title")
        .annotate(people=Count("user", distinct=True))
        .order_by("-people", "session__course__title")
    )
    return Table(
        "trained_per_course",
        _("People trained per course"),
        [_("Course"), _("People trained")],
        [[row["session__course__title"], suppress(row["people"])] for row in rows],
        chart="bar",
    )


def trained_per_organisation_kind(filters: Filters) -> Table:
    kinds = dict(Organisation.Kind.choices)
    rows = (
        completed_bookings(filters)
        .values("user__organisation__kind")
        .annotate(people=Count("user", distinct=True))
        .order_by("-people")
    )
    return Table(
        "trained_per_kind",
        _("People trained per kind of organisation"),
        [_("Kind of organisation"), _("People trained")],
        [
            [
                kinds.get(row["user__organisation__kind"], _("No organisation")),
                suppress(row["people"]),
            ]
            for row in rows
        ],
        chart="bar",
    )


def trained_per_organisation(filters: Filters) -> Table:
    rows = (
        completed_bookings(filters)
        .values("user__organisation__name")
        .annotate(people=Count("user", distinct=True))
        .order_by("-people", "user__organisation__name")
    )
    return Table(
        "trained_per_organisation",
        _("People trained per organisation"),
        [_("Organisation"), _("People trained")],
        [
            [row["user__organisation__name"] or _("No organisation"), suppress(row["people"])]
            for row in rows
        ],
        chart="bar",
    )


def trained_per_month(filters: Filters) -> Table:
    rows = (
        completed_bookings(filters)
        .annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(people=Count("user", distinct=True))
        .order_by("month")
    )
    return Table(
        "trained_per_month",
        _("People trained per month"),
        [_("Month"), _("People trained")],
        [[row["month"].strftime("%Y-%m"), suppress(row["people"])] for row in rows],
        chart="bar",
    )


def elearning_completions(filters: Filters) -> Table:
    """Grouped by module id (one query over the enrolments, no join), then named (one small
    query over the modules)."""
    counts = (
        Enrolment.objects.filter(completed_at__range=(filters.start, filters.end))
        .filter(_people_filter(filters, "learner__organisation_id"))
        .values("module_id")
        # One enrolment per person and module: counting rows counts people, without the
        # sort a DISTINCT count needs.
        .annotate(people=Count("pk"))
        .order_by()
    )
    counts = {row["module_id"]: row["people"] for row in counts}
    titles = dict(
        ModulePage.objects.filter(pk__in=[pk for pk in counts if pk]).values_list("pk", "title")
    )
    rows = sorted(
        ((titles.get(pk) or _("A module since removed"), people) for pk, people in counts.items()),
        key=lambda row: (-row[1], row[0]),
    )
    return Table(
        "elearning_completions",
        _("E-learning completions"),
        [_("Module"), _("People who completed it")],
        [[title, suppress(people)] for title, people in rows],
        chart="bar",
    )


def practice_leads(filters: Filters) -> Table:
    """Everyone enrolled on a programme (not only in the period: a programme lasts a year)."""
    status = ProgrammeEnrolment.Status
    alerts = RequirementAlert.objects.filter(enrolment=OuterRef("pk"))
    enrolments = ProgrammeEnrolment.objects.filter(
        _people_filter(filters, "person__organisation_id")
    )
    totals = enrolments.aggregate(
        enrolled=Count("pk", filter=~Q(status=status.WITHDRAWN)),
        on_track=Count(
            "pk", filter=Q(status=status.ACTIVE) & ~Q(pk__in=alerts.values("enrolment"))
        ),
        completed=Count("pk", filter=Q(status=status.COMPLETED)),
    )
    return Table(
        "practice_leads",
        _("Programme enrolments (Practice Leads and trainers)"),
        [_("Status"), _("People")],
        [
            [_("Enrolled"), suppress(totals["enrolled"])],
            [_("Active and on track"), suppress(totals["on_track"])],
            [_("Completed"), suppress(totals["completed"])],
        ],
        chart="bar",
    )


# Delivery ---------------------------------------------------------------------------------


def _sessions_run(filters: Filters):
    confirmed = (
        Booking.objects.filter(session=OuterRef("pk"), status=Booking.Status.CONFIRMED)
        .order_by()
        .values("session")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Session.objects.filter(
        status=Session.Status.COMPLETED, completed_at__range=(filters.start, filters.end)
    ).annotate(confirmed=Coalesce(Subquery(confirmed, output_field=IntegerField()), 0))


def fill_rate_per_course(filters: Filters) -> Table:
    per_course: dict[str, list[int]] = {}
    for title, capacity, confirmed in _sessions_run(filters).values_list(
        "course__title", "capacity", "confirmed"
    ):
        totals = per_course.setdefault(title, [0, 0, 0])
        totals[0] += 1
        totals[1] += capacity
        totals[2] += confirmed
    rows = [
        [title, sessions, capacity, confirmed, ratio(confirmed, capacity)]
        for title, (sessions, capacity, confirmed) in sorted(per_course.items())
    ]
    return Table(
        "fill_rate_per_course",
        _("Sessions run and fill rate per course"),
        [_("Course"), _("Sessions run"), _("Places"), _("Places taken"), _("Fill rate (%)")],
        rows,
        chart="bar",
        chart_column=4,
        percent=True,
        note=_("All organisations: a session's places are not one organisation's."),
    )


def fill_rate_per_session(filters: Filters) -> Table:
    first_day = SessionDay.objects.filter(session=OuterRef("pk")).order_by("date").values("date")
    sessions = (
        _sessions_run(filters)
        .annotate(first_date=Subquery(first_day[:1]))
        .values_list("course__title", "first_date", "capacity", "confirmed")
        .order_by("first_date", "pk")
    )
    return Table(
        "fill_rate_per_session",
        _("Fill rate per session"),
        [_("Session"), _("Places"), _("Places taken"), _("Fill rate (%)")],
        [
            [
                f"{title}, {first:%Y-%m-%d}" if first else title,
                capacity,
                confirmed,
                ratio(confirmed, capacity),
            ]
            for title, first, capacity, confirmed in sessions
        ],
    )


def waiting_list_demand(filters: Filters) -> Table:
    rows = (
        Booking.objects.filter(waitlisted_at__range=(filters.start, filters.end))
        .filter(_people_filter(filters, "user__organisation_id"))
        .values("session__course__title")
        .annotate(
            people=Count("user", distinct=True),
            still_waiting=Count("user", distinct=True, filter=Q(status=Booking.Status.WAITLISTED)),
        )
        .order_by("-people")
    )
    return Table(
        "waiting_list_demand",
        _("Waiting-list demand"),
        [_("Course"), _("People who joined a waiting list"), _("Still waiting")],
        [
            [row["session__course__title"], suppress(row["people"]), suppress(row["still_waiting"])]
            for row in rows
        ],
        chart="bar",
    )


def interest_without_dates(filters: Filters) -> Table:
    scheduled = Session.objects.filter(
        status=Session.Status.SCHEDULED, days__date__gte=timezone.localdate()
    ).values("course")
    rows = (
        CourseInterest.objects.filter(notified_at=None)
        .exclude(course__in=scheduled)
        .filter(_people_filter(filters, "organisation_id"))
        .values("course__title")
        .annotate(people=Count("user", distinct=True))
        .order_by("-people")
    )
    return Table(
        "interest_without_dates",
        _("Interest registered for courses with no dates"),
        [_("Course"), _("People waiting for dates")],
        [[row["course__title"], suppress(row["people"])] for row in rows],
        chart="bar",
    )


def attendance_rates(filters: Filters) -> Table:
    """Of the places on sessions completed in the period: did not attend; and cancellations
    less than LATE_CANCELLATION_DAYS days before the first day. Three grouped or narrow reads
    (places per course, the cancellations, each session's first day), joined here."""
    sessions = Session.objects.filter(
        status=Session.Status.COMPLETED, completed_at__range=(filters.start, filters.end)
    )
    bookings = Booking.objects.filter(session__in=sessions).filter(
        _people_filter(filters, "user__organisation_id")
    )
    confirmed = Q(status=Booking.Status.CONFIRMED)
    per_course: dict[str, dict[str, int]] = {
        row["session__course__title"]: {
            "places": row["places"],
            "no_show": row["no_show"],
            "late": 0,
        }
        for row in bookings.values("session__course__title").annotate(
            places=Count("pk", filter=confirmed),
            no_show=Count("pk", filter=confirmed & Q(outcome=Booking.Outcome.NO_SHOW)),
        )
    }
    first_dates = dict(
        SessionDay.objects.filter(session__in=sessions)
        .values("session_id")
        .annotate(first=Min("date"))
        .values_list("session_id", "first")
    )
    cancellations = (
        bookings.filter(status=Booking.Status.CANCELLED, cancelled_at__isnull=False)
        .annotate(day=TruncDate("cancelled_at"))
        .values_list("session__course__title", "session_id", "day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for title, session_id, day, count in cancellations:
        first_date = first_dates.get(session_id)
        if first_date and (first_date - day).days < LATE_CANCELLATION_DAYS:
            per_course[title]["late"] += count
            per_course[title]["places"] += count
    rows = []
    for title, counts in sorted(per_course.items()):
        rows.append(
            [
                title,
                counts["places"],
                suppress(counts["no_show"]),
                suppressed_ratio(counts["no_show"], counts["places"]),
                suppress(counts["late"]),
                suppressed_ratio(counts["late"], counts["places"]),
            ]
        )
    return Table(
        "attendance_rates",
        _("No-shows and late cancellations"),
        [
            _("Course"),
            _("Places"),
            _("Did not attend"),
            _("No-show rate (%)"),
            _("Cancelled late"),
            _("Late-cancellation rate (%)"),
        ],
        rows,
        chart="bar",
        chart_column=3,
        percent=True,
        note=_("Late: cancelled fewer than %(days)s days before the first day.")
        % {"days": LATE_CANCELLATION_DAYS},
    )


# Quality and impact -----------------------------------------------------------------------


def _answers(filters: Filters):
    return FeedbackAnswer.objects.filter(
        response__submitted_on__range=(filters.date_from, filters.date_to)
    ).filter(_people_filter(filters, "response__organisation_id"))


RATED_TOPICS = ["content", "trainer", "venue", "pace"]


def _rating_table(key, title, label, totals: dict[str, dict[str, list[int]]]) -> Table:
    """`totals` maps a course or trainer to {topic: [sum of ratings, number of ratings]}. A
    response rates each topic once, so the most ratings of any topic is its responses."""
    table_rows = []
    for name, topics in sorted(totals.items(), key=lambda item: str(item[0])):
        responses = max(count for _total, count in topics.values())
        if responses < SMALLEST_GROUP:
            table_rows.append([name, SUPPRESSED, *[SUPPRESSED] * len(RATED_TOPICS)])
            continue
        averages = [
            round(topics[t][0] / topics[t][1], 2) if t in topics else None for t in RATED_TOPICS
        ]
        table_rows.append([name, responses, *averages])
    return Table(
        key,
        title,
        [label, _("Responses"), _("Content"), _("Trainer"), _("Venue"), _("Pace")],
        table_rows,
        chart="bar",
        chart_column=2,
        note=_("Average rating from 1 (poor) to 5 (very good)."),
    )


def _ratings_by(filters: Filters, group: str):
    return (
        _answers(filters)
        .exclude(rating=None)
        .exclude(**{f"{group}__isnull": True})
        .values(group, "topic")
        .annotate(total=Sum("rating"), count=Count("pk"))
        .order_by()
    )


def _add(totals: dict, name: str, topic: str, total: int, count: int) -> None:
    entry = totals.setdefault(name, {}).setdefault(topic, [0, 0])
    entry[0] += total
    entry[1] += count


def feedback_per_course(filters: Filters) -> Table:
    totals: dict = {}
    for row in _ratings_by(filters, "response__course__title"):
        _add(totals, row["response__course__title"], row["topic"], row["total"], row["count"])
    return _rating_table("feedback_per_course", _("Feedback per course"), _("Course"), totals)


def feedback_per_trainer(filters: Filters) -> Table:
    """Ratings summed per session (one grouped query), then shared out to each session's
    trainers (one narrow query): no join of every answer with every trainer."""
    per_session = list(_ratings_by(filters, "response__session_id"))
    trainers: dict[int, list[str]] = {}
    for session_id, name in Session.trainers.through.objects.filter(
        session_id__in={row["response__session_id"] for row in per_session}
    ).values_list("session_id", "user__full_name"):
        trainers.setdefault(session_id, []).append(name)
    totals: dict = {}
    for row in per_session:
        for name in trainers.get(row["response__session_id"], []):
            _add(totals, name, row["topic"], row["total"], row["count"])
    return _rating_table("feedback_per_trainer", _("Feedback per trainer"), _("Trainer"), totals)


def _confidence_figures(participations, group: str | None):
    aggregates = {
        "n_before": Count("pk", filter=Q(confidence_before__isnull=False)),
        "before": Avg("confidence_before"),
        "n_after": Count("pk", filter=Q(confidence_after__isnull=False)),
        "after": Avg("confidence_after"),
        "n_follow_up": Count("pk", filter=Q(confidence_follow_up__isnull=False)),
        "follow_up": Avg("confidence_follow_up"),
        "n_paired": Count(
            "pk", filter=Q(confidence_before__isnull=False, confidence_after__isnull=False)
        ),
        "shift": Avg(
            F("confidence_after") - F("confidence_before"),
            filter=Q(confidence_before__isnull=False, confidence_after__isnull=False),
        ),
        "n_paired_follow_up": Count(
            "pk", filter=Q(confidence_before__isnull=False, confidence_follow_up__isnull=False)
        ),
        "shift_follow_up": Avg(
            F("confidence_follow_up") - F("confidence_before"),
            filter=Q(confidence_before__isnull=False, confidence_follow_up__isnull=False),
        ),
    }
    if group is None:
        return [{"name": _("Everyone"), **participations.aggregate(**aggregates)}]
    return [
        {"name": row[group], **row}
        for row in participations.values(group).annotate(**aggregates).order_by(group)
    ]


def _mean(value, n) -> float | Suppressed | None:
    if n < SMALLEST_GROUP:
        return SUPPRESSED if n else None
    return round(float(value), 2)


def confidence(
    filters: Filters,
    *,
    group: str | None = None,
    key="confidence",
    title=None,
    label=None,
    names: Callable[[list], dict] | None = None,
) -> Table:
    """`names`, given the group values, returns what to call each (one query at most)."""
    participations = Participation.objects.filter(
        completed_at__range=(filters.start, filters.end)
    ).filter(_people_filter(filters, "organisation_id"))
    figures_by_group = _confidence_figures(participations, group)
    named = names([f["name"] for f in figures_by_group]) if names else {}
    rows = []
    for figures in figures_by_group:
        rows.append(
            [
                named.get(figures["name"], figures["name"]) or _("Not recorded"),
                suppress(figures["n_before"]),
                _mean(figures["before"], figures["n_before"]),
                suppress(figures["n_after"]),
                _mean(figures["after"], figures["n_after"]),
                suppress(figures["n_follow_up"]),
                _mean(figures["follow_up"], figures["n_follow_up"]),
                suppress(figures["n_paired"]),
                _mean(figures["shift"], figures["n_paired"]),
                suppress(figures["n_paired_follow_up"]),
                _mean(figures["shift_follow_up"], figures["n_paired_follow_up"]),
            ]
        )
    return Table(
        key,
        title or _("Confidence before, after and three months on"),
        [
            label or _("Who"),
            _("n before"),
            _("Before"),
            _("n after"),
            _("After"),
            _("n three months"),
            _("Three months"),
            _("n paired before and after"),
            _("Mean shift after"),
            _("n paired before and three months"),
            _("Mean shift at three months"),
        ],
        rows,
        chart="bar",
        chart_column=8,
        note=_(
            "Scale 0 to 10. A shift is the mean of each person's own change, counting only "
            "people who answered both times."
        ),
    )


def confidence_per_course(filters: Filters) -> Table:
    return confidence(
        filters,
        group="course__title",
        key="confidence_per_course",
        title=_("Confidence per course"),
        label=_("Course"),
    )


def confidence_per_organisation(filters: Filters) -> Table:
    return confidence(
        filters,
        group="organisation__name",
        key="confidence_per_organisation",
        title=_("Confidence per organisation"),
        label=_("Organisation"),
    )


def _cohort_names(session_ids: list) -> dict:
    sessions = Session.objects.filter(pk__in=[pk for pk in session_ids if pk])
    first_dates = dict(
        SessionDay.objects.filter(session__in=sessions)
        .values("session_id")
        .annotate(first=Min("date"))
        .values_list("session_id", "first")
    )
    return {
        pk: f"{title}, {date_format(first_dates[pk], 'j M Y')}" if pk in first_dates else title
        for pk, title in sessions.values_list("pk", "course__title")
    }


def confidence_per_cohort(filters: Filters) -> Table:
    """Per session (the cohort who trained together); e-learning has no cohort."""
    return confidence(
        filters,
        group="session_id",
        key="confidence_per_cohort",
        title=_("Confidence per cohort"),
        label=_("Session"),
        names=_cohort_names,
    )


def confidence_per_role(filters: Filters) -> Table:
    """Council staff or partner: the only role every person has recorded."""
    return confidence(
        filters,
        group="person__is_council_staff",
        key="confidence_per_role",
        title=_("Confidence of council staff and partners"),
        label=_("Role"),
        names=lambda _values: {True: _("Council staff"), False: _("Partners")},
    )


def free_text(filters: Filters) -> list[dict]:
    """The newest written answers, for reading (never exported with names)."""
    return list(
        _answers(filters)
        .exclude(text="")
        .values(
            "question_text",
            "text",
            "response__course__title",
            "response__module__title",
            "response__submitted_on",
        )
        .order_by("question_text", "-response__submitted_on", "-pk")[:FREE_TEXT_SHOWN]
    )


# Practice indicators ----------------------------------------------------------------------


@dataclass
class IndicatorSeries:
    field: str
    label: str
    points: list[tuple[dt.date, float]]

    @property
    def rows(self) -> list[list]:
        return [[date_format(month, "F Y"), value] for month, value in self.points]


def indicators(filters: Filters) -> tuple[list[IndicatorSeries], list[Milestone], Table]:
    """Each indicator as a monthly series (one query), the milestones in the period (one) and
    the whole as a table."""
    months = list(
        IndicatorMonth.objects.filter(
            month__range=(filters.date_from.replace(day=1), filters.date_to)
        ).order_by("month")
    )
    milestones = list(Milestone.objects.filter(date__range=(filters.date_from, filters.date_to)))
    labels = {
        name: str(IndicatorMonth._meta.get_field(name).verbose_name) for name in INDICATOR_FIELDS
    }
    series = [
        IndicatorSeries(
            name,
            labels[name],
            [(m.month, float(getattr(m, name))) for m in months if getattr(m, name) is not None],
        )
        for name in INDICATOR_FIELDS
    ]
    table = Table(
        "practice_indicators",
        _("Practice indicators"),
        [_("Month"), *(labels[name].capitalize() for name in INDICATOR_FIELDS)],
        [
            [
                m.month.strftime("%Y-%m"),
                *(
                    float(v) if (v := getattr(m, name)) is not None else None
                    for name in INDICATOR_FIELDS
                ),
            ]
            for m in months
        ],
    )
    return [s for s in series if s.points], milestones, table


@dataclass
class Scorecard:
    filters: Filters
    reach: list[Table]
    delivery: list[Table]
    quality: list[Table]
    free_text: list[dict]
    indicator_series: list[IndicatorSeries]
    milestones: list[Milestone]
    indicator_table: Table

    def tables(self) -> list[Table]:
        return [*self.reach, *self.delivery, *self.quality, self.indicator_table]


def build(filters: Filters, *, with_free_text: bool = True) -> Scorecard:
    series, milestones, indicator_table = indicators(filters)
    return Scorecard(
        filters=filters,
        reach=[
            trained_per_course(filters),
            trained_per_organisation_kind(filters),
            trained_per_organisation(filters),
            trained_per_month(filters),
            elearning_completions(filters),
            practice_leads(filters),
        ],
        delivery=[
            fill_rate_per_course(filters),
            fill_rate_per_session(filters),
            waiting_list_demand(filters),
            interest_without_dates(filters),
            attendance_rates(filters),
        ],
        quality=[
            feedback_per_course(filters),
            feedback_per_trainer(filters),
            confidence(filters),
            confidence_per_course(filters),
            confidence_per_cohort(filters),
            confidence_per_organisation(filters),
            confidence_per_role(filters),
        ],
        free_text=free_text(filters) if with_free_text else [],
        indicator_series=series,
        milestones=milestones,
        indicator_table=indicator_table,
    )
