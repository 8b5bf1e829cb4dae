import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate-limit counters live in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language. A request under /cy/ leaves Welsh
    active in the thread (LocaleMiddleware activates it and nothing resets it after the
    response), so without this a test's messages would depend on the test before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def outbox_sends_at_once(request, monkeypatch):
    """Email leaves the outbox after the commit that queued it (home/outbox.py), but a test's
    transaction never commits: as tasks run at once in tests (settings/test.py), the outbox
    sends when an email is queued. Tests of the after-commit path are marked
    `outbox_after_commit`."""
    if request.node.get_closest_marker("outbox_after_commit"):
        return
    from home import outbox

    monkeypatch.setattr(outbox, "deliver_after_commit", outbox.deliver_due)


@pytest.fixture
def learner(db):
    return UserFactory(staff=True, full_name="Sam Learner")


@pytest.fixture
def partner(db):
    return UserFactory(full_name="Pat Partner")


@pytest.fixture
def trainer(db):
    return UserFactory(staff=True, trainer=True, full_name="Terry Trainer")


@pytest.fixture
def training_admin(db):
    return UserFactory(staff=True, training_admin=True, full_name="Ada Administrator")


@pytest.fixture(scope="session", autouse=True)
def start_playwright_before_the_database(request):
    """Start Playwright, when any browser test will run, before the test database exists.

    Playwright's sync API gives the test thread a new context, and Django keeps a connection
    per context: a database created before Playwright starts is restored by
    `serialized_rollback` on a connection the browser tests never see, so the data the
    migrations made (groups, the root page) vanished after the first browser test.
    """
    if any(item.get_closest_marker("browser") for item in request.session.items):
        request.getfixturevalue("playwright")
