"""Working days in England and Wales: weekdays that are not bank holidays.

Bank holidays come from the maintained `holidays` package (England's and Wales's are the
same), never from dates written here. Used to warn administrators who plan a training day on
a weekend or bank holiday, to keep the demo's days on working days, and to count notice
periods in working days.
"""

import datetime as dt
from functools import lru_cache

import holidays
from django.utils.formats import date_format
from django.utils.translation import gettext, gettext_noop

# The `holidays` package names bank holidays in English only. Its names are marked here so they
# are translated with the rest of the interface; a test fails when a new release of the package
# gives England a name that is not in this list.
BANK_HOLIDAY_NAMES = (
    gettext_noop("New Year's Day"),
    gettext_noop("Good Friday"),
    gettext_noop("Easter Monday"),
    gettext_noop("May Day"),
    gettext_noop("Spring Bank Holiday"),
    gettext_noop("Whit Monday"),
    gettext_noop("Late Summer Bank Holiday"),
    gettext_noop("Christmas Day"),
    gettext_noop("Boxing Day"),
    gettext_noop("Wedding of Charles and Diana"),
    gettext_noop("Millennium Celebrations"),
    gettext_noop("Wedding of William and Catherine"),
    gettext_noop("Silver Jubilee of Elizabeth II"),
    gettext_noop("Golden Jubilee of Elizabeth II"),
    gettext_noop("Diamond Jubilee of Elizabeth II"),
    gettext_noop("Platinum Jubilee of Elizabeth II"),
    gettext_noop("State Funeral of Queen Elizabeth II"),
    gettext_noop("Coronation of Charles III"),
)
OBSERVED_SUFFIX = " (observed)"


@lru_cache(maxsize=32)
def english_bank_holidays(year: int) -> dict[dt.date, str]:
    """The year's bank holidays in England and Wales, named in the package's English."""
    return dict(holidays.country_holidays("GB", subdiv="ENG", years=year, language="en_GB"))


def bank_holiday_name(date: dt.date) -> str:
    """The bank holiday's name in the active language, or "" if the date is not one. A holiday
    moved off a weekend is the "substitute day", as GOV.UK calls it."""
    name = english_bank_holidays(date.year).get(date, "")
    if name.endswith(OBSERVED_SUFFIX):
        return gettext("%(name)s (substitute day)") % {
            "name": gettext(name.removesuffix(OBSERVED_SUFFIX))
        }
    return gettext(name) if name else ""


def is_working_day(date: dt.date) -> bool:
    return date.weekday() < 5 and not bank_holiday_name(date)


def next_working_day(date: dt.date) -> dt.date:
    """`date` itself if it is a working day, else the first working day after it."""
    while not is_working_day(date):
        date += dt.timedelta(days=1)
    return date


def why_not_a_working_day(date: dt.date) -> str:
    """Why a training day on `date` may be a mistake ("a Sunday", "Christmas Day, a bank
    holiday"), or "" on a working day."""
    name = bank_holiday_name(date)
    if name:
        return gettext("%(name)s, a bank holiday") % {"name": name}
    if date.weekday() >= 5:
        return gettext("a %(weekday)s") % {"weekday": date_format(date, "l")}
    return ""


def working_days_between(start: dt.date, end: dt.date) -> int:
    """The working days after `start` and before `end`: the notice a cancellation on `start`
    gives for a session on `end` (cancelled on a Wednesday for a Monday: Thursday and Friday,
    2)."""
    return sum(
        1
        for offset in range(1, (end - start).days)
        if is_working_day(start + dt.timedelta(days=offset))
    )
