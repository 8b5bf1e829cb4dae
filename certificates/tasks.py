"""Background work: building a large cohort's certificates ZIP."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django_tasks import task

from accounts.languages import language_of
from bookings.models import Session
from home.emails import send_templated_email
from home.links import absolute_url

from . import selectors, services


@task()
def build_session_certificates_zip(*, session_id: int, requester_id: int) -> None:
    """Render every certificate of the session into one ZIP, store it, and email the person
    who asked a link to it (the link checks they may still download it)."""
    session = Session.objects.select_related("course").get(pk=session_id)
    requester = get_user_model().objects.get(pk=requester_id)
    certificates = list(selectors.session_certificates(session))
    token = services.store_session_zip(
        session=session, content=services.session_certificates_zip(certificates)
    )
    with language_of(requester):
        send_templated_email(
            to=requester.email,
            template="certificates/emails/session_certificates_ready",
            context={
                "requester": requester,
                "session": session,
                "count": len(certificates),
                "download_url": absolute_url(
                    reverse("certificates_session_zip_file", args=[session.pk, token])
                ),
            },
        )
