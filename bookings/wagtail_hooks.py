from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import audit
from .viewsets import TrainingViewSetGroup

register_snippet(TrainingViewSetGroup)


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    audit.register(actions)
