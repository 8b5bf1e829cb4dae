"""The kinds of course on offer, for the course pages and every filter of them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourseType(models.TextChoices):
    HALF_DAY_BRIEFING = "briefing", _("Half-day briefing")
    TWO_DAY = "two_day", _("Two-day training")
    FIVE_DAY = "five_day", _("Five-day advanced training")
    PRACTICE_LEAD_SESSION = "practice_lead_session", _("Practice Lead session")
    PRACTICE_LEAD_NETWORK = "practice_lead_network", _("Practice Lead Network meeting")
    TRAIN_THE_TRAINER = "train_the_trainer", _("Train-the-trainer")
    OTHER = "other", _("Other")
