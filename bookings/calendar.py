"""Calendar invitations (.ics) for a booking: one event per session day.

Each event's UID is stable for the booking and the day's position, so an update (a higher
SEQUENCE) or a cancellation (METHOD:CANCEL) replaces the event in Outlook or Google Calendar
instead of adding a second one.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from home.emails import Attachment
from home.links import absolute_url

from .models import Booking

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


def _uid_domain() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def event_uid(booking: Booking, day_number: int) -> str:
    return f"booking-{booking.pk}-day-{day_number}@{_uid_domain()}"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def booking_calendar(booking: Booking, *, method: str = REQUEST) -> bytes:
    """The booking's session days as an iCalendar file, as of booking.calendar_sequence."""
    session = booking.session
    venue = session.venue
    session_url = absolute_url(reverse("bookings:session_detail", args=[session.pk]))
    calendar = Calendar()
    calendar.add("prodid", "-//Signs of Safety learning//Bookings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText("Signs of Safety training team")
    days = session.ordered_days
    for number, day in enumerate(days, start=1):
        event = Event()
        event.add("uid", event_uid(booking, number))
        event.add("sequence", booking.calendar_sequence)
        event.add("dtstamp", _utc(timezone.now()))
        event.add("dtstart", _utc(day.starts_at))
        event.add("dtend", _utc(day.ends_at))
        title = session.course.title
        event.add("summary", f"{title} (day {number} of {len(days)})" if len(days) > 1 else title)
        if venue.is_online:
            event.add("location", "Online")
        else:
            event.add("location", f"{venue.name}, {' '.join(venue.address.split())}")
        description = [f"Details: {session_url}"]
        if venue.is_online and booking.status == Booking.Status.CONFIRMED:
            description.append(f"Join online: {venue.joining_link}")
        event.add("description", "\n".join(description))
        event["organizer"] = organizer
        attendee = vCalAddress(f"mailto:{booking.user.email}")
        attendee.params["cn"] = vText(str(booking.user))
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        event.add("attendee", attendee, encode=0)
        event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_attachment(booking: Booking, *, method: str = REQUEST) -> Attachment:
    return Attachment(
        filename="invite.ics",
        content=booking_calendar(booking, method=method),
        mimetype="text/calendar",
    )
