"""Times and dates are written one way everywhere, the GOV.UK way ("5:49am", "12pm")."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from elearning.models import ExerciseAnswer
from home.formats import format_date_list, format_list, format_time
from tests.elearning.factories import make_module, reflection

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"
# Format characters of Django's date filter that print part of a time of day.
TIME_FORMAT_CHARACTERS = set("aAfgGhHisuP")


@pytest.mark.parametrize(
    ("hour", "minute", "written"),
    [
        (0, 0, "12am"),
        (5, 49, "5:49am"),
        (9, 0, "9am"),
        (9, 30, "9:30am"),
        (12, 0, "12pm"),
        (12, 5, "12:05pm"),
        (13, 30, "1:30pm"),
        (23, 59, "11:59pm"),
    ],
)
def test_times_are_written_the_govuk_way(hour, minute, written):
    assert format_time(dt.time(hour, minute)) == written


def test_a_moment_is_written_in_the_time_of_the_site():
    summer_morning = dt.datetime(2026, 7, 1, 4, 49, tzinfo=dt.UTC)  # 5:49am in London

    assert format_time(summer_morning) == "5:49am"


@pytest.mark.parametrize(
    ("days", "written"),
    [
        ([dt.date(2026, 11, 16)], "16 November 2026"),
        ([dt.date(2026, 11, 16), dt.date(2026, 11, 17)], "16 and 17 November 2026"),
        (
            [dt.date(2026, 11, 16), dt.date(2026, 11, 14), dt.date(2026, 11, 15)],
            "14, 15 and 16 November 2026",
        ),
        ([dt.date(2026, 11, 30), dt.date(2026, 12, 1)], "30 November and 1 December 2026"),
        ([dt.date(2026, 12, 31), dt.date(2027, 1, 2)], "31 December 2026 and 2 January 2027"),
        ([], ""),
    ],
)
def test_lists_of_days_say_each_month_and_year_once(days, written):
    assert format_date_list(days) == written


def test_lists_are_joined_as_a_sentence_joins_them():
    assert format_list(["Ann"]) == "Ann"
    assert format_list(["Ann", "Bo"]) == "Ann and Bo"
    assert format_list(["Ann", "Bo", "Cy"]) == "Ann, Bo and Cy"


def test_the_template_filters_write_the_same():
    rendered = Template(
        "{% load govuk_formats %}{{ start|govuk_time }} to {{ end|govuk_time }}; "
        "{{ days|govuk_date_list }}; {{ names|govuk_list }}{{ missing|govuk_time }}"
    ).render(
        Context(
            {
                "start": dt.time(9, 30),
                "end": dt.time(12, 0),
                "days": [dt.date(2026, 11, 16), dt.date(2026, 11, 17)],
                "names": ["Ann", "Bo"],
                "missing": None,
            }
        )
    )

    assert rendered == "9:30am to 12pm; 16 and 17 November 2026; Ann and Bo"


def time_formats_in(text: str) -> list[str]:
    """Ways of writing a time other than the govuk_time filter: the `time` filter, or a
    `date` filter whose format prints hours, minutes or a.m./p.m."""
    found = re.findall(r"\|time\b(?::\"[^\"]*\")?", text)
    found += [
        fmt
        for fmt in re.findall(r"\|date:\"([^\"]*)\"", text)
        if set(fmt.replace("\\", "")) & TIME_FORMAT_CHARACTERS
    ]
    return found


def test_the_scan_recognises_the_old_ways():
    assert time_formats_in('{{ x|time:"H:i" }} {{ x|date:"j F Y, g:ia" }} {{ x|time }}') == [
        '|time:"H:i"',
        "|time",
        "j F Y, g:ia",
    ]
    assert time_formats_in('{{ x|date:"l j F Y" }} {{ x|govuk_time }}') == []


def test_every_template_writes_times_with_the_govuk_time_filter():
    offenders = {
        str(path.relative_to(TEMPLATES_DIR)): found
        for path in sorted(TEMPLATES_DIR.rglob("*"))
        if path.suffix in {".html", ".txt"} and (found := time_formats_in(path.read_text()))
    }

    assert offenders == {}


@pytest.mark.django_db
def test_a_saved_answer_says_when_with_one_full_stop(client, learner):
    block = reflection()
    lesson = make_module(lessons=1, lesson_body=lambda: [block]).lessons[0]
    client.force_login(learner)
    client.post(
        lesson.url, {"action": "answer", "block_id": block["id"], f"{block['id']}-text": "Notes"}
    )
    ExerciseAnswer.objects.update(updated_at=dt.datetime(2026, 11, 26, 5, 49, tzinfo=dt.UTC))

    content = client.get(lesson.url).content.decode()

    assert "Saved 26 November 2026, 5:49am." in content
