"""Who may see feedback and the scorecard."""

from accounts.permissions import user_is_trainer, user_is_training_admin, user_role_names

from . import roles

# Fewer responses than this and a summary could point at one person.
SMALLEST_SUMMARY = 5


def user_can_view_scorecard(user) -> bool:
    """Training administrators, and senior managers holding the scorecard viewer role."""
    return user_is_training_admin(user) or roles.SCORECARD_VIEWER in user_role_names(user)


def user_can_edit_indicators(user) -> bool:
    """Enter or import practice indicators and milestones: administrators only."""
    return user_is_training_admin(user)


def user_can_read_feedback_text(user) -> bool:
    """Free-text answers from every organisation: those who see the scorecard."""
    return user_can_view_scorecard(user)


def user_can_view_session_feedback(user, session) -> bool:
    """A session's feedback summary: its own trainers, and administrators."""
    if not user.is_authenticated:
        return False
    if user_is_training_admin(user):
        return True
    return user_is_trainer(user) and session.trainers.filter(pk=user.pk).exists()
