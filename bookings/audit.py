"""The audit trail's action types: each booking state change is a Wagtail log entry whose data
holds `from`, `to` and `reason`, shown in the admin's history of the booking."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import LogFormatter, get_active_log_context, log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from .models import Attendance, Booking

BOOKING_ACTIONS = {
    "requested": "Booking requested (awaiting approval)",
    "confirmed": "Booking confirmed",
    "waitlisted": "Booking put on the waiting list",
    "promoted": "Promoted from the waiting list",
    "cancelled": "Booking cancelled",
    "declined": "Booking declined by line manager",
    "added": "Added by an administrator",
    "moved": "Moved to another session",
    "handed_over": "Place handed to a colleague",
    "walk_in": "Added as a walk-in (outside the capacity)",
    "address_added": "Email address added to a walk-in recorded on paper",
    "joined_to_account": "Walk-in recorded on paper joined to their existing account",
}
SESSION_ACTIONS = {
    "cancelled": "Session cancelled",
    "capacity_changed": "Session capacity changed",
    "completed": "Session completed",
    "reopened": "Session reopened",
    "messaged": "Message sent to the cohort",
}
CHARGE_ACTIONS = {
    "raised": "Charge raised",
    "waived": "Charge waived",
    "invoiced": "Charge marked invoiced",
    "credited": "Charge credited",
}
ATTENDANCE_ACTIONS = {
    "marked": "Attendance marked",
    "corrected": "Attendance corrected after completion",
    "checked_in": "Checked in with the day's code",
}


def status_label(value: str | None) -> str:
    if not value:
        return "none"
    try:
        return Booking.Status(value).label
    except ValueError:
        return value


class BookingChangeFormatter(LogFormatter):
    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        message = f"{self.label}: {status_label(data.get('from'))} → {status_label(data.get('to'))}"
        if data.get("reason"):
            message += f". Reason: {data['reason']}"
        return message


class SessionChangeFormatter(LogFormatter):
    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        if "completed" in data:
            return (
                f"{self.label}: {data['completed']} completed, {data['not_completed']} did not "
                f"complete, {data['no_shows']} did not attend"
            )
        if "subject" in data:
            return f"{self.label}: ‘{data['subject']}’ to {data['recipients']} people"
        if "from" in data:
            return f"{self.label}: {data['from']} → {data['to']}"
        if data.get("reason"):
            return f"{self.label}. Reason: {data['reason']}"
        return self.label


def _label(choices, value: str | None) -> str:
    if not value:
        return "not marked"
    try:
        return choices(value).label
    except ValueError:
        return value


class AttendanceFormatter(LogFormatter):
    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        return (
            f"{self.label} for {data.get('day')}: "
            f"{_label(Attendance.Status, data.get('from'))} → "
            f"{_label(Attendance.Status, data.get('to'))}"
        )


class OutcomeFormatter(LogFormatter):
    label = "Outcome recorded"

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        message = f"{self.label}: {_label(Booking.Outcome, data.get('to'))}"
        if data.get("days_missed"):
            message += f" ({data['days_missed']} day(s) missed)"
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
        "bookings.interest.registered", "Interest registered", "Registered interest in a course"
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
