"""Who may do what with certificates."""

from accounts.permissions import user_is_training_admin
from bookings.permissions import user_can_manage_session


def user_can_manage_certificates(user) -> bool:
    """List, issue by hand, revoke and re-issue anyone's certificates."""
    return user_is_training_admin(user)


def user_can_download_certificate(user, certificate) -> bool:
    """Learners download their own certificates; revoked ones are no longer offered."""
    return (
        user.is_authenticated
        and certificate.recipient_id == user.pk
        and certificate.revoked_at is None
    )


def user_can_download_session_certificates(user, session) -> bool:
    """The cohort's ZIP: training administrators, and the trainers of that session."""
    return user_can_manage_session(user, session)
