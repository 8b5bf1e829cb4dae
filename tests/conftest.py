import pytest
from django.core.cache import cache

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def clear_cache():
    """Rate-limit counters live in the cache: every test starts with a clean slate."""
    cache.clear()
    yield
    cache.clear()


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
