"""The scorecard as spreadsheets: one table in its own columns, or every figure as rows.

Cells go through `SAFE_PREPROCESS`: no live formula in a CSV cell (bookings.exports.csv_safe),
no control character openpyxl refuses in an XLSX cell, and a suppressed figure written as
"<5". Wagtail itself already stores any XLSX text that looks like a formula as text."""

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from accounts.exports import csv_safe

from .scorecard import Suppressed, Table

CSV = SpreadsheetExportMixin.FORMAT_CSV
XLSX = SpreadsheetExportMixin.FORMAT_XLSX


def xlsx_safe(value: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", value)


SAFE_PREPROCESS = {
    **SpreadsheetExportMixin.custom_value_preprocess,
    str: {CSV: lambda value: csv_safe(ILLEGAL_CHARACTERS_RE.sub("", value)), XLSX: xlsx_safe},
    Suppressed: {CSV: Suppressed.export, XLSX: Suppressed.export},
}


def table_columns(table: Table) -> dict[str, str]:
    return {f"c{index}": str(heading) for index, heading in enumerate(table.columns)}


def table_rows(table: Table) -> list[dict]:
    return [{f"c{index}": cell for index, cell in enumerate(row)} for row in table.rows]


ALL_FIGURES_COLUMNS = {
    "table": "Figure",
    "row": "Row",
    "column": "Column",
    "value": "Value",
}


def all_figure_rows(tables: list[Table]) -> list[dict]:
    """Every cell of every table, one row each (long form), so one file holds the scorecard."""
    rows = []
    for table in tables:
        for row in table.rows:
            for heading, cell in zip(table.columns[1:], row[1:], strict=True):
                rows.append(
                    {
                        "table": str(table.title),
                        "row": row[0],
                        "column": str(heading),
                        "value": cell,
                    }
                )
    return rows
