"""The one spreadsheet writer every CSV and XLSX export uses (it lives in the lowest app so
every app can): Wagtail's SpreadsheetExportMixin with each text cell made safe.

- In a CSV, text that starts with = + - @, a tab or a carriage return is a formula to Excel,
  LibreOffice and Google Sheets (`=HYPERLINK(...)`, `+1+cmd|...`): it gets a leading
  apostrophe, so it is shown as typed and never run.
- In an XLSX, text is written as it was typed in a cell typed as text (Wagtail turns what
  openpyxl takes for a formula back into a string): shown, never run.
- Control characters openpyxl refuses (vertical tab, form feed, ESC, BEL...) are removed from
  both, so a name typed with one cannot break the XLSX.
- Numbers, dates and times are not text: they stay typed cells.
- A CSV streams after the view has returned, when the admin user's language (Wagtail's
  account preference, active only while the view runs) is no longer active: its headings
  and cells are written in the language the view answered in.
"""

from collections.abc import Iterator

from django.utils import translation
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell_text(value: str, export_format: str) -> str:
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if export_format == SpreadsheetExportMixin.FORMAT_CSV and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin(SpreadsheetExportMixin):
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return safe_cell_text(value, export_format) if isinstance(value, str) else value

    def stream_csv(self, queryset) -> Iterator[str]:
        return in_language(translation.get_language(), super().stream_csv(queryset))


def in_language(language: str, lines: Iterator[str]) -> Iterator[str]:
    """Each of `lines`, made in `language` whatever is active while the response streams."""
    while True:
        with translation.override(language):
            line = next(lines, None)
        if line is None:
            return
        yield line
