"""The e-learning part of a person's next steps on the signed-in home page."""

from django import template

from ..selectors import module_to_continue

register = template.Library()


@register.inclusion_tag("elearning/includes/continue_learning.html", takes_context=True)
def continue_learning(context) -> dict:
    """The module to carry on with and where to pick it up: one query."""
    request = context["request"]
    enrolment = module_to_continue(request.user) if request.user.is_authenticated else None
    if enrolment is None:
        return {"enrolment": None}
    lesson = enrolment.last_lesson
    step = lesson if lesson is not None and lesson.live else enrolment.module
    return {
        "enrolment": enrolment,
        "lesson": step if step is lesson else None,
        "url": step.get_url(request),
    }
