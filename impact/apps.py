from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Impact")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from bookings.signals import session_completed_for
        from elearning.signals import module_completed
        from home import site_cache

        from . import receivers
        from .models import FeedbackForm, FeedbackResponse, Participation

        site_cache.watch_records(FeedbackForm)
        site_cache.watch_records(Participation, FeedbackResponse, person="person_id")

        session_completed_for.connect(
            receivers.ask_attendee_for_feedback, dispatch_uid="impact_session_completed_for"
        )
        module_completed.connect(
            receivers.ask_learner_for_feedback, dispatch_uid="impact_module_completed"
        )
