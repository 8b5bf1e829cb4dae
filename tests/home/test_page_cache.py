"""Signed-out visitors' pages come whole from the cache, are never served stale beyond the bounds
home.page_cache states, and signed-in pages are never stored or shared."""

import time

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import Locale, PageViewRestriction

from elearning import services
from home.page_cache import PAGE_TIMEOUT, PLACES_TIMEOUT, page_key, storable
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.elearning.factories import make_module
from tests.factories import UserFactory, make_home_page, make_standard_page
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db

SESSIONS = "/training/sessions/"


@pytest.fixture
def about():
    return make_standard_page(make_home_page(), title="About the approach", show_in_menus=True)


def cached(client, url) -> bool:
    """Whether a signed-out visitor's visit leaves the page in the cache."""
    client.get(url)
    return stored(url)


def stored(url: str) -> bool:
    """Whether the cache holds a page for a signed-out visitor's request for `url`."""
    return cache.get(page_key(RequestFactory().get(url))) is not None


def test_a_repeated_page_is_served_from_the_cache_as_it_was(client, about):
    first = client.get(about.url)

    repeat_queries = count_queries(lambda: client.get(about.url))
    repeat = client.get(about.url)

    assert repeat_queries == 0
    assert repeat.status_code == 200
    assert repeat.content == first.content
    assert repeat["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize(
    "url",
    [lambda about: "/", lambda about: about.url, lambda about: SESSIONS],
    ids=["home", "standard page", "session list"],
)
def test_public_pages_are_cached(client, about, url):
    assert cached(client, url(about))


def test_module_lesson_and_course_pages_are_cached(client):
    module = make_module(lessons=2)
    course = make_course()

    assert cached(client, module.url)
    assert cached(client, module.lessons[0].url)
    assert cached(client, course.url)


def test_a_published_change_is_served_on_the_next_request(client, about):
    home = make_home_page()
    client.get(about.url)
    client.get(home.url)

    about.title = "About Signs of Safety"
    about.save_revision().publish()

    assert "About Signs of Safety" in client.get(about.url).content.decode()
    assert "About Signs of Safety" in client.get(home.url).content.decode(), "the menu"


def test_unpublishing_a_page_takes_it_away_at_once(client, about):
    client.get(about.url)

    about.unpublish()

    assert client.get(about.url).status_code == 404


def test_a_booking_changes_places_left_on_the_next_request(client):
    course = make_course(title="Two-day training")
    session = make_session(course, capacity=2)
    assert "2 places left" in client.get(SESSIONS).content.decode()
    assert "2 places left" in client.get(course.url).content.decode()

    BookingFactory(session=session)

    assert "1 place left" in client.get(SESSIONS).content.decode()
    assert "1 place left" in client.get(course.url).content.decode()


REAL_TIME = time.time


def shift_clock(monkeypatch, seconds: float) -> None:
    """Move the clock the cache's expiry times are measured by."""
    now = REAL_TIME() + seconds
    monkeypatch.setattr(time, "time", lambda: now)


def test_pages_showing_places_are_kept_at_most_a_minute(client, monkeypatch):
    make_session(make_course(), capacity=2)
    client.get(SESSIONS)

    shift_clock(monkeypatch, PLACES_TIMEOUT - 5)
    kept = stored(SESSIONS)
    shift_clock(monkeypatch, PLACES_TIMEOUT + 1)
    expired = not stored(SESSIONS)

    assert PLACES_TIMEOUT == 60
    assert kept and expired


def test_other_pages_are_kept_at_most_five_minutes(client, about, monkeypatch):
    client.get(about.url)

    shift_clock(monkeypatch, PAGE_TIMEOUT - 5)
    kept = stored(about.url)
    shift_clock(monkeypatch, PAGE_TIMEOUT + 1)
    expired = not stored(about.url)

    assert PAGE_TIMEOUT == 300
    assert kept and expired


def test_each_language_has_its_own_entry(client):
    home = make_home_page()
    home.hero_heading = "Learning about Signs of Safety"
    home.save_revision().publish()
    welsh = Locale.objects.get(language_code="cy")  # made by home.0002_locales
    cartref = home.copy_for_translation(welsh)
    cartref.hero_heading = "Dysgu am Arwyddion Diogelwch"
    cartref.save_revision().publish()

    for _ in range(2):  # the second time round, both come from the cache
        english = client.get("/").content.decode()
        cymraeg = client.get("/cy/").content.decode()
        assert "Learning about Signs of Safety" in english
        assert "Dysgu am Arwyddion Diogelwch" in cymraeg
        assert "Dysgu" not in english
    assert cached(client, "/cy/")


def test_the_language_is_part_of_the_key():
    factory = RequestFactory()

    english, welsh = page_key(factory.get("/about/")), page_key(factory.get("/cy/about/"))

    assert english and welsh and english != welsh


def test_signed_in_pages_are_never_stored_or_shared(client):
    module = make_module(lessons=4, assessment=False)
    ahead, beginner = UserFactory(staff=True), UserFactory(staff=True)
    services.mark_lesson_complete(learner=ahead, lesson=module.lessons[0])

    client.force_login(ahead)
    ahead_page = client.get(module.url).content.decode()
    stored_for_someone_signed_in = stored(module.url)
    client.logout()
    anonymous_page = client.get(module.url).content.decode()
    stored_for_visitors = stored(module.url)
    client.force_login(beginner)
    beginner_page = client.get(module.url).content.decode()
    client.force_login(ahead)
    ahead_again = client.get(module.url).content.decode()

    assert not stored_for_someone_signed_in
    assert stored_for_visitors
    assert "25% complete" in ahead_page and "25% complete" in ahead_again
    assert "0% complete" in beginner_page and "25% complete" not in beginner_page
    assert "to save your answers and track your progress" in anonymous_page
    assert "% complete" not in anonymous_page


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page_showing_it(client, about):
    client.get(about.url)
    waiting = [Message(constants.INFO, "You have signed out.")]
    client.cookies["messages"] = CookieStorage(RequestFactory().get("/"))._encode(waiting)

    assert "You have signed out." in client.get(about.url).content.decode()


def test_pages_that_did_not_opt_in_are_never_stored(client):
    session = make_session(make_course())
    url = f"/training/sessions/{session.pk}/"

    assert not cached(client, url)


def test_a_restricted_page_is_not_stored_and_a_new_restriction_applies_at_once(client, about):
    assert client.get(about.url).status_code == 200

    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(about.url).status_code == 302
    assert client.get(about.url).status_code == 302


def test_responses_setting_cookies_or_marked_private_are_not_stored():
    request = RequestFactory().get("/about/")
    request._cache_for_anonymous = True
    with_cookie = HttpResponse("<p>A form</p>")
    with_cookie.set_cookie("csrftoken", "abc")
    private = HttpResponse("<p>Mine</p>", headers={"Cache-Control": "private, max-age=0"})

    assert storable(request, HttpResponse("<p>Public</p>"))
    assert not storable(request, with_cookie)
    assert not storable(request, private)
    assert not storable(request, HttpResponse("Gone", status=404))
