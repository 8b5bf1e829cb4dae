import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from elearning import services
from elearning.models import Enrolment
from elearning.selectors import (
    ReportProgress,
    enrolments_for_report,
    module_figures,
    report_percent,
    report_progress,
    step_totals_by_module_key,
)
from elearning.viewsets import CompletionsReportView
from tests.factories import OrganisationFactory, UserFactory
from tests.query_counts import count_queries

from .factories import answers_for, make_module

pytestmark = pytest.mark.django_db

REPORT = "elearning_completions_report"
ROWS_PER_PAGE = CompletionsReportView.paginate_by


def take(learner, module, *, lessons: int, score_right: int | None = None):
    for lesson in module.lessons[:lessons]:
        services.mark_lesson_complete(learner=learner, lesson=lesson)
    if score_right is not None:
        attempt = services.start_attempt(learner=learner, assessment=module.assessment)
        services.submit_attempt(attempt=attempt, answers=answers_for(attempt, right=score_right))


@pytest.fixture
def records():
    module = make_module(title="Introduction", lessons=3, pool=4, per_attempt=4)
    school = OrganisationFactory(name="Northfield School")
    finished = UserFactory(full_name="Finley Finished", organisation=school, team="Year 6")
    halfway = UserFactory(full_name="Harper Halfway")
    take(finished, module, lessons=3, score_right=4)
    take(halfway, module, lessons=1, score_right=2)
    return module, finished, halfway


def test_the_report_lists_every_learners_progress(client, training_admin, records):
    module, finished, halfway = records
    client.force_login(training_admin)

    response = client.get(reverse(REPORT))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Finley Finished" in content and "Northfield School" in content and "Year 6" in content
    assert "100%" in content and "25%" in content


def test_the_report_filters_by_organisation(client, training_admin, records):
    module, finished, halfway = records
    client.force_login(training_admin)

    content = client.get(
        reverse(REPORT), {"organisation": finished.organisation_id}
    ).content.decode()

    assert "Finley Finished" in content
    assert "Harper Halfway" not in content


def test_the_report_exports_csv_and_xlsx(client, training_admin, records):
    client.force_login(training_admin)

    csv_response = client.get(reverse(REPORT), {"export": "csv"})
    xlsx_response = client.get(reverse(REPORT), {"export": "xlsx"})

    rows = list(csv.DictReader(io.StringIO(b"".join(csv_response.streaming_content).decode())))
    by_name = {row["Learner"]: row for row in rows}
    assert by_name["Finley Finished"]["Percent complete"] == "100"
    assert by_name["Finley Finished"]["Best score"] == "100"
    assert by_name["Harper Halfway"]["Percent complete"] == "25"
    assert by_name["Harper Halfway"]["Completed"] == ""
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx_response.streaming_content)))
    assert workbook.active.max_row == 3


def test_learners_and_trainers_cannot_see_the_report(client, learner, trainer, records):
    for user in (learner, trainer):
        client.force_login(user)
        response = client.get(reverse(REPORT))
        assert response.status_code in {302, 403}


def test_module_figures(client, training_admin, records):
    module, finished, halfway = records
    UserFactory()  # never started

    figures = module_figures().get(pk=module.pk)

    assert (figures.enrolled, figures.completed) == (2, 1)
    assert figures.average_best_score == 75  # best scores 100 and 50
    client.force_login(training_admin)
    content = client.get(reverse("elearning_module_figures_report")).content.decode()
    assert "Introduction" in content and "75%" in content


def test_the_report_queries_are_constant(records):
    module = records[0]
    few = count_queries(lambda: report_progress(list(enrolments_for_report())))
    for _ in range(10):
        take(UserFactory(), module, lessons=2)
    many = count_queries(lambda: report_progress(list(enrolments_for_report())))

    assert few == many == 2  # the enrolments, then their lessons done


def test_progress_is_worked_out_for_the_rows_on_the_page_only(client, training_admin, records):
    module = records[0]
    for _ in range(ROWS_PER_PAGE + 5):
        take(UserFactory(), module, lessons=1)
    client.force_login(training_admin)

    with CaptureQueriesContext(connection) as context:
        client.get(reverse(REPORT))

    listing = [q["sql"] for q in context.captured_queries if "elearning_enrolment" in q["sql"]]
    completions = [q for q in context.captured_queries if "elearning_lessoncompletion" in q["sql"]]
    assert not any("elearning_lessoncompletion" in sql for sql in listing), "no per-row subquery"
    assert len(completions) == 1
    learner_ids = completions[0]["sql"].split('"learner_id" IN (')[1].split(")")[0].split(",")
    assert len(learner_ids) == ROWS_PER_PAGE


def test_percent_complete_counts_only_the_modules_live_lessons(records):
    module, finished, halfway = records
    enrolment = Enrolment.objects.get(learner=halfway)
    module.lessons[0].unpublish()
    totals = step_totals_by_module_key()

    progress = report_progress([enrolment])[enrolment.pk]

    assert progress == ReportProgress(lessons_done=0, assessment_passed=False)
    assert report_percent(enrolment, progress, totals) == 0


def test_the_report_page_query_count_is_constant(client, training_admin, records):
    module = records[0]
    client.force_login(training_admin)
    client.get(reverse(REPORT))
    few = count_queries(lambda: client.get(reverse(REPORT)))
    for _ in range(10):
        take(UserFactory(organisation=OrganisationFactory()), module, lessons=2)
    many = count_queries(lambda: client.get(reverse(REPORT)))

    assert few == many
