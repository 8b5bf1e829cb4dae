"""The ledger of charges for places wasted: raised once, on the verified organisation, for a
late cancellation or a no-show (never a hand-over); waived with a reason; invoiced charges
never change except by a credit; who sees which charges."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from accounts import services as accounts_services
from bookings import services
from bookings.models import Attendance, Booking, Charge
from bookings.working_days import working_days_between
from tests.bookings.cohorts import mark_everyone, past_session
from tests.bookings.factories import BookingFactory, make_session
from tests.courses.factories import make_course
from tests.factories import OrganisationFactory, UserFactory
from tests.query_counts import count_queries

pytestmark = pytest.mark.django_db

LEDGER = "/admin/charges/"


def charging_course(**fields):
    course = make_course()
    course.late_cancellation_charge = fields.get("late", Decimal("50.00"))
    course.no_show_charge = fields.get("no_show", Decimal("90.00"))
    course.charge_notice_working_days = fields.get("notice", 3)
    course.save()
    return course


def session_in_working_days(course, working_days: int):
    """A session whose first day is `working_days` working days after today's next one."""
    day = timezone.localdate()
    counted = 0
    while counted <= working_days:
        day += dt.timedelta(days=1)
        if working_days_between(timezone.localdate(), day) > counted:
            counted += 1
    return make_session(course, days=[day], capacity=5)


def test_working_days_leave_out_weekends_and_bank_holidays():
    # Wednesday 23 December 2026 to Tuesday 29 December: Thursday 24 only (25, 28 are bank
    # holidays, 26-27 a weekend).
    assert working_days_between(dt.date(2026, 12, 23), dt.date(2026, 12, 29)) == 1


def test_a_late_cancellation_is_charged_once_to_the_verified_organisation(partner):
    session = session_in_working_days(charging_course(), 1)
    booking = BookingFactory(session=session, user=partner, line_manager_email="boss@x.example")

    services.cancel(booking=booking, by=training_admin_user())

    charge = Charge.objects.get(booking=booking)
    assert charge.kind == Charge.Kind.LATE_CANCELLATION
    assert charge.amount == Decimal("50.00")
    assert charge.organisation == partner.organisation
    recipients = {m.to[0] for m in mail.outbox if "charge" in m.subject}
    assert recipients == {partner.email, "boss@x.example"}
    assert (
        "waiver"
        in next(m for m in mail.outbox if m.to == [partner.email] and "charge" in m.subject).body
    )
    with pytest.raises(IntegrityError):
        Charge.objects.create(booking=booking, kind=Charge.Kind.NO_SHOW, amount=1, reason="twice")


def training_admin_user():
    return UserFactory(staff=True, training_admin=True)


def test_a_cancellation_with_enough_notice_is_not_charged(partner):
    session = session_in_working_days(charging_course(), 5)
    booking = BookingFactory(session=session, user=partner)

    services.cancel(booking=booking, by=partner)

    assert not Charge.objects.exists()


def test_a_hand_over_is_never_charged(partner):
    session = session_in_working_days(charging_course(), 1)
    booking = BookingFactory(session=session, user=partner)
    colleague = UserFactory(organisation=partner.organisation)

    services.hand_over(booking=booking, colleague=colleague, by=partner)

    assert not Charge.objects.exists()


def test_the_site_wide_default_applies_when_the_course_sets_none(partner):
    from bookings.models import ChargeSettings

    defaults = ChargeSettings.load()
    defaults.late_cancellation_charge = Decimal("40.00")
    defaults.save()
    session = session_in_working_days(make_course(), 1)
    booking = BookingFactory(session=session, user=partner)

    services.cancel(booking=booking, by=training_admin_user())

    assert Charge.objects.get().amount == Decimal("40.00")


def completed_with_one_no_show(trainer):
    session, bookings = past_session(trainers=[trainer], people=3, course=charging_course())
    mark_everyone(session)
    absent = bookings[0]
    Attendance.objects.filter(booking=absent).update(status=Attendance.Status.ABSENT)
    services.complete_session(session=session, by=trainer)
    return session, absent


def test_a_no_show_is_charged_once_even_if_the_session_is_completed_again(trainer, training_admin):
    session, absent = completed_with_one_no_show(trainer)

    assert Charge.objects.get().booking == absent
    services.reopen_session(session=session, by=training_admin, reason="Fix a mark")
    services.complete_session(session=session, by=training_admin)
    assert Charge.objects.count() == 1


def test_a_corrected_register_waives_the_no_show_charge(trainer, training_admin):
    session, absent = completed_with_one_no_show(trainer)
    services.reopen_session(session=session, by=training_admin, reason="They came")
    Attendance.objects.filter(booking=absent).update(status=Attendance.Status.PRESENT)

    services.complete_session(session=session, by=training_admin)

    charge = Charge.objects.get()
    assert charge.status == Charge.Status.WAIVED
    assert "Attendance corrected" in charge.waiver_reason


def test_waiving_needs_an_administrator_and_a_reason(trainer, training_admin, partner):
    completed_with_one_no_show(trainer)
    charge = Charge.objects.get()

    with pytest.raises(services.NotAllowed):
        services.waive_charge(charge=charge, by=partner, reason="Ill")
    with pytest.raises(services.BookingError, match="reason"):
        services.waive_charge(charge=charge, by=training_admin, reason="")
    services.waive_charge(charge=charge, by=training_admin, reason="Sickness")

    charge.refresh_from_db()
    assert charge.status == Charge.Status.WAIVED
    assert charge.waived_by == training_admin


def test_an_invoiced_charge_cannot_change_only_be_credited(trainer, training_admin):
    completed_with_one_no_show(trainer)
    charge = Charge.objects.get()

    assert services.mark_invoiced(charges=[charge], by=training_admin, reference="INV-1") == 1
    with pytest.raises(services.BookingError, match="credit it instead"):
        services.waive_charge(charge=charge, by=training_admin, reason="Ill")
    assert services.mark_invoiced(charges=[charge], by=training_admin, reference="INV-2") == 0
    credit = services.credit_charge(charge=charge, by=training_admin, reason="Sickness")

    charge.refresh_from_db()
    assert charge.invoice_reference == "INV-1"
    assert credit.amount == -charge.amount
    with pytest.raises(services.BookingError, match="already been credited"):
        services.credit_charge(charge=charge, by=training_admin, reason="Again")


def test_the_ledger_totals_and_marks_invoiced(client, trainer, training_admin):
    completed_with_one_no_show(trainer)
    client.force_login(training_admin)

    page = client.get(LEDGER).content.decode()
    assert "£90.00" in page
    response = client.post(
        reverse("bookings_ledger:mark_invoiced"),
        {"charge": [Charge.objects.get().pk], "invoice_reference": "INV-7"},
    )

    assert response.status_code == 302
    assert Charge.objects.get().invoice_reference == "INV-7"


def test_the_ledger_exports_csv_without_live_formulas(client, trainer, training_admin):
    session, absent = completed_with_one_no_show(trainer)
    type(absent.user).objects.filter(pk=absent.user_id).update(full_name="=cmd()")
    client.force_login(training_admin)

    response = client.get(LEDGER, {"export": "csv"})

    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else (response.content.decode())
    )
    assert "'=cmd()" in body
    assert "90.00" in body


def test_an_organisation_contact_sees_only_their_own_subtree(client, trainer):
    school = OrganisationFactory(name="Northfield Primary School")
    session, bookings = past_session(trainers=[trainer], people=2, course=charging_course())
    mine, other = bookings
    member = UserFactory(organisation=school, full_name="Morgan Member")
    Booking.objects.filter(pk=mine.pk).update(user=member)
    mark_everyone(session, Attendance.Status.ABSENT)
    services.complete_session(session=session, by=trainer)
    contact = UserFactory(email="head@northfield-school.example", organisation=school)
    accounts_services.make_organisation_contact(
        user=contact, organisation=school, by=training_admin_user()
    )
    client.force_login(contact)

    page = client.get(LEDGER).content.decode()

    assert Charge.objects.count() == 2
    assert "Morgan Member" in page
    assert other.user.full_name not in page
    assert "/waive/" not in page
    assert (
        client.get(reverse("bookings_ledger:waive", args=[Charge.objects.first().pk])).status_code
        == 302
    )


def test_people_without_a_role_cannot_see_the_ledger(client, partner):
    client.force_login(partner)

    assert client.get(LEDGER).status_code in (302, 403)


def test_the_ledger_costs_the_same_for_5_or_50_charges(client, training_admin):
    client.force_login(training_admin)
    course = charging_course()

    def add(count):
        session = make_session(course, capacity=count)
        for _ in range(count):
            booking = BookingFactory(session=session)
            Charge.objects.create(
                booking=booking,
                organisation=booking.user.organisation,
                kind=Charge.Kind.NO_SHOW,
                amount=Decimal("90"),
                reason="Did not attend",
            )

    add(5)
    client.get(LEDGER)
    few = count_queries(lambda: client.get(LEDGER))
    add(45)
    many = count_queries(lambda: client.get(LEDGER))

    assert few == many
