"""Who may take which module and open which lesson."""

from accounts.audiences import MODULE_AUDIENCES, is_in_audience
from accounts.permissions import user_is_training_admin

from .models import ModulePage


def user_can_view_module(user, module: ModulePage) -> bool:
    """Everyone may read modules for everyone; the others need the right kind of account.
    Training administrators may see every module."""
    return is_in_audience(user, module.audience) or user_is_training_admin(user)


def user_can_track_progress(user, module: ModulePage) -> bool:
    return user.is_authenticated and user_can_view_module(user, module)


def audiences_for(user) -> list[str]:
    """The audiences whose modules the user may see, for filtering lists in one query.
    Training administrators see every module."""
    if user_is_training_admin(user):
        return [audience.value for audience in MODULE_AUDIENCES]
    return [audience.value for audience in MODULE_AUDIENCES if is_in_audience(user, audience)]


def user_can_view_elearning_reports(user) -> bool:
    return user_is_training_admin(user) or user.has_perm("elearning.view_enrolment")
