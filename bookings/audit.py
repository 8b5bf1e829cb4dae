"""The audit trail's action types: each booking state change is a Wagtail log entry whose data
holds `from`, `to` and `reason`, shown in the admin's history of the booking."""

from wagtail.log_actions import LogFormatter

from .models import Booking

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
}
SESSION_ACTIONS = {
    "cancelled": "Session cancelled",
    "capacity_changed": "Session capacity changed",
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
        if "from" in data:
            return f"{self.label}: {data['from']} → {data['to']}"
        if data.get("reason"):
            return f"{self.label}. Reason: {data['reason']}"
        return self.label


def register(actions) -> None:
    for action, label in BOOKING_ACTIONS.items():
        formatter = type("Formatter", (BookingChangeFormatter,), {"label": label})
        actions.register_action(f"bookings.booking.{action}")(formatter)
    for action, label in SESSION_ACTIONS.items():
        formatter = type("Formatter", (SessionChangeFormatter,), {"label": label})
        actions.register_action(f"bookings.session.{action}")(formatter)
    actions.register_action(
        "bookings.interest.registered", "Interest registered", "Registered interest in a course"
    )
