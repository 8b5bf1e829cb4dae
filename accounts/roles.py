"""The roles people hold, as Django groups created by accounts/migrations/0002_roles.py (and
0004_organisation_contact_role.py for the organisation contact)."""

LEARNER = "Learner"
PARTNER = "Partner"
TRAINER = "Trainer"
PRACTICE_LEAD = "Practice Lead"
TRAINING_ADMINISTRATOR = "Training administrator"
ORGANISATION_CONTACT = "Organisation contact"

ALL_ROLES = [LEARNER, PARTNER, TRAINER, PRACTICE_LEAD, TRAINING_ADMINISTRATOR, ORGANISATION_CONTACT]
