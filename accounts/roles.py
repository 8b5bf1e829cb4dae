"""The roles people hold, as Django groups created by accounts/migrations/0002_roles.py."""

LEARNER = "Learner"
PARTNER = "Partner"
TRAINER = "Trainer"
PRACTICE_LEAD = "Practice Lead"
TRAINING_ADMINISTRATOR = "Training administrator"

ALL_ROLES = [LEARNER, PARTNER, TRAINER, PRACTICE_LEAD, TRAINING_ADMINISTRATOR]
