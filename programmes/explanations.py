"""Plain words about requirements: what each asks, and "why am I not complete?".

The same sentences are shown to the learner (My programme, the home page, emails) and to
administrators (the per-person view), so both read the same explanation.
"""

import datetime as dt
from collections.abc import Sequence

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bookings.models import Session
from home.formats import format_list

from .models import ProgrammeEnrolment, Requirement
from .progress import PeriodStatus, RequirementProgress, RequirementStatus, deadline_of, long_date

NEXT_DATES_SHOWN = 2


def _day(day: dt.date) -> str:
    return date_format(day, "j F")


def what_it_asks(requirement: Requirement, enrolment: ProgrammeEnrolment) -> str:
    """One sentence: what the requirement asks of this person, with its deadline."""
    Kind = Requirement.Kind
    deadline = long_date(deadline_of(requirement, enrolment))
    course = requirement.course_title
    n = requirement.count_required
    if requirement.kind == Kind.COMPLETE_COURSE:
        text = _("Complete ‘%(course)s’ by %(deadline)s.") % {
            "course": course,
            "deadline": deadline,
        }
    elif requirement.kind == Kind.ATTEND_SESSIONS:
        text = ngettext(
            "Attend %(n)s session of ‘%(course)s’ by %(deadline)s.",
            "Attend %(n)s sessions of ‘%(course)s’ by %(deadline)s: any session counts, so "
            "you can make up one you miss at another.",
            n,
        ) % {"n": n, "course": course, "deadline": deadline}
    elif requirement.kind == Kind.ATTEND_REGULARLY:
        text = ngettext(
            "Attend a session of ‘%(course)s’ every month until %(deadline)s.",
            "Attend a session of ‘%(course)s’ in every period of %(months)s months until "
            "%(deadline)s.",
            requirement.period_months,
        ) % {"course": course, "months": requirement.period_months, "deadline": deadline}
        if requirement.missed_periods_allowed:
            text += " " + ngettext(
                "You may miss %(n)s period.",
                "You may miss %(n)s periods.",
                requirement.missed_periods_allowed,
            ) % {"n": requirement.missed_periods_allowed}
    elif requirement.kind == Kind.COMPLETE_MODULE:
        text = _("Complete the e-learning module ‘%(module)s’ by %(deadline)s.") % {
            "module": requirement.module_title,
            "deadline": deadline,
        }
    else:
        text = ngettext(
            "Deliver or co-deliver %(n)s session of ‘%(course)s’ as a trainer by %(deadline)s.",
            "Deliver or co-deliver %(n)s sessions of ‘%(course)s’ as a trainer by %(deadline)s.",
            n,
        ) % {"n": n, "course": course, "deadline": deadline}
    if requirement.is_windowed and requirement.earlier_records_count:
        text += " " + _("If you have done this before you started, it counts.")
    return text


def would_count(progress: RequirementProgress, upcoming: Sequence[Session]) -> list[Session]:
    """The upcoming sessions that would count for this requirement (before its deadline)."""
    return [
        session
        for session in upcoming
        if session.last_date is not None and session.last_date <= progress.deadline
    ]


def _next_dates(sessions: Sequence[Session], booked: set[int], deadline: dt.date) -> str:
    mine = [session for session in sessions if session.pk in booked]
    if mine:
        return _("You have a place on %(date)s.") % {"date": _day(mine[0].first_date)}
    if not sessions:
        return _(
            "No dates are planned before %(deadline)s yet: the training team will add more."
        ) % {"deadline": long_date(deadline)}
    dates = [_day(session.first_date) for session in sessions[:NEXT_DATES_SHOWN]]
    return ngettext(
        "The next one is on %(dates)s: book a place.",
        "The next ones are on %(dates)s: book a place.",
        len(dates),
    ) % {"dates": format_list(dates)}


def _so_far(progress: RequirementProgress) -> str:
    """What counted so far, in a sentence."""
    requirement = progress.requirement
    Kind = Requirement.Kind
    course = requirement.course_title
    if requirement.kind == Kind.ATTEND_SESSIONS:
        return _("You have attended %(done)s of the %(needed)s sessions of ‘%(course)s’.") % {
            "done": progress.done,
            "needed": progress.needed,
            "course": course,
        }
    if requirement.kind == Kind.ATTEND_REGULARLY:
        text = _("You have attended a session in %(done)s of the %(total)s periods.") % {
            "done": progress.done,
            "total": len(progress.periods),
        }
        missed = [p for p in progress.periods if p.status == PeriodStatus.MISSED]
        if missed:
            spans = [
                _("%(start)s to %(end)s") % {"start": _day(p.start), "end": _day(p.end)}
                for p in missed
            ]
            text += " " + ngettext(
                "You missed %(n)s period (%(spans)s).",
                "You missed %(n)s periods (%(spans)s).",
                len(missed),
            ) % {"n": len(missed), "spans": format_list(spans)}
        return text
    if requirement.kind == Kind.DELIVER_SESSIONS:
        return _(
            "You have delivered %(done)s of the %(needed)s sessions of ‘%(course)s’ as a trainer."
        ) % {"done": progress.done, "needed": progress.needed, "course": course}
    if requirement.kind == Kind.COMPLETE_MODULE:
        return _("You have not completed the e-learning module ‘%(module)s’ yet.") % {
            "module": requirement.module_title
        }
    return _("You have not completed ‘%(course)s’ yet.") % {"course": course}


def _done(progress: RequirementProgress) -> str:
    requirement = progress.requirement
    if requirement.kind == Requirement.Kind.ATTEND_REGULARLY:
        return _(
            "Done on %(date)s: you attended a session in %(done)s of the %(total)s periods."
        ) % {
            "date": long_date(progress.met_on),
            "done": progress.done,
            "total": len(progress.periods),
        }
    return _("Done on %(date)s.") % {"date": long_date(progress.met_on)}


def _exempted(progress: RequirementProgress) -> str:
    exemption = progress.exemption
    text = _("%(kind)s recorded: %(reason)s") % {
        "kind": exemption.get_kind_display(),
        "reason": exemption.reason.strip().rstrip("."),
    }
    if exemption.evidence_note:
        text += f". {exemption.evidence_note.strip().rstrip('.')}"
    return text + "."


def explain(
    progress: RequirementProgress,
    *,
    upcoming: Sequence[Session] = (),
    booked: set[int] | frozenset[int] = frozenset(),
    coordinator_name: str = "",
) -> str:
    """Why the requirement is (or is not) complete, and what to do next, in plain words.

    `upcoming` are the course's scheduled sessions still to come; `booked` the ids of those
    the person has a place on."""
    if progress.status == RequirementStatus.EXEMPTED:
        return _exempted(progress)
    if progress.status == RequirementStatus.COMPLETED:
        return _done(progress)
    parts = [_so_far(progress)]
    if progress.status == RequirementStatus.OVERDUE:
        if progress.missed_periods > progress.requirement.missed_periods_allowed:
            parts.append(
                ngettext(
                    "No more than %(n)s period may be missed.",
                    "No more than %(n)s periods may be missed.",
                    progress.requirement.missed_periods_allowed,
                )
                % {"n": progress.requirement.missed_periods_allowed}
            )
        else:
            parts.append(_("It was due by %(date)s.") % {"date": long_date(progress.deadline)})
        parts.append(
            _("Talk to %(name)s about what happens next.") % {"name": coordinator_name}
            if coordinator_name
            else _("Talk to the training team about what happens next.")
        )
        return " ".join(parts)
    kind = progress.requirement.kind
    if kind == Requirement.Kind.DELIVER_SESSIONS:
        parts.append(_("Ask the training team to add you as a trainer on a session of it."))
    elif kind == Requirement.Kind.COMPLETE_MODULE:
        parts.append(_("Complete it by %(date)s.") % {"date": long_date(progress.deadline)})
    else:
        parts.append(_next_dates(would_count(progress, upcoming), set(booked), progress.deadline))
    return " ".join(parts)


def achievement(progress: RequirementProgress) -> str:
    """One line for the programme certificate: the requirement, in the active language, and
    how it was met."""
    name = progress.requirement.reader_name
    if progress.status == RequirementStatus.EXEMPTED:
        return _("%(name)s: %(kind)s") % {
            "name": name,
            "kind": progress.exemption.get_kind_display().lower(),
        }
    if progress.requirement.kind == Requirement.Kind.ATTEND_REGULARLY:
        return _("%(name)s: attended in %(done)s of %(total)s periods") % {
            "name": name,
            "done": progress.done,
            "total": len(progress.periods),
        }
    if progress.requirement.kind == Requirement.Kind.ATTEND_SESSIONS:
        return _("%(name)s: %(done)s attended") % {"name": name, "done": progress.done}
    if progress.requirement.kind == Requirement.Kind.DELIVER_SESSIONS:
        return _("%(name)s: %(done)s delivered") % {"name": name, "done": progress.done}
    return _("%(name)s: %(date)s") % {"name": name, "date": long_date(progress.met_on)}


def status_label(progress: RequirementProgress) -> str:
    """The compact status: 'In progress (5 of 8)', 'Completed 3 March 2026', 'Overdue'."""
    label = progress.get_status_display()
    if progress.status == RequirementStatus.COMPLETED and progress.met_on:
        return f"{label} {long_date(progress.met_on)}"
    counts = progress.counts_display
    if counts and progress.status in (RequirementStatus.IN_PROGRESS, RequirementStatus.OVERDUE):
        return f"{label} ({counts})"
    return label
