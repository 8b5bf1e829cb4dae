"""The audit trail's action types: each booking state change is a Wagtail log entry whose data
holds `from`, `to` and `reason`, shown in the admin's history of the booking."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter, get_active_log_context, log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from .models import Attendance, Booking

BOOKING_ACTIONS = {
    "requested": _("Booking requested (awaiting approval)"),
    "confirmed": _("Booking confirmed"),
    "waitlisted": _("Booking put on the waiting list"),
    "promoted": _("Promoted from the waiting list"),
    "cancelled": _("Booking cancelled"),
    "declined": _("Booking declined by line manager"),
    "added": _("Added by an administrator"),
    "moved": _("Moved to another session"),
    "handed_over": _("Place handed to a colleague"),
    "walk_in": _("Added as a walk-in (outside the capacity)"),
    "address_added": _("Email address added to a walk-in recorded on paper"),
    "joined_to_account": _("Walk-in recorded on paper joined to their existing account"),
}
SESSION_ACTIONS = {
    "cancelled": _("Session cancelled"),
    "capacity_changed": _("Session capacity changed"),
    "completed": _("Session completed"),
    "reopened": _("Session reopened"),
    "messaged": _("Message sent to the cohort"),
}
CHARGE_ACTIONS = {
    "raised": _("Charge raised"),
    "waived": _("Charge waived"),
    "invoiced": _("Charge marked invoiced"),
    "credited": _("Charge credited"),
}
ATTENDANCE_ACTIONS = {
    "marked": _("Attendance marked"),
    "corrected": _("Attendance corrected after completion"),
    "checked_in": _("Checked in with the day's code"),
}


def status_label(value: str | None) -> str:
    if not value:
        return gettext("none")
    try:
        return Booking.Status(value).label
    except ValueError:
        return value


class BookingChangeFormatter(LogFormatter):
    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        message = f"{self.label}: {status_label(data.get('from'))} → {status_label(data.get('to'))}"
        if data.get("reason"):
            message += gettext(". Reason: %(reason)s") % {"reason": data["reason"]}
        return message


class SessionChangeFormatter(LogFormatter):
    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        if "completed" in data:
            return gettext(
                "%(action)s: %(completed)s completed, %(not_completed)s did not complete, "
                "%(no_shows)s did not attend"
            ) % {"action": self.label, **data}
        if "subject" in data:
            return ngettext(
                "%(action)s: ‘%(subject)s’ to %(recipients)s person",
                "%(action)s: ‘%(subject)s’ to %(recipients)s people",
                data["recipients"],
            ) % {"action": self.label, **data}
        if "from" in data:
            return f"{self.label}: {data['from']} → {data['to']}"
        if data.get("reason"):
            return gettext("%(action)s. Reason: %(reason)s") % {
                "action": self.label,
                "reason": data["reason"],
            }
        return str(self.label)


def _label(choices, value: str | None) -> str:
    if not value:
        return gettext("not marked")
    try:
        return choices(value).label
    except ValueError:
        return value


class AttendanceFormatter(LogFormatter):
    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        return gettext("%(action)s for %(day)s: %(from)s → %(to)s") % {
            "action": self.label,
            "day": data.get("day"),
            "from": _label(Attendance.Status, data.get("from")),
            "to": _label(Attendance.Status, data.get("to")),
        }


class OutcomeFormatter(LogFormatter):
    label = _("Outcome recorded")

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        message = f"{self.label}: {_label(Booking.Outcome, data.get('to'))}"
        if data.get("days_missed"):
            message += ngettext(
                " (%(count)s day missed)", " (%(count)s days missed)", data["days_missed"]
            ) % {"count": data["days_missed"]}
        return message


def register(actions) -> None:
    for action, label in BOOKING_ACTIONS.items():
        formatter = type("Formatter", (BookingChangeFormatter,), {"label": label})
        actions.register_action(f"bookings.booking.{action}")(formatter)
    for action, label in SESSION_ACTIONS.items():
        formatter = type("Formatter", (SessionChangeFormatter,), {"label": label})
        actions.register_action(f"bookings.session.{action}")(formatter)
    for action, label in ATTENDANCE_ACTIONS.items():
        formatter = type("Formatter", (AttendanceFormatter,), {"label": label})
        actions.register_action(f"bookings.attendance.{action}")(formatter)
    actions.register_action("bookings.booking.outcome")(OutcomeFormatter)
    actions.register_action(
        "bookings.interest.registered",
        _("Interest registered"),
        _("Registered interest in a course"),
    )
    for action, label in CHARGE_ACTIONS.items():
        actions.register_action(f"bookings.charge.{action}", label, label)


def log_booking_change(
    booking: Booking,
    action: str,
    *,
    by,
    from_status: str | None,
    reason: str = "",
    **data,
) -> None:
    """One audit entry for a booking's state change, with from, to and why.

    Written as Wagtail's log() writes it, but without the full_clean() its log entries run on
    save: that checks, with a query each, that the content type and the user exist, which
    they do (we hold both), and booking is the busiest write path. The action is checked
    against Wagtail's registry as full_clean would."""
    action = f"bookings.booking.{action}"
    if not log_registry.action_exists(action):
        raise ValueError(f"The log action {action!r} has not been registered.")
    context = get_active_log_context()
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=ContentType.objects.get_for_model(Booking),
                object_id=str(booking.pk),
                label=str(booking),
                action=action,
                timestamp=timezone.now(),
                data={"from": from_status, "to": booking.status, "reason": reason, **data},
                user=by if by is not None and by.is_authenticated else context.user,
                uuid=context.uuid,
            )
        ]
    )


def log_attendance_change(attendance: Attendance, *, previous: str | None, by, action: str) -> None:
    """One audit entry, on the booking, for a change to one day's attendance."""
    log(
        attendance.booking,
        f"bookings.attendance.{action}",
        user=by if by is not None and by.is_authenticated else None,
        data={
            "day": attendance.day.date.isoformat(),
            "from": previous,
            "to": attendance.status,
        },
    )
