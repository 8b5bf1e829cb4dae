"""Calendar invitations (.ics) for a booking: one event series per message.

A session of several days is one VEVENT whose first day is DTSTART/DTEND and whose other days
are RDATEs, so Outlook, Google Calendar and Apple Calendar import it whole from one iTIP
REQUEST (several VEVENTs with different UIDs in one REQUEST are imported only partly by some
clients). A day whose hours differ from the first day's is an override of that occurrence
(RECURRENCE-ID, same UID) with its own start and end. Times are in UTC, so each occurrence is
an exact instant whatever the clocks do in between.

The UID is stable for the booking, so an update (a higher SEQUENCE) or a cancellation
(METHOD:CANCEL) replaces the series instead of adding a second one.
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from icalendar import Calendar, Event, vCalAddress, vText

from accounts.languages import in_active_language
from home.emails import Attachment
from home.links import absolute_url

from .models import Booking

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PUBLISH = "PUBLISH"


def _uid_domain() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def event_uid(booking: Booking) -> str:
    return f"booking-{booking.pk}@{_uid_domain()}"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def booking_calendar(booking: Booking, *, method: str = REQUEST) -> bytes:
    """The booking's session days as an iCalendar file, as of booking.calendar_sequence,
    titled with the course page's translation in the active language."""
    title = in_active_language(booking.session.course).title
    calendar = Calendar()
    calendar.add("prodid", "-//Signs of Safety learning//Bookings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
    days = booking.session.ordered_days
    first, *others = days
    series = _event(
        booking, method=method, title=title, starts_at=first.starts_at, ends_at=first.ends_at
    )
    if others:
        series.add("rdate", [_utc(day.starts_at) for day in others])
    calendar.add_component(series)
    length = first.ends_at - first.starts_at
    for day in others:
        if day.ends_at - day.starts_at != length:
            override = _event(
                booking, method=method, title=title, starts_at=day.starts_at, ends_at=day.ends_at
            )
            override.add("recurrence-id", _utc(day.starts_at))
            calendar.add_component(override)
    return calendar.to_ical()


def _event(
    booking: Booking, *, method: str, title: str, starts_at: dt.datetime, ends_at: dt.datetime
):
    session = booking.session
    venue = session.venue.localized
    event = Event()
    event.add("uid", event_uid(booking))
    event.add("sequence", booking.calendar_sequence)
    event.add("dtstamp", _utc(timezone.now()))
    event.add("dtstart", _utc(starts_at))
    event.add("dtend", _utc(ends_at))
    days = len(session.ordered_days)
    summary = (
        ngettext("%(title)s (%(days)s day)", "%(title)s (%(days)s days)", days)
        % {"title": title, "days": days}
        if days > 1
        else title
    )
    event.add("summary", summary)
    if venue.is_online:
        event.add("location", gettext("Online"))
    else:
        event.add("location", f"{venue.name}, {' '.join(venue.address.split())}")
    session_url = absolute_url(reverse("bookings:session_detail", args=[session.pk]))
    description = [gettext("Details: %(url)s") % {"url": session_url}]
    if venue.is_online and booking.status == Booking.Status.CONFIRMED:
        description.append(gettext("Join online: %(url)s") % {"url": venue.joining_link})
    event.add("description", "\n".join(description))
    organizer = vCalAddress(f"mailto:{settings.DEFAULT_FROM_EMAIL}")
    organizer.params["cn"] = vText(gettext("Signs of Safety training team"))
    event["organizer"] = organizer
    attendee = vCalAddress(f"mailto:{booking.user.email}")
    attendee.params["cn"] = vText(str(booking.user))
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", attendee, encode=0)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    return event


def calendar_attachment(booking: Booking, *, method: str = REQUEST) -> Attachment:
    return Attachment(
        filename="invite.ics",
        content=booking_calendar(booking, method=method),
        mimetype="text/calendar",
    )
