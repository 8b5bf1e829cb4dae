"""Interest in a course with no place to book, and telling those people about new dates."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from accounts.models import User
from courses.models import CoursePage

from .. import notifications, selectors
from ..models import CourseInterest, Session
from .errors import InterestNotNeeded


@transaction.atomic
def register_interest(*, user: User, course: CoursePage) -> CourseInterest:
    """Remember that someone wants a session of a course that has none with places."""
    open_sessions = [
        s for s in selectors.upcoming_sessions_of_course(course) if s.is_open_for_booking()
    ]
    if any(s.places_left > 0 for s in open_sessions):
        raise InterestNotNeeded()
    existing = selectors.open_interest(user=user, course=course)
    if existing is not None:
        return existing
    interest = CourseInterest(course=course, user=user, organisation_id=user.organisation_id)
    interest.full_clean()
    try:
        with transaction.atomic():
            interest.save()
    except IntegrityError:
        return selectors.open_interest(user=user, course=course)
    log(interest, "bookings.interest.registered", user=user)
    return interest


def notify_interested_people(*, session: Session, now: dt.datetime | None = None) -> int:
    """Once a session is open for booking, email everyone who registered interest in its
    course, once. Returns how many were emailed."""
    now = now or timezone.now()
    session = Session.objects.select_related("course", "venue").get(pk=session.pk)
    if session.interest_notified_at or not session.is_open_for_booking(now):
        return 0
    claimed = Session.objects.filter(pk=session.pk, interest_notified_at__isnull=True).update(
        interest_notified_at=now
    )
    if not claimed:
        return 0
    interests = CourseInterest.objects.filter(
        course__translation_key=session.course.translation_key, notified_at__isnull=True
    ).select_related("user")
    sent = 0
    for interest in interests:
        notifications.session_open_for_interest(interest, session)
        interest.notified_at = now
        interest.save(update_fields=["notified_at"])
        sent += 1
    return sent


def open_sessions_awaiting_interest_email() -> int:
    """Email interest for sessions whose booking window has opened since they were created."""
    now = timezone.now()
    sent = 0
    candidates = Session.objects.filter(
        status=Session.Status.SCHEDULED,
        interest_notified_at__isnull=True,
        booking_opens_at__lte=now,
    )
    for session in candidates:
        sent += notify_interested_people(session=session, now=now)
    return sent
