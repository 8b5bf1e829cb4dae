"""Reports → Welsh-language training (issue 13): per year, people trained in Welsh-language
sessions and the share of e-learning completions made in Welsh, with CSV/XLSX export."""

import pytest
from django.utils import translation

from bookings.language_report import welsh_training_by_year
from elearning import services as elearning_services
from elearning.models import Enrolment
from tests.certificates.factories import complete_booking, make_completed_session
from tests.elearning.factories import make_module
from tests.factories import UserFactory
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db


def complete_module_in(language: str, learner, module) -> None:
    with translation.override(language):
        for lesson in module.lessons:
            elearning_services.mark_lesson_complete(learner=learner, lesson=lesson)


def train(language: str, people: int) -> None:
    learners = [UserFactory(staff=True) for _ in range(people)]
    session, bookings = make_completed_session(learners=learners)
    session.language = language
    session.save()
    for booking in bookings:
        complete_booking(booking)


def test_a_module_records_the_language_it_was_completed_in(learner):
    module = make_module(lessons=1, assessment=False)

    complete_module_in("cy", learner, module)

    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.completed_in == "cy"
    assert enrolment.completed_in_name == "Cymraeg"


def test_the_report_counts_welsh_sessions_and_welsh_completions_per_year():
    train("cy", 2)
    train("en-gb", 3)
    module = make_module(lessons=1, assessment=False)
    for language in ["cy", "en-gb", "en-gb", "en-gb"]:
        complete_module_in(language, UserFactory(staff=True), module)

    [this_year] = welsh_training_by_year()

    assert this_year.people_trained_in_welsh == 2
    assert this_year.people_trained == 5
    assert this_year.completions_in_welsh == 1
    assert this_year.completions == 4
    assert this_year.welsh_completion_share == "25%"


def test_the_report_takes_two_queries_however_much_training_there_is():
    train("cy", 1)
    small = count_queries(welsh_training_by_year)
    train("cy", 4)
    train("en-gb", 4)

    assert count_queries(welsh_training_by_year) == small == 2


def test_administrators_see_and_export_the_report(client, training_admin):
    train("cy", 2)
    client.force_login(training_admin)

    page = client.get("/admin/reports/welsh-language-training/")
    csv = client.get("/admin/reports/welsh-language-training/?export=csv")
    xlsx = client.get("/admin/reports/welsh-language-training/?export=xlsx")

    assert page.status_code == 200
    assert "People trained in Welsh" in page.content.decode()
    assert csv.status_code == xlsx.status_code == 200
    assert "People trained in Welsh" in b"".join(csv.streaming_content).decode()


def test_other_people_cannot_see_the_report(client, learner):
    client.force_login(learner)

    assert client.get("/admin/reports/welsh-language-training/").status_code in (302, 403)


def test_the_sessions_admin_shows_the_language_a_session_is_delivered_in(client, training_admin):
    train("cy", 1)
    client.force_login(training_admin)

    page = client.get("/admin/training/sessions/").content.decode()

    assert "Delivered in" in page
    assert "Cymraeg" in page
