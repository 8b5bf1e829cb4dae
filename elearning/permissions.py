"""Who may take which module and open which lesson."""

from accounts.permissions import user_is_training_admin

from .models import Audience, ModulePage


def user_can_view_module(user, module: ModulePage) -> bool:
    """Everyone may read modules for everyone; the others need the right kind of account."""
    if module.audience == Audience.EVERYONE:
        return True
    if not user.is_authenticated:
        return False
    if user_is_training_admin(user):
        return True
    if module.audience == Audience.STAFF:
        return user.is_council_staff
    return not user.is_council_staff


def user_can_track_progress(user, module: ModulePage) -> bool:
    return user.is_authenticated and user_can_view_module(user, module)


def audiences_for(user) -> list[str]:
    """The audiences whose modules the user may see, for filtering lists in one query."""
    if not user.is_authenticated:
        return [Audience.EVERYONE]
    if user_is_training_admin(user):
        return list(Audience.values)
    return [Audience.EVERYONE, Audience.STAFF if user.is_council_staff else Audience.PARTNERS]


def user_can_view_elearning_reports(user) -> bool:
    return user_is_training_admin(user) or user.has_perm("elearning.view_enrolment")
