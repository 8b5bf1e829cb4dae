"""The kinds of course on offer, for the course pages and every filter of them."""

from django.db import models


class CourseType(models.TextChoices):
    HALF_DAY_BRIEFING = "briefing", "Half-day briefing"
    TWO_DAY = "two_day", "Two-day training"
    FIVE_DAY = "five_day", "Five-day advanced training"
    PRACTICE_LEAD_SESSION = "practice_lead_session", "Practice Lead session"
    PRACTICE_LEAD_NETWORK = "practice_lead_network", "Practice Lead Network meeting"
    TRAIN_THE_TRAINER = "train_the_trainer", "Train-the-trainer"
    OTHER = "other", "Other"
