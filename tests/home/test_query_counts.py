"""The home page costs the same whatever the size of the site, and no more than pinned here:
signed in, only the user and their next steps are read (the session, the page, its route, the
chrome and the sections come from caches; each role's next steps are pinned in
test_personal_home.py); a signed-out visitor's repeat visit is served whole from the cache,
and even a first visit renders from the site cache alone."""

import pytest

from tests.factories import UserFactory, make_home_page, make_standard_page
from tests.home.test_personal_home import LEARNER_QUERIES
from tests.query_counts import count_queries, without_page_cache

pytestmark = pytest.mark.django_db

# The user and their next steps: a learner's, pinned in test_personal_home.py (it was 2, the
# user and their programme enrolments, before the page showed learning and bookings).
HOME_SIGNED_IN_QUERIES = LEARNER_QUERIES


def add_sections(count: int) -> None:
    home = make_home_page()
    first = home.get_children().count()
    for n in range(first, first + count):
        make_standard_page(home, title=f"Section {n}", show_in_menus=True)


def warm_then_count(client, url: str = "/") -> int:
    client.get(url)
    return count_queries(lambda: client.get(url))


def test_the_signed_in_home_page_reads_only_the_user_and_their_next_steps(client):
    client.force_login(UserFactory(staff=True))
    add_sections(2)
    few = warm_then_count(client)
    add_sections(10)
    many = warm_then_count(client)

    assert few == many <= HOME_SIGNED_IN_QUERIES


def test_a_signed_out_visitor_costs_no_query(client):
    add_sections(2)
    cached = warm_then_count(client)
    with without_page_cache():
        rendered = warm_then_count(client)

    assert cached == 0
    assert rendered == 0
