"""The demo impact data: a year of sessions answered at all three points, through the services,
and twelve months of indicators; a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from impact import scorecard
from impact.models import FeedbackResponse, IndicatorMonth, Milestone, Participation

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        model.objects.count()
        for model in (Participation, FeedbackResponse, IndicatorMonth, Milestone)
    ) + (Participation.objects.exclude(confidence_follow_up=None).count(),)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic(), override_settings(DEBUG=True):
        call_command("seed_demo", stdout=io.StringIO())
        first = counts()
        call_command("seed_demo", stdout=io.StringIO())
        yield first, counts()
        transaction.set_rollback(True)


def test_the_demo_is_idempotent(seeded):
    first, second = seeded
    assert first == second


def test_the_scorecard_shows_a_year_of_answers_at_all_three_points(seeded):
    card = scorecard.build(scorecard.default_filters())
    everyone = next(t for t in card.quality if t.key == "confidence").rows[0]
    n_before, before, n_after, after, n_follow, follow, n_paired, shift = everyone[1:9]
    assert min(n_before, n_after, n_follow, n_paired) >= 5
    assert after > before and shift > 0
    months = next(t for t in card.reach if t.key == "trained_per_month").rows
    assert len(months) >= 12
    assert len(card.indicator_series) == 11
    assert len(card.milestones) == 4
    assert card.free_text
