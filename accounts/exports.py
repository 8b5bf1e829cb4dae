"""Spreadsheet safety shared by every export (accounts is the lowest app, so all can use it)."""


def csv_safe(value):
    """Spreadsheet programs run a CSV cell starting with = + - @ as a formula: quote it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
