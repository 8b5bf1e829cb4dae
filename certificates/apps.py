from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from bookings.signals import attendee_address_added, session_completed_for
        from elearning.signals import module_completed
        from programmes.signals import programme_completed

        from . import receivers

        module_completed.connect(
            receivers.issue_for_completed_module, dispatch_uid="certificates_module_completed"
        )
        session_completed_for.connect(
            receivers.issue_for_completed_session,
            dispatch_uid="certificates_session_completed_for",
        )
        attendee_address_added.connect(
            receivers.issue_for_completed_session,
            dispatch_uid="certificates_attendee_address_added",
        )
        programme_completed.connect(
            receivers.issue_for_completed_programme,
            dispatch_uid="certificates_programme_completed",
        )
