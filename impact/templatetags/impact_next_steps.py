"""The feedback part of a person's next steps on the signed-in home page: home shows it
without importing anything above itself."""

from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("impact/includes/feedback_to_give.html", takes_context=True)
def feedback_to_give_on_home(context) -> dict:
    """The before question for each upcoming place and unfinished module, and the feedback
    still to give: three queries, whatever the person's history."""
    person = context["request"].user
    if not person.is_authenticated:
        return {"before": [], "to_answer": []}
    return {
        "before": selectors.before_questions(person),
        "to_answer": selectors.feedback_to_give_on_home(person),
    }
