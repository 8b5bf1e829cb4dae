"""Who may take which module and open which lesson."""

from accounts.audiences import MODULE_AUDIENCES, audiences_of
from accounts.permissions import user_is_training_admin

from .models import ModulePage


def user_can_view_module(user, module: ModulePage) -> bool:
    """Everyone may read modules for everyone; the others need the right kind of account."""
    return module.audience in audiences_for(user)


def user_can_track_progress(user, module: ModulePage) -> bool:
    return user.is_authenticated and user_can_view_module(user, module)


def audiences_for(user) -> list[str]:
    """The audiences whose modules the user may see, for filtering lists in one query.
    Training administrators see every module."""
    if user_is_training_admin(user):
        return [audience.value for audience in MODULE_AUDIENCES]
    return [audience for audience in audiences_of(user) if audience in MODULE_AUDIENCES]


def user_can_view_elearning_reports(user) -> bool:
    return user_is_training_admin(user) or user.has_perm("elearning.view_enrolment")
