"""Programme fragments used outside the programmes app's own pages (a person's next step on
the home page, the administrators' link to everyone's progress), and the tag colours of
requirement, period and enrolment statuses."""

from django import template

from .. import selectors
from ..models import ProgrammeEnrolment
from ..permissions import user_can_administer_programmes
from ..progress import PeriodStatus, RequirementStatus, Standing
from ..views import programme_cards

register = template.Library()

REQUIREMENT_TAGS = {
    RequirementStatus.NOT_STARTED: "govuk-tag--blue",
    RequirementStatus.IN_PROGRESS: "govuk-tag--light-blue",
    RequirementStatus.OVERDUE: "govuk-tag--red",
    RequirementStatus.EXEMPTED: "govuk-tag--grey",
    RequirementStatus.COMPLETED: "govuk-tag--green",
}
PERIOD_TAGS = {
    PeriodStatus.ATTENDED: "govuk-tag--green",
    PeriodStatus.MISSED: "govuk-tag--red",
    PeriodStatus.UPCOMING: "govuk-tag--grey",
}
STANDING_TAGS = {
    Standing.ON_TRACK: "govuk-tag--green",
    Standing.AT_RISK: "govuk-tag--yellow",
    Standing.OVERDUE: "govuk-tag--red",
    Standing.PAUSED: "govuk-tag--grey",
    Standing.COMPLETED: "govuk-tag--blue",
    Standing.WITHDRAWN: "govuk-tag--grey",
}


@register.filter
def requirement_tag(status: str) -> str:
    return REQUIREMENT_TAGS.get(status, "")


@register.filter
def period_tag(status: str) -> str:
    return PERIOD_TAGS.get(status, "")


@register.filter
def standing_tag(standing: str) -> str:
    return STANDING_TAGS.get(standing, "")


@register.inclusion_tag("programmes/includes/next_step.html", takes_context=True)
def programme_next_step(context) -> dict:
    """For someone signed in on an active programme (a Practice Lead, say): the first
    requirement still to meet on each, and what to do about it."""
    user = context["request"].user
    if not user.is_authenticated:
        return {"steps": []}
    # The next step names the programme and its coordinator, never the person (who is the
    # reader) or their organisation: joining those for every signed-in page view cost more
    # than the query's answer, which for most people is nothing.
    active = list(
        selectors.live_enrolments_of(user)
        .filter(status=ProgrammeEnrolment.Status.ACTIVE)
        .select_related(None)
        .select_related("programme__coordinator", "coordinator")
    )
    steps = []
    for card in programme_cards(user, active) if active else []:
        task = next((task for task in card.tasks if not task.progress.is_met), None)
        if task is not None:
            steps.append({"enrolment": card.enrolment, "task": task})
    return {"steps": steps}


@register.inclusion_tag("programmes/includes/track_programmes.html", takes_context=True)
def track_programmes(context) -> dict:
    """For training administrators: where to follow every Practice Lead's progress (no query:
    the person's roles are read once per request)."""
    return {"shown": user_can_administer_programmes(context["request"].user)}
