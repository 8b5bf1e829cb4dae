"""Malformed input is refused, never a 500: the four found by fuzzing the admin forms."""

import pytest

from certificates.models import Certificate
from tests.bookings.factories import make_session

pytestmark = pytest.mark.django_db

HUGE = "9" * 23


def test_a_session_edit_with_a_course_that_is_not_a_number(client, training_admin):
    session = make_session()
    client.force_login(training_admin)

    response = client.post(
        f"/admin/training/sessions/edit/{session.pk}/", {"course": "not-a-number"}
    )

    assert response.status_code == 200
    session.refresh_from_db()
    assert session.course_id is not None


def test_issuing_a_certificate_for_a_huge_module_id(client, training_admin, learner):
    client.force_login(training_admin)

    response = client.post(
        "/admin/certificates/new/",
        {"recipient": learner.pk, "kind": "module", "module": HUGE},
    )

    assert response.status_code == 200
    assert not Certificate.objects.exists()


def test_the_cohorts_filtered_by_a_huge_course_id(client, training_admin):
    client.force_login(training_admin)

    assert client.get("/admin/cohorts/", {"course": HUGE}).status_code == 200


def test_certificates_searched_for_a_huge_title(client, training_admin):
    client.force_login(training_admin)

    assert client.get("/admin/certificates/", {"title": "x" * 100_000}).status_code == 200
