"""Checks on what people type about themselves and their organisations."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MESSAGE = _("Remove the hidden control characters (often pasted from another program)")
# Line breaks and tabs lay out longer text; every other control character is invisible, breaks
# spreadsheets and PDFs, and is never meant.
LAYOUT = {"\n", "\r", "\t"}


def _refuse(value: str, *, allowed: set[str]) -> None:
    if any(unicodedata.category(c) == "Cc" and c not in allowed for c in value):
        raise ValidationError(MESSAGE, code="control_characters")


def refuse_control_characters(value: str) -> None:
    """For text of several lines (access needs)."""
    _refuse(value, allowed=LAYOUT)


def refuse_control_characters_in_line(value: str) -> None:
    """For one line (a name, a job title): no line breaks or tabs either."""
    _refuse(value, allowed=set())
