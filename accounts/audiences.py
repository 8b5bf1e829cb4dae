"""Who a course, session or module is for, and who belongs to each audience: the one place
that says who is council staff and who is a partner for the purpose of access.

Staff status is `User.is_council_staff`, set from the person's verified email domain (see
accounts.receivers); partners are everyone else with an account.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .permissions import user_is_practice_lead


class Audience(models.TextChoices):
    EVERYONE = "everyone", _("Everyone")
    STAFF = "staff", _("Council staff only")
    PARTNERS = "partners", _("Partner agencies only")
    PRACTICE_LEADS = "practice_leads", _("Practice Leads only")
    INVITED = "invited", _("By invitation only")


# E-learning modules are open to everyone, or to staff or partners only.
MODULE_AUDIENCES = (Audience.EVERYONE, Audience.STAFF, Audience.PARTNERS)


def choices_of(audiences) -> list[tuple[str, str]]:
    return [(audience.value, audience.label) for audience in audiences]


def is_council_staff(user) -> bool:
    return user.is_authenticated and user.is_council_staff


def is_partner(user) -> bool:
    return user.is_authenticated and not user.is_council_staff


def is_in_audience(user, audience: str) -> bool:
    """Invitation-only belongs to nobody: the training team adds people to those sessions."""
    if audience == Audience.EVERYONE:
        return True
    if audience == Audience.STAFF:
        return is_council_staff(user)
    if audience == Audience.PARTNERS:
        return is_partner(user)
    if audience == Audience.PRACTICE_LEADS:
        return user.is_authenticated and user_is_practice_lead(user)
    return False


def audiences_of(user) -> frozenset[str]:
    """Every audience the person belongs to."""
    return frozenset(audience for audience in Audience if is_in_audience(user, audience))


REFUSALS = {
    Audience.STAFF: _("This session is for council staff only."),
    Audience.PARTNERS: _("This session is for partner agencies only."),
    Audience.PRACTICE_LEADS: _("This session is for Practice Leads only."),
    Audience.INVITED: _(
        "Places on this session are by invitation: the training team adds people directly."
    ),
}


def refusal_for(user, audience: str) -> str:
    """Why the person is not in the audience, or "" if they are."""
    return "" if is_in_audience(user, audience) else str(REFUSALS[audience])
