"""How times and lists of dates are written for people, the GOV.UK way, in every template,
email, PDF and message: "5:49am", "9am", "12pm", "1:30pm"; "16 and 17 November 2026".

Django's own time formats cannot do this: "P" says "5:49 a.m." and "noon", and "a" after a
sentence's last word gives "5:49a.m.." (the full stop twice).
"""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext


def format_time(value: dt.time | dt.datetime) -> str:
    """A time of day: "12am", "5:49am", "9am", "12pm", "1:30pm".

    Minutes are left off on the hour. An aware datetime is shown in the site's time zone.
    """
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.time()
    clock = str(value.hour % 12 or 12)
    if value.minute:
        clock += f":{value.minute:02d}"
    if value.hour < 12:
        return pgettext("time before midday, e.g. 9:30am", "%(time)sam") % {"time": clock}
    return pgettext("time from midday, e.g. 1:30pm", "%(time)spm") % {"time": clock}


def format_date(value: dt.date | dt.datetime) -> str:
    """One day in the active language: "16 November 2026" ("16 Tachwedd 2026"). An aware
    datetime is shown in the site's time zone."""
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


def format_date_list(days: Iterable[dt.date]) -> str:
    """Dates as a person writes them, each month and year said once:
    "16 and 17 November 2026", "14, 15 and 16 November 2026",
    "30 November and 1 December 2026", "31 December 2026 and 2 January 2027"."""
    days = sorted(set(days))
    labels = []
    for index, day in enumerate(days):
        following = days[index + 1] if index + 1 < len(days) else None
        if following is None or following.year != day.year:
            labels.append(date_format(day, "j F Y"))
        elif following.month != day.month:
            labels.append(date_format(day, "j F"))
        else:
            labels.append(date_format(day, "j"))
    return format_list(labels)


def format_list(items: Iterable[object]) -> str:
    """Items joined the way a sentence lists them: "A", "A and B", "A, B and C"."""
    return str(get_text_list([str(item) for item in items], gettext("and")))
