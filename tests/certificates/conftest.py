import pytest


@pytest.fixture(autouse=True)
def empty_storage(settings):
    """Stored PDFs and ZIPs live in the in-memory default storage; changing STORAGES makes
    Django build a new, empty one for each test."""
    settings.STORAGES = {**settings.STORAGES}
