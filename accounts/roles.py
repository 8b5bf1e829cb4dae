"""The roles people hold, as Django groups created by accounts/migrations/0002_roles.py (and
0004_organisation_contact_role.py for the organisation contact).

A role's group name is stored in English, as the code looks groups up by it; `role_label`
gives the name in the active language wherever it is shown."""

from django.utils.translation import gettext, gettext_noop

LEARNER = gettext_noop("Learner")
PARTNER = gettext_noop("Partner")
TRAINER = gettext_noop("Trainer")
PRACTICE_LEAD = gettext_noop("Practice Lead")
TRAINING_ADMINISTRATOR = gettext_noop("Training administrator")
ORGANISATION_CONTACT = gettext_noop("Organisation contact")

ALL_ROLES = [LEARNER, PARTNER, TRAINER, PRACTICE_LEAD, TRAINING_ADMINISTRATOR, ORGANISATION_CONTACT]


def role_label(group_name: str) -> str:
    """A group's name as shown: a role's in the active language, any other group's as named."""
    return gettext(group_name) if group_name in ALL_ROLES else group_name
