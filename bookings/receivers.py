"""Tell the site cache when places left, or anything else the public lists of sessions show,
may have changed (home.site_cache.PLACES): signed-out visitors' cached lists of training dates
and course pages then stop being served."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from home import site_cache

from .models import (
    Attendance,
    Booking,
    Charge,
    CohortMessage,
    CourseInterest,
    Session,
    SessionDay,
    SessionReservation,
    Venue,
)


def places_changed(sender, **kwargs) -> None:
    site_cache.places_changed()


def connect() -> None:
    """Places left for the public lists; the rest of what people's own pages show (home's next
    steps, say) for home.site_cache.RECORDS."""
    site_cache.watch_records(Attendance, CohortMessage, CourseInterest, Charge)
    for sender in (Booking, Session, SessionDay, SessionReservation, Venue):
        for signal in (post_save, post_delete):
            signal.connect(places_changed, sender=sender, dispatch_uid="bookings.places_changed")
    for through in (Session.trainers.through, Session.reserved_for_organisations.through):
        m2m_changed.connect(places_changed, sender=through, dispatch_uid="bookings.places_changed")
