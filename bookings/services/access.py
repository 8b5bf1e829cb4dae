"""Refuse, with NotAllowed, a person the permissions in bookings.permissions do not allow."""

from accounts.models import User

from ..models import Session
from ..permissions import user_can_administer_training, user_can_manage_session
from .errors import NotAllowed


def require_administrator(by: User) -> None:
    if not user_can_administer_training(by):
        raise NotAllowed()


def require_session_manager(by: User, session: Session) -> None:
    """Training administrators, or a trainer of this session."""
    if not user_can_manage_session(by, session):
        raise NotAllowed()
