"""A person's next steps with sessions, for the signed-in home page: the next session they
have a place on, the bookings still waiting for something, the sessions a trainer delivers
and what needs a training administrator's attention. Each costs a fixed number of queries."""

from django import template
from django.utils import timezone

from accounts.permissions import user_is_trainer, user_is_training_admin

from .. import selectors
from ..models import Booking

register = template.Library()


@register.inclusion_tag("bookings/includes/next_booked_session.html", takes_context=True)
def next_booked_session(context) -> dict:
    """Two queries: the bookings, and their sessions' days."""
    user = context["request"].user
    bookings = list(selectors.upcoming_bookings_of(user)) if user.is_authenticated else []
    next_place = next((b for b in bookings if b.status == Booking.Status.CONFIRMED), None)
    return {
        "next_place": next_place,
        "others": [booking for booking in bookings if booking is not next_place],
    }


@register.inclusion_tag("bookings/includes/sessions_to_deliver.html", takes_context=True)
def sessions_to_deliver(context) -> dict:
    """For trainers: sessions that ended and wait to be completed, today's, and the next
    ones. One query (the person's roles are read once per request)."""
    user = context["request"].user
    if not user_is_trainer(user):
        return {"is_trainer": False}
    today = timezone.localdate()
    sessions = list(selectors.sessions_to_deliver(user))
    return {
        "is_trainer": True,
        "to_complete": [s for s in sessions if s.last_date and s.last_date < today],
        "running": [s for s in sessions if s.first_date and s.first_date <= today <= s.last_date],
        "coming_up": [s for s in sessions if s.first_date and s.first_date > today][:3],
    }


@register.inclusion_tag("bookings/includes/training_overview.html", takes_context=True)
def training_overview(context) -> dict:
    """For training administrators: what needs attention, in one query."""
    user = context["request"].user
    if not user_is_training_admin(user):
        return {"overview": None}
    return {"overview": selectors.training_overview()}
