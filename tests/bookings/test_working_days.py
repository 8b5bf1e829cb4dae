"""Working days in England and Wales, and what they are used for: warnings to
administrators about training days on weekends or bank holidays, and the demo's dates."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from bookings.demo import demo_dates
from bookings.working_days import (
    BANK_HOLIDAY_NAMES,
    OBSERVED_SUFFIX,
    bank_holiday_name,
    english_bank_holidays,
    is_working_day,
    next_working_day,
    why_not_a_working_day,
)
from tests.bookings.factories import VenueFactory
from tests.courses.factories import make_course

CHRISTMAS = dt.date(2026, 12, 25)  # a Friday
BOXING_DAY_OBSERVED = dt.date(2026, 12, 28)  # Monday: Boxing Day fell on a Saturday


def test_bank_holidays_and_weekends_are_not_working_days():
    assert not is_working_day(CHRISTMAS)
    assert not is_working_day(dt.date(2026, 12, 26))
    assert not is_working_day(BOXING_DAY_OBSERVED)
    assert is_working_day(dt.date(2026, 12, 29))
    assert next_working_day(CHRISTMAS) == dt.date(2026, 12, 29)
    assert next_working_day(dt.date(2026, 12, 29)) == dt.date(2026, 12, 29)


def test_the_reason_names_the_day():
    assert why_not_a_working_day(CHRISTMAS) == "Christmas Day, a bank holiday"
    assert why_not_a_working_day(dt.date(2026, 11, 29)) == "a Sunday"
    assert why_not_a_working_day(dt.date(2026, 11, 30)) == ""


def test_a_holiday_moved_off_a_weekend_is_the_substitute_day():
    assert bank_holiday_name(BOXING_DAY_OBSERVED) == "Boxing Day (substitute day)"


def test_bank_holidays_are_named_in_welsh():
    with translation.override("cy"):
        assert why_not_a_working_day(CHRISTMAS) == "Dydd Nadolig, gŵyl banc"
        assert bank_holiday_name(BOXING_DAY_OBSERVED) == "Gŵyl San Steffan (diwrnod yn lle)"


def test_every_name_the_holidays_package_gives_is_translatable():
    """A new release of `holidays` that names a bank holiday differently fails here, so the
    name is added to BANK_HOLIDAY_NAMES (and translated) rather than shown in English."""
    given = [english_bank_holidays(year) for year in range(1970, 2080)]
    names = {name.removesuffix(OBSERVED_SUFFIX) for year in given for name in year.values()}

    assert names <= set(BANK_HOLIDAY_NAMES)


def test_the_demos_days_skip_bank_holidays_and_stay_in_order():
    monday = dt.date(2026, 12, 21)

    dates = demo_dates(monday, [4, 7, 8])  # Christmas Day, Boxing Day (observed), the 29th

    assert dates == [dt.date(2026, 12, 29), dt.date(2026, 12, 30), dt.date(2026, 12, 31)]
    assert all(is_working_day(date) for date in dates)


@pytest.mark.django_db
def test_administrators_are_warned_of_a_day_on_a_sunday_or_bank_holiday(client, training_admin):
    from tests.bookings.test_admin import session_form

    today = dt.date.today()
    sunday = today + dt.timedelta(days=(6 - today.weekday()) % 7 + 14)
    client.force_login(training_admin)

    response = client.post(
        "/admin/training/sessions/new/",
        session_form(make_course(), VenueFactory(), days=[sunday]),
    )

    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("is a Sunday" in warning for warning in warnings)
