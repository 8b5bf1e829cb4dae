"""Practice indicators from a CSV file: one row per month, any subset of the figures."""

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import INDICATOR_FIELDS, IndicatorMonth

MAX_ROWS = 600


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int


def _month(value: str, line: int) -> dt.date:
    try:
        return dt.datetime.strptime(value.strip()[:7], "%Y-%m").date()
    except ValueError as error:
        raise ImportRefused(
            [_("Row %(line)s: the month must look like 2026-04.") % {"line": line}]
        ) from error


@transaction.atomic
def import_csv(data: bytes) -> ImportSummary:
    """Create or update one IndicatorMonth per row. Nothing is saved if any row is wrong."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused([_("The file must be a CSV file saved as UTF-8.")]) from error
    reader = csv.DictReader(io.StringIO(text))
    columns = [name.strip() for name in reader.fieldnames or []]
    if "month" not in columns:
        raise ImportRefused([_("The first row must name a 'month' column.")])
    unknown = sorted(set(columns) - {"month", *INDICATOR_FIELDS})
    if unknown:
        raise ImportRefused([_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}])
    errors, created, updated = [], 0, 0
    for line, raw in enumerate(reader, start=2):
        if line > MAX_ROWS + 1:
            raise ImportRefused([_("At most %(n)s rows at a time.") % {"n": MAX_ROWS}])
        row = {key.strip(): (value or "").strip() for key, value in raw.items() if key}
        month = _month(row["month"], line)
        record = IndicatorMonth.objects.filter(month=month).first() or IndicatorMonth(month=month)
        is_new = record.pk is None
        for name in INDICATOR_FIELDS:
            value = row.get(name, "")
            if value == "":
                continue
            try:
                setattr(record, name, Decimal(value.replace(",", "")))
            except InvalidOperation:
                errors.append(
                    _("Row %(line)s: %(column)s is not a number.") % {"line": line, "column": name}
                )
        try:
            record.full_clean(exclude=["month"])
        except ValidationError as error:
            errors.extend(
                _("Row %(line)s: %(column)s: %(message)s")
                % {"line": line, "column": field, "message": " ".join(messages)}
                for field, messages in error.message_dict.items()
            )
            continue
        if not errors:
            record.save()
            created += is_new
            updated += not is_new
    if errors:
        raise ImportRefused(errors)
    return ImportSummary(created=created, updated=updated)
