"""Times and lists written the GOV.UK way in templates (see home/formats.py).

{% load govuk_formats %}
{{ enrolment.started_at|govuk_date }}                             16 November 2026
{{ day.start_time|govuk_time }} to {{ day.end_time|govuk_time }}   9:30am to 1pm
{{ certificate.day_dates|govuk_date_list }}                         16 and 17 November 2026
{{ certificate.trainer_names|govuk_list }}                          Ann, Bo and Cy
"""

from django import template

from home import formats

register = template.Library()


@register.filter
def govuk_time(value) -> str:
    return formats.format_time(value) if value not in (None, "") else ""


@register.filter
def govuk_date(value) -> str:
    return formats.format_date(value) if value not in (None, "") else ""


@register.filter
def govuk_date_list(days) -> str:
    return formats.format_date_list(days or [])


@register.filter
def govuk_list(items) -> str:
    return formats.format_list(items or [])
