"""The audit trail's action types: each booking state change is a Wagtail log entry whose data
holds `from`, `to` and `reason`, shown in the admin's history of the booking."""

from wagtail.log_actions import LogFormatter, log

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
}
SESSION_ACTIONS = {
    "cancelled": "Session cancelled",
    "capacity_changed": "Session capacity changed",
    "completed": "Session completed",
    "reopened": "Session reopened",
    "messaged": "Message sent to the cohort",
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


def log_booking_change(
    booking: Booking,
    action: str,
    *,
    by,
    from_status: str | None,
    reason: str = "",
    **data,
) -> None:
    """One audit entry for a booking's state change, with from, to and why."""
    log(
        booking,
        f"bookings.booking.{action}",
        user=by if by is not None and by.is_authenticated else None,
        data={"from": from_status, "to": booking.status, "reason": reason, **data},
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
