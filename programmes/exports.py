"""The programme dashboard as a spreadsheet: one row per enrolment, one column per
requirement (headed with the programme's name when several programmes are exported)."""

from collections.abc import Sequence

from django.utils.translation import gettext as _

from .explanations import status_label
from .progress import EnrolmentProgress


def headings(rows: Sequence[EnrolmentProgress]) -> dict[str, str]:
    """Column keys and headings, in order: the person, the enrolment, then each requirement
    of the programmes in `rows`."""
    columns = {
        "name": _("Name"),
        "email": _("Email"),
        "organisation": _("Organisation"),
        "programme": _("Programme"),
        "intake": _("Intake"),
        "start_date": _("Start date"),
        "due_date": _("Due date"),
        "status": _("Status"),
        "standing": _("Standing"),
        "met": _("Requirements met"),
    }
    programmes = {row.enrolment.programme_id for row in rows}
    for row in rows:
        for item in row.requirements:
            requirement = item.requirement
            name = requirement.name
            if len(programmes) > 1:
                name = f"{row.enrolment.programme.name}: {name}"
            columns.setdefault(f"requirement_{requirement.pk}", name)
    return columns


def row_of(progress: EnrolmentProgress) -> dict:
    enrolment = progress.enrolment
    person = enrolment.person
    row = {
        "name": person.full_name,
        "email": person.email,
        "organisation": person.organisation.name if person.organisation else "",
        "programme": enrolment.programme.name,
        "intake": enrolment.intake,
        "start_date": enrolment.start_date,
        "due_date": enrolment.due_date,
        "status": enrolment.get_status_display(),
        "standing": progress.get_standing_display(),
        "met": _("%(met)s of %(total)s")
        % {"met": progress.met_count, "total": len(progress.requirements)},
    }
    for item in progress.requirements:
        row[f"requirement_{item.requirement.pk}"] = status_label(item)
    return row
