import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from accounts.models import User
from bookings import selectors
from bookings.models import Booking, CourseInterest, Session, SessionDay, Venue
from bookings.permissions import user_can_manage_session, user_can_run_cohorts
from bookings.working_days import is_working_day
from courses.choices import CourseType
from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        model.objects.count() for model in (CoursePage, Venue, Session, Booking, CourseInterest)
    )


def test_the_demo_has_every_kind_of_session_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    first = counts()
    call_command("seed_demo", stdout=io.StringIO())

    assert counts() == first
    assert set(CoursePage.objects.values_list("course_type", flat=True)) == set(CourseType.values)
    assert Venue.objects.filter(is_online=True).exists()
    civic_centre = Venue.objects.get(name="Civic Centre, Committee Room 2")
    assert civic_centre.sessions.exists()
    with translation.override("cy"):
        assert civic_centre.localized.name == "Canolfan Ddinesig, Ystafell Bwyllgor 2"
    upcoming = list(selectors.upcoming_sessions())
    assert any(s.places_left == 1 for s in upcoming), "one nearly full"
    assert any(s.places_left == 0 and s.waitlist_count > 0 for s in upcoming), "one full"
    two_day = [s for s in upcoming if len(s.ordered_days) == 2]
    assert any((s.ordered_days[1].date - s.ordered_days[0].date).days > 1 for s in two_day)
    assert not SessionDay.objects.filter(date__week_day__in=[1, 7]).exists(), "no weekends"
    assert all(is_working_day(day.date) for day in SessionDay.objects.all()), "no bank holidays"
    trainer_sessions = Session.objects.filter(trainers__email="trainer@example-borough.gov.uk")
    assert trainer_sessions.count() >= 3
    last_week = timezone.localdate() - dt.timedelta(days=7)
    to_complete = selectors.sessions_with_places_left(
        trainer_sessions.filter(status=Session.Status.SCHEDULED)
    ).filter(first_date__gte=last_week - dt.timedelta(days=3), first_date__lt=timezone.localdate())
    assert to_complete.filter(confirmed_count__gt=0).exists()
    full_register = to_complete.get(confirmed_count=12)
    assert full_register.confirmed_count == full_register.capacity
    assert Booking.objects.filter(session=full_register).exclude(access_needs="").exists()
    demo_trainer = User.objects.get(email="trainer@example-borough.gov.uk")
    assert user_can_run_cohorts(demo_trainer)
    assert user_can_manage_session(demo_trainer, full_register)


def test_the_demo_shows_the_tree_held_places_and_the_charges_ledger(settings, client):
    from accounts.models import Membership, Organisation
    from bookings.models import Charge, SessionReservation

    settings.DEBUG = True
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    team = Organisation.objects.get(name="Example Borough Council: Child Protection")
    assert [node.name for node in team.lineage()] == [
        "Example Borough Council: Child Protection",
        "Example Borough Council: Children's Services",
        "Example Borough Council",
    ]
    assert Organisation.objects.get(name="Northfield Primary School").domain_list == [
        "northfield-school.example"
    ]
    assert SessionReservation.objects.count() == 1
    kinds = sorted(
        Charge.objects.filter(
            booking__session__internal_notes="Demo session: two-day-charges"
        ).values_list("kind", "status")
    )
    assert kinds == [
        ("late_cancellation", "raised"),
        ("no_show", "raised"),
        ("no_show", "waived"),
    ]
    assert Membership.objects.filter(status="requested").count() == 1
    client.force_login(User.objects.get(email="schools.contact@northfield-school.example"))
    assert "Demo Volunteer" in client.get("/admin/organisation-members/requests/").content.decode()
