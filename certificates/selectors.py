"""Reads of certificates across relations."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from bookings.models import Booking

from .codes import normalise_code
from .models import Certificate


def certificates_for_recipient(user) -> QuerySet[Certificate]:
    """A person's certificates, newest first, revoked ones included (they are listed as such)."""
    return Certificate.objects.filter(recipient=user).order_by("-issued_at", "-id")


def certificate_by_code(typed_code: str) -> Certificate | None:
    """The certificate with this verification code, typed in any case, with or without dashes."""
    code = normalise_code(typed_code)
    if code is None:
        return None
    return Certificate.objects.select_related("replaced_by").filter(code=code).first()


def session_certificates(session) -> QuerySet[Certificate]:
    """The active certificates issued for bookings on the session, in name order."""
    return Certificate.objects.filter(
        content_type=ContentType.objects.get_for_model(Booking),
        object_id__in=Booking.objects.filter(session=session).values("pk"),
        revoked_at__isnull=True,
    ).order_by("name", "pk")


def certificates_for_admin() -> QuerySet[Certificate]:
    return Certificate.objects.select_related("recipient").order_by("-issued_at", "-id")


def active_certificate(*, recipient, subject) -> Certificate | None:
    return Certificate.objects.filter(
        recipient=recipient,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        revoked_at__isnull=True,
    ).first()


def completed_booking(*, learner, session) -> Booking | None:
    return (
        Booking.objects.select_related("session__course")
        .filter(session=session, user=learner, completed_at__isnull=False)
        .order_by("-completed_at")
        .first()
    )
