"""Fuzzing every page and form of the product, as each role: no 5xx, and a refused form
changes nothing.

Every URL pattern of the project's own apps, the sign-in pages and the site's pages is fetched
by a visitor, a learner and a training administrator, with its ids filled in from a small
world (the person's own records, other people's, and an id past 64 bits). Every POST form on
a page that answers is then submitted malformed: with no fields, with every field a huge
string, with every field a word where a number belongs or a number past 64 bits, and with
every field another person's id. A submission that is refused (anything but a redirect) must
leave the data as it was. Bounded: a few hundred requests.
"""

import hashlib
import re
import sys

import pytest
from bs4 import BeautifulSoup
from django.core.signals import got_request_exception
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts.models import Organisation, User
from bookings.models import Attendance, Booking, Session
from certificates.models import Certificate
from elearning.models import AssessmentAttempt
from home.models import OutboxEmail
from programmes.models import ProgrammeEnrolment
from tests.bookings.factories import BookingFactory
from tests.certificates.factories import complete_booking, make_completed_session
from tests.elearning.factories import make_module
from tests.elearning.test_reports import take
from tests.factories import OrganisationFactory, UserFactory
from tests.programmes.factories import days_ago, enrol, make_programme

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"accounts", "home", "elearning", "bookings", "programmes", "certificates"}
HUGE_ID = "9" * 23
HUGE_TEXT = "x" * 100_000
# Downloads that render a PDF take seconds each and have no form: fetched with a huge id only.
SLOW = {"sign_in_sheet", "pdf", "download", "certificates_session_zip_file"}
# Signing out would end the role's session halfway through.
SKIPPED = {"account_logout"}
ALLAUTH_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/change/",
    "/accounts/email/",
    "/accounts/confirm-email/",
]


def project_patterns() -> list[tuple[str, str | None, str]]:
    """(route, namespace, name) of every URL pattern whose view belongs to the project."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern.url_patterns,
                    prefix + str(pattern.pattern),
                    pattern.namespace or namespace,
                )
                continue
            assert isinstance(pattern, URLPattern)
            view = getattr(pattern.callback, "view_class", pattern.callback)
            app = view.__module__.split(".")[0]
            route = prefix + str(pattern.pattern)
            if (
                app in PROJECT_APPS or namespace in {"organisations", "outbox"}
            ) and "(" not in route:
                found.append((route, namespace, pattern.name))

    walk(get_resolver().url_patterns, "", None)
    return found


@pytest.fixture
def world(learner, training_admin):
    """A little of everything, some of it the learner's and some of it someone else's."""
    other = UserFactory(full_name="Olga Other", organisation=OrganisationFactory())
    session, [mine, theirs] = make_completed_session(learners=[learner, other])
    complete_booking(theirs)
    upcoming = BookingFactory(user=other).session
    module = make_module(title="Module", lessons=1, pool=4, per_attempt=4)
    take(other, module, lessons=1, score_right=2)
    programme = make_programme(
        [{"title": "Two-day", "kind": "complete_course", "course": session.course}]
    )
    enrolment = enrol(other, programme, start=days_ago(5))
    email = OutboxEmail.objects.create(to=["olga@example.org"], subject="Hello", rendered=True)
    return {
        "other": other,
        "session": upcoming,
        "past_session": session,
        "day": session.ordered_days[0],
        "booking": BookingFactory(session=upcoming, user=learner),
        "their_booking": theirs,
        "certificate": Certificate.objects.get(recipient=other),
        "module": module,
        "attempt": AssessmentAttempt.objects.filter(learner=other).first(),
        "enrolment": enrolment,
        "requirement": programme.requirements.first(),
        "organisation": other.organisation,
        "email": email,
        "course": session.course,
    }


def ids_for(route: str, namespace: str | None, name: str, world: dict) -> dict[str, str]:
    """The real ids to put in a route: the thing its namespace is about, owned by someone."""
    by_namespace = {
        "bookings_cohorts": world["past_session"],
        "bookings_session": world["session"],
        "programmes_admin": world["enrolment"],
        "organisations": world["organisation"],
        "outbox": world["email"],
        "certificate_admin": world["certificate"],
        "certificates": world["certificate"],
        "bookings": world["booking"] if "bookings/" in route else world["session"],
    }
    by_parameter = {
        "day_pk": world["day"],
        "booking_pk": world["their_booking"],
        "session_id": world["past_session"],
        "requirement_pk": world["requirement"],
        "attempt_id": world["attempt"],
        "module_id": world["module"],
        "course_pk": world["course"],
    }
    values = {}
    for parameter in re.findall(r"<(?:\w+:)?(\w+)>", route):
        thing = by_parameter.get(parameter) or by_namespace.get(namespace)
        values[parameter] = str(thing.pk) if thing is not None else "1"
    return values


def fill(route: str, values: dict[str, str]) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m.group(1), "x"), route)


def fingerprint() -> str:
    """What a refused submission must not change."""
    rows = [
        list(Booking.objects.order_by("pk").values_list("pk", "status", "session_id", "user_id")),
        list(Session.objects.order_by("pk").values_list("pk", "status", "capacity", "course_id")),
        list(Certificate.objects.order_by("pk").values_list("pk", "revoked_at", "name")),
        list(User.objects.order_by("pk").values_list("pk", "full_name", "team", "is_active")),
        list(Organisation.objects.order_by("pk").values_list("pk", "name", "is_active")),
        list(Attendance.objects.order_by("pk").values_list("pk", "status")),
        list(ProgrammeEnrolment.objects.order_by("pk").values_list("pk", "status", "due_date")),
        list(OutboxEmail.objects.exclude(to=[]).order_by("pk").values_list("pk", "status")),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def post_forms(html: str, page_url: str) -> list[tuple[str, list[str]]]:
    """(action, field names) of each POST form on the page."""
    soup = BeautifulSoup(html, "html.parser")
    forms = []
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = form.get("action") or page_url
        if not action.startswith("/") or "logout" in action:
            continue
        names = sorted(
            {
                field["name"]
                for field in form.find_all(["input", "select", "textarea"])
                if field.get("name") and field["name"] != "csrfmiddlewaretoken"
            }
        )
        forms.append((action, names))
    return forms


def malformed(names: list[str], other_id: int) -> list[dict[str, str]]:
    return [
        {},
        dict.fromkeys(names, HUGE_TEXT),
        dict.fromkeys(names, "not-a-number"),
        dict.fromkeys(names, HUGE_ID),
        dict.fromkeys(names, str(other_id)),
    ]


class Fuzzer:
    def __init__(self, client: Client, other_id: int):
        self.client = client
        self.other_id = other_id
        self.requests = 0
        self.errors: list[str] = []
        self.changed: list[str] = []
        self.posted: set[str] = set()
        self.exception = ""
        got_request_exception.connect(self.record, dispatch_uid="fuzzer")

    def record(self, sender, request, **kwargs):
        error = sys.exc_info()[1]
        self.exception = f"{type(error).__name__}: {str(error)[:120]}"

    def get(self, url: str, params: dict | None = None):
        self.requests += 1
        response = self.client.get(url, params or {})
        if response.status_code >= 500:
            self.errors.append(
                f"GET {url} {sorted(params or {})} -> {response.status_code} {self.exception}"
            )
        return response

    def post(self, url: str, data: dict) -> None:
        before = fingerprint()
        self.requests += 1
        response = self.client.post(url, data)
        if response.status_code >= 500:
            self.errors.append(
                f"POST {url} {sorted(data)[:3]} -> {response.status_code} {self.exception}"
            )
        elif response.status_code not in (301, 302, 303) and fingerprint() != before:
            self.changed.append(f"POST {url} refused ({response.status_code}) but changed data")

    def page(self, url: str) -> None:
        response = self.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        html = response.content.decode()
        query_names = sorted(
            {
                field["name"]
                for form in BeautifulSoup(html, "html.parser").find_all("form")
                if (form.get("method") or "get").lower() == "get"
                for field in form.find_all(["input", "select"])
                if field.get("name")
            }
        )
        if query_names:
            self.get(url, dict.fromkeys(query_names, HUGE_ID))
            self.get(url, dict.fromkeys(query_names, HUGE_TEXT[:5000]))
        for action, names in post_forms(html, url):
            if action in self.posted:  # the same form on several pages
                continue
            self.posted.add(action)
            for data in malformed(names, self.other_id):
                self.post(action, data)


@pytest.mark.parametrize("role", ["visitor", "learner", "training_admin"])
def test_no_page_or_form_answers_5xx_to_malformed_input(
    role, world, learner, training_admin, settings
):
    client = Client(raise_request_exception=False)
    if role != "visitor":
        client.force_login({"learner": learner, "training_admin": training_admin}[role])
    fuzzer = Fuzzer(client, other_id=world["other"].pk)

    urls = ["/", "/nowhere/", *ALLAUTH_PAGES]
    for route, namespace, name in project_patterns():
        if name in SKIPPED:
            continue
        if name not in SLOW:
            urls.append(fill(route, ids_for(route, namespace, name, world)))
        if "<" in route:
            urls.append(fill(route, dict.fromkeys(re.findall(r"<(?:\w+:)?(\w+)>", route), HUGE_ID)))
    for url in dict.fromkeys(urls):
        fuzzer.page(url)

    print(f"{role}: {fuzzer.requests} requests, {len(fuzzer.errors)} 5xx", *fuzzer.errors, sep="\n")
    assert "\n".join(fuzzer.errors) == ""
    assert fuzzer.changed == []
    assert fuzzer.requests >= 50
