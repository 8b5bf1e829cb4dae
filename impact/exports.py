"""The scorecard as spreadsheets: one table in its own columns, or every figure as rows.

Cells go through `SAFE_PREPROCESS`: text made safe by the project's one spreadsheet writer
(accounts.spreadsheets: no live formula, no control character openpyxl refuses), and a
suppressed figure written as "<5"."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from accounts.spreadsheets import safe_cell_text

from .scorecard import Suppressed, Table

CSV = SpreadsheetExportMixin.FORMAT_CSV
XLSX = SpreadsheetExportMixin.FORMAT_XLSX


SAFE_PREPROCESS = {
    **SpreadsheetExportMixin.custom_value_preprocess,
    str: {
        CSV: lambda value: safe_cell_text(value, CSV),
        XLSX: lambda value: safe_cell_text(value, XLSX),
    },
    Suppressed: {CSV: Suppressed.export, XLSX: Suppressed.export},
}


def table_columns(table: Table) -> dict[str, str]:
    return {f"c{index}": str(heading) for index, heading in enumerate(table.columns)}


def table_rows(table: Table) -> list[dict]:
    return [{f"c{index}": cell for index, cell in enumerate(row)} for row in table.rows]


ALL_FIGURES_COLUMNS = {
    "table": _("Figure"),
    "row": _("Row"),
    "column": _("Column"),
    "value": _("Value"),
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
