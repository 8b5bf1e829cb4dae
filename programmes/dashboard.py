"""The programme dashboard's rows: every enrolment's progress, the counts, the filters and
the order. Enrolments are read once; the filters run over them in memory, since overdue and
at risk need each row's progress anyway."""

from dataclasses import dataclass

from . import selectors
from .models import ProgrammeEnrolment
from .progress import EnrolmentProgress, Standing

# Most urgent first: the default order.
STANDING_ORDER = [
    Standing.OVERDUE,
    Standing.AT_RISK,
    Standing.ON_TRACK,
    Standing.PAUSED,
    Standing.COMPLETED,
    Standing.WITHDRAWN,
]
SORT_KEYS = {
    "standing": lambda row: (STANDING_ORDER.index(row.standing), row.enrolment.due_date),
    "name": lambda row: row.enrolment.person.full_name.casefold(),
    "programme": lambda row: (row.enrolment.programme.name, row.enrolment.intake),
    "start": lambda row: row.enrolment.start_date,
    "due": lambda row: row.enrolment.due_date,
    "progress": lambda row: (row.percent, row.enrolment.due_date),
    "-progress": lambda row: (-row.percent, row.enrolment.due_date),
}


@dataclass
class Dashboard:
    rows: list[EnrolmentProgress]
    counts: dict[str, int]


def matches(enrolment: ProgrammeEnrolment, filters: dict) -> bool:
    """The filters about who and which programme, which the counts follow."""
    text = (filters.get("q") or "").casefold()
    person = enrolment.person
    return (
        (not text or text in person.full_name.casefold() or text in person.email.casefold())
        and filters.get("programme") in (None, enrolment.programme_id)
        and filters.get("intake") in ("", None, enrolment.intake)
        and filters.get("organisation") in (None, person.organisation_id)
    )


def counts_of(rows: list[EnrolmentProgress]) -> dict[str, int]:
    counts = dict.fromkeys(Standing.values, 0)
    for row in rows:
        counts[row.standing] += 1
    return {"enrolled": len(rows), **counts}


def wanted(row: EnrolmentProgress, filters: dict) -> bool:
    """The filters about where someone stands: the enrolment's status, and overdue or at
    risk (either, when both are ticked)."""
    if filters.get("status") and row.enrolment.status != filters["status"]:
        return False
    standings = {
        standing
        for standing, ticked in (
            (Standing.OVERDUE, filters.get("overdue")),
            (Standing.AT_RISK, filters.get("at_risk")),
        )
        if ticked
    }
    return not standings or row.standing in standings


def build(enrolments: list[ProgrammeEnrolment], filters: dict) -> Dashboard:
    """Rows for `enrolments` kept by `filters` (a DashboardFilterForm's cleaned data), in the
    order asked for; the counts cover everyone the who-and-which filters keep."""
    chosen = [enrolment for enrolment in enrolments if matches(enrolment, filters)]
    everyone = selectors.progress_of(chosen)
    rows = [row for row in everyone if wanted(row, filters)]
    rows.sort(key=SORT_KEYS[filters.get("sort") or "standing"])
    return Dashboard(rows=rows, counts=counts_of(everyone))
