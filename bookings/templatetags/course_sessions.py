from dataclasses import dataclass

from django import template

from bookings import selectors
from bookings.models import CourseInterest, Session
from courses.models import CoursePage
from home.page_cache import shows_places

register = template.Library()


@dataclass(frozen=True)
class CourseDates:
    sessions: list[Session]
    has_places: bool
    interest: CourseInterest | None


@register.simple_tag(takes_context=True)
def course_dates(context, course: CoursePage) -> CourseDates:
    """A course's upcoming sessions (with places left), whether any can be booked now, and
    the visitor's registered interest: a fixed number of queries however many sessions."""
    sessions = list(selectors.upcoming_sessions_of_course(course))
    request = context.get("request")
    if request is not None:
        shows_places(request)
    user = getattr(request, "user", None)
    return CourseDates(
        sessions=sessions,
        has_places=any(s.places_left > 0 and s.is_open_for_booking() for s in sessions),
        interest=selectors.open_interest(user=user, course=course) if user else None,
    )
