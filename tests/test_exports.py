"""Every CSV and XLSX export, with hostile names and organisations: no live formula, no 500
from a control character, and numbers and dates still typed."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from accounts.spreadsheets import FORMULA_STARTS
from tests.bookings.cohorts import past_session
from tests.bookings.factories import BookingFactory
from tests.certificates.factories import complete_booking, make_completed_session
from tests.elearning.factories import make_module
from tests.elearning.test_reports import take
from tests.factories import OrganisationFactory, UserFactory
from tests.programmes.factories import days_ago, enrol, make_programme

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil.example","Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C notepad'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]
CONTROL = ["Ann\x0bLee", "Ann\x0cLee", "Ann\x1bLee", "Ann\x07Lee"]


def hostile_people() -> list:
    people = []
    for n, name in enumerate(HOSTILE + CONTROL):
        organisation = OrganisationFactory(name=HOSTILE[n % len(HOSTILE)])
        people.append(UserFactory(full_name=name, organisation=organisation, team=HOSTILE[-n % 6]))
    return people


def csv_cells(response) -> list[str]:
    text = b"".join(response.streaming_content).decode()
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(response) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for row in workbook.active.iter_rows() for cell in row]


def assert_safe(client, url: str, params: dict | None = None) -> tuple[list[str], list]:
    csv_response = client.get(url, {**(params or {}), "export": "csv"})
    xlsx_response = client.get(url, {**(params or {}), "export": "xlsx"})
    assert (csv_response.status_code, xlsx_response.status_code) == (200, 200)

    text = csv_cells(csv_response)
    assert not [cell for cell in text if cell.startswith(FORMULA_STARTS)]
    assert not [cell for cell in text if any(c in cell for c in "\x0b\x0c\x1b\x07")]
    cells = xlsx_cells(xlsx_response)
    assert not [cell for cell in cells if cell.data_type == "f"]
    names = {cell.value for cell in cells if isinstance(cell.value, str)}
    assert "AnnLee" in names
    return text, cells


def test_the_roster(client, trainer):
    session, _ = past_session(trainers=[trainer], people=0)
    for person in hostile_people():
        BookingFactory(session=session, user=person, access_needs="=1+1")
    client.force_login(trainer)

    text, cells = assert_safe(client, reverse("bookings_cohorts:roster", args=[session.pk]))

    assert "'" + HOSTILE[0] in text and "AnnLee" in text
    assert HOSTILE[0] in {cell.value for cell in cells}  # shown as typed, as text


def test_the_elearning_completions_and_module_figures(client, training_admin):
    module = make_module(
        title="=cmd|' /C calc'!A0", slug="hostile", lessons=2, pool=4, per_attempt=4
    )
    for person in hostile_people():
        take(person, module, lessons=2, score_right=4)
    client.force_login(training_admin)

    _, cells = assert_safe(client, reverse("elearning_completions_report"))
    figures = csv_cells(client.get(reverse("elearning_module_figures_report"), {"export": "csv"}))

    assert any(isinstance(cell.value, dt.datetime) for cell in cells)  # dates stay dates
    assert any(cell.value == 100 and cell.data_type == "n" for cell in cells)  # numbers too
    assert "'" + module.title in figures


def test_the_certificates(client, training_admin):
    for person in hostile_people():
        _, [booking] = make_completed_session(learners=[person])
        complete_booking(booking)
    client.force_login(training_admin)

    text, cells = assert_safe(client, "/admin/certificates/")

    assert any(isinstance(cell.value, dt.datetime) for cell in cells)


def test_the_organisations(client):
    hostile_people()
    OrganisationFactory(name="Ann\x0bLee Trust")
    client.force_login(UserFactory(is_superuser=True))

    csv_response = client.get("/admin/organisations/", {"export": "csv"})
    xlsx_response = client.get("/admin/organisations/", {"export": "xlsx"})

    text = csv_cells(csv_response)
    assert xlsx_response.status_code == 200
    assert not [cell for cell in text if cell.startswith(FORMULA_STARTS)]
    assert "AnnLee Trust" in text


def test_the_programme_dashboard(client, training_admin):
    programme = make_programme()
    for person in hostile_people():
        person.is_council_staff = True
        person.save()
        enrol(person, programme, start=days_ago(3))
    client.force_login(training_admin)

    assert_safe(client, reverse("programmes_admin:dashboard"))


@pytest.mark.parametrize("field", ["full_name", "certificate_name", "job_title", "team"])
def test_people_cannot_save_control_characters_in_their_details(client, learner, field):
    client.force_login(learner)
    data = {
        "full_name": learner.full_name,
        "certificate_name": "",
        "job_title": "",
        "team": "",
        field: "Ann\x0bLee",
    }

    response = client.post(reverse("accounts:my_account"), data)

    learner.refresh_from_db()
    assert getattr(learner, field) != "Ann\x0bLee"
    assert "Remove the hidden control characters" in response.content.decode()
