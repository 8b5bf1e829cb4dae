from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from bookings.signals import eligibility_requested, session_completed, session_completed_for
        from elearning.signals import module_completed
        from home import site_cache

        from . import models, receivers

        site_cache.watch_records(
            models.Programme,
            models.Requirement,
            models.Exemption,
            models.RequirementAlert,
            models.CoordinatorSummary,
        )
        site_cache.watch_records(models.ProgrammeEnrolment, person="person_id")

        session_completed_for.connect(
            receivers.review_attendee, dispatch_uid="programmes_session_completed_for"
        )
        session_completed.connect(
            receivers.review_session, dispatch_uid="programmes_session_completed"
        )
        module_completed.connect(
            receivers.review_learner, dispatch_uid="programmes_module_completed"
        )
        eligibility_requested.connect(
            receivers.refuse_without_enrolment, dispatch_uid="programmes_eligibility"
        )
