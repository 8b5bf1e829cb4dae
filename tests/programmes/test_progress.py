"""Each kind of requirement at its edges, counted from real records."""

import datetime as dt

import pytest
from django.utils import timezone

from bookings.models import Session
from courses.choices import CourseType
from elearning.models import Enrolment as ModuleEnrolment
from programmes import selectors
from programmes.models import Exemption, months_from
from programmes.progress import PeriodStatus, RequirementStatus, Standing, periods_of
from tests.elearning.factories import make_module
from tests.factories import UserFactory

from .factories import (
    ABSENT,
    PRESENT,
    Kind,
    attend,
    course_of,
    days_ago,
    enrol,
    make_programme,
    run_session,
)

pytestmark = pytest.mark.django_db


def progress(enrolment, **kwargs):
    enrolment.refresh_from_db()
    return selectors.progress_of_one(enrolment, **kwargs)


def first(enrolment, **kwargs):
    return progress(enrolment, **kwargs).requirements[0]


@pytest.fixture
def lead():
    return UserFactory(staff=True, practice_lead=True, full_name="Lee Lead")


# The calendar


def test_months_from_ends_the_day_before_the_same_date_and_clamps_short_months():
    assert months_from(dt.date(2026, 2, 14), 12) == dt.date(2027, 2, 13)
    assert months_from(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 27)
    assert months_from(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 28)


def test_periods_cover_the_enrolment_without_gaps_and_the_last_ends_on_the_due_date():
    start = dt.date(2026, 1, 15)
    due = months_from(start, 12)

    periods = periods_of(start, due, 2)

    assert len(periods) == 6
    assert periods[0] == (dt.date(2026, 1, 15), dt.date(2026, 3, 14))
    assert all(
        b[0] - a[1] == dt.timedelta(days=1) for a, b in zip(periods, periods[1:], strict=False)
    )
    assert periods[-1][1] == due == dt.date(2027, 1, 14)


# Complete a course


def test_a_course_completed_on_the_last_day_of_its_window_counts_and_the_day_after_does_not(
    lead,
):
    five_day = course_of(CourseType.FIVE_DAY)
    start = days_ago(200)
    window_end = months_from(start, 3)
    programme = make_programme(
        [{"kind": Kind.COMPLETE_COURSE, "course": five_day, "within_months": 3}]
    )
    on_time, late = UserFactory(staff=True), UserFactory(staff=True)
    run_session(five_day, [window_end], marks={on_time: PRESENT})
    run_session(five_day, [window_end + dt.timedelta(days=1)], marks={late: PRESENT})

    met = first(enrol(on_time, programme, start=start))
    missed = first(enrol(late, programme, start=start))

    assert (met.status, met.met_on) == (RequirementStatus.COMPLETED, window_end)
    assert missed.status == RequirementStatus.OVERDUE
    assert missed.deadline == window_end
    assert [e.reason for e in missed.not_counted] == [
        f"After the deadline ({window_end:%-d %B %Y})"
    ]


def test_a_course_on_the_first_day_counts_and_the_day_before_only_if_earlier_records_count():
    two_day = course_of(CourseType.TWO_DAY)
    start = days_ago(60)
    strict = make_programme([{"kind": Kind.COMPLETE_COURSE, "course": two_day}])
    lenient = make_programme(
        [{"kind": Kind.COMPLETE_COURSE, "course": two_day, "earlier_records_count": True}]
    )
    on_start, before = UserFactory(staff=True), UserFactory(staff=True)
    run_session(two_day, [start], marks={on_start: PRESENT})
    run_session(two_day, [start - dt.timedelta(days=1)], marks={before: PRESENT})

    assert first(enrol(on_start, strict, start=start)).status == RequirementStatus.COMPLETED
    refused = first(enrol(before, strict, start=start))
    assert refused.status == RequirementStatus.NOT_STARTED
    assert refused.not_counted[0].reason == "Before the enrolment started"
    assert first(enrol(before, lenient, start=start)).status == RequirementStatus.COMPLETED


def test_absence_on_one_day_of_a_two_day_course_means_it_does_not_count(lead):
    two_day = course_of(CourseType.TWO_DAY)
    programme = make_programme([{"kind": Kind.COMPLETE_COURSE, "course": two_day}])
    enrolment = enrol(lead, programme, start=days_ago(90))
    run_session(two_day, [days_ago(30), days_ago(23)], marks={lead: [PRESENT, ABSENT]})

    item = first(enrolment, with_absences=True)

    assert item.status == RequirementStatus.NOT_STARTED
    assert item.done == 0
    assert item.not_counted[0].reason == (
        f"Not present on every day: marked absent or late on {days_ago(23):%-d %B %Y}"
    )


def test_cancelled_and_not_yet_completed_sessions_do_not_count(lead):
    two_day = course_of(CourseType.TWO_DAY)
    programme = make_programme([{"kind": Kind.COMPLETE_COURSE, "course": two_day}])
    enrolment = enrol(lead, programme, start=days_ago(90))
    awaiting = run_session(two_day, [days_ago(20)], marks={lead: PRESENT}, complete=False)
    cancelled = run_session(two_day, [days_ago(10)], marks={lead: PRESENT}, complete=False)
    Session.objects.filter(pk=cancelled.pk).update(status=Session.Status.CANCELLED)

    item = first(enrolment)

    assert item.done == 0
    assert {(e.session_id, e.reason) for e in item.not_counted} == {
        (awaiting.pk, "The session has not been completed yet"),
        (cancelled.pk, "The session was cancelled"),
    }
    assert item.status == RequirementStatus.IN_PROGRESS, "a place awaiting completion"


# Attend N sessions


@pytest.fixture
def eight_sessions():
    course = course_of()
    return course, make_programme(
        [{"kind": Kind.ATTEND_SESSIONS, "course": course, "count_required": 8}]
    )


def test_exactly_n_sessions_meets_it_and_n_minus_one_does_not(lead, eight_sessions):
    course, programme = eight_sessions
    enrolment = enrol(lead, programme, start=days_ago(300))
    for n in range(7):
        attend(course, lead, on=days_ago(290 - 30 * n))

    seven = first(enrolment)
    assert (seven.status, seven.done, seven.counts_display) == (
        RequirementStatus.IN_PROGRESS,
        7,
        "7 of 8",
    )

    attend(course, lead, on=days_ago(5))
    eight = first(enrolment)
    assert (eight.status, eight.done, eight.met_on) == (
        RequirementStatus.COMPLETED,
        8,
        days_ago(5),
    )


def test_sessions_outside_the_enrolment_period_do_not_count(lead, eight_sessions):
    course, programme = eight_sessions
    start = days_ago(400)
    enrolment = enrol(lead, programme, start=start)
    due = enrolment.due_date
    attend(course, lead, on=start - dt.timedelta(days=1))
    attend(course, lead, on=start)
    attend(course, lead, on=due)
    attend(course, lead, on=due + dt.timedelta(days=1))

    item = first(enrolment)

    assert [e.on for e in item.counted] == [start, due]
    assert [e.reason for e in item.not_counted] == [
        "Before the enrolment started",
        f"After the deadline ({due:%-d %B %Y})",
    ]


def test_a_no_show_is_shown_as_not_attending(lead, eight_sessions):
    course, programme = eight_sessions
    enrolment = enrol(lead, programme, start=days_ago(100))
    attend(course, lead, on=days_ago(50), status=ABSENT)

    assert [e.reason for e in first(enrolment).not_counted] == ["Did not attend"]


def test_falling_behind_the_pace_is_at_risk_but_a_new_start_is_not(lead, eight_sessions):
    course, programme = eight_sessions
    fresh = enrol(lead, programme, start=days_ago(10))
    behind_person = UserFactory(staff=True)
    behind = enrol(behind_person, programme, start=days_ago(200))
    attend(course, behind_person, on=days_ago(150))

    assert not first(fresh).at_risk
    assert progress(fresh).standing == Standing.ON_TRACK
    assert first(behind).at_risk, "1 of 8 after more than half the year"
    assert progress(behind).standing == Standing.AT_RISK


# Attend regularly


@pytest.fixture
def network():
    course = course_of(CourseType.PRACTICE_LEAD_NETWORK)
    return course, make_programme(
        [
            {
                "kind": Kind.ATTEND_REGULARLY,
                "course": course,
                "period_months": 2,
                "missed_periods_allowed": 1,
            }
        ]
    )


def test_two_meetings_in_one_period_count_once(lead, network):
    course, programme = network
    start = days_ago(100)
    enrolment = enrol(lead, programme, start=start)
    attend(course, lead, on=start + dt.timedelta(days=5))
    attend(course, lead, on=start + dt.timedelta(days=20))

    item = first(enrolment)

    assert item.done == 1
    assert [p.status for p in item.periods[:2]] == [PeriodStatus.ATTENDED, PeriodStatus.UPCOMING]
    assert [e.reason for e in item.not_counted] == [
        "Another meeting already counted for this period"
    ]
    assert item.counts_display == "1 of 6 periods"


def test_a_missed_period_is_allowed_once_and_a_second_makes_it_overdue(lead, network):
    course, programme = network
    start = days_ago(250)
    one_missed = enrol(lead, programme, start=start)
    periods = periods_of(start, one_missed.due_date, 2)
    attend(course, lead, on=periods[1][0])
    attend(course, lead, on=periods[3][0])

    item = first(one_missed)
    assert [p.status for p in item.periods] == [
        PeriodStatus.MISSED,
        PeriodStatus.ATTENDED,
        PeriodStatus.MISSED,
        PeriodStatus.ATTENDED,
        PeriodStatus.UPCOMING,
        PeriodStatus.UPCOMING,
    ]
    assert item.status == RequirementStatus.OVERDUE

    other = UserFactory(staff=True)
    other_enrolment = enrol(other, programme, start=start)
    for number in (1, 2, 3):
        attend(course, other, on=periods[number][1])
    ok = first(other_enrolment)
    assert (ok.status, ok.missed_periods, ok.done) == (RequirementStatus.IN_PROGRESS, 1, 3)


def test_every_period_but_the_allowed_miss_meets_it(lead, network):
    course, programme = network
    start = days_ago(420)
    enrolment = enrol(lead, programme, start=start)
    periods = periods_of(start, enrolment.due_date, 2)
    for period_start, _end in periods[1:]:
        attend(course, lead, on=period_start)

    item = first(enrolment)

    assert (item.status, item.done, item.needed) == (RequirementStatus.COMPLETED, 5, 5)
    assert item.met_on == periods[-1][0]


# E-learning and delivering


def test_a_module_counts_when_completed_within_its_window(lead):
    module = make_module(lessons=1)
    programme = make_programme([{"kind": Kind.COMPLETE_MODULE, "module": module}])
    enrolment = enrol(lead, programme, start=days_ago(30))
    record = ModuleEnrolment.objects.create(
        learner=lead, module=module, module_key=module.translation_key
    )
    assert first(enrolment).status == RequirementStatus.IN_PROGRESS, "started"

    record.completed_at = timezone.now() - dt.timedelta(days=2)
    record.save()
    assert first(enrolment).status == RequirementStatus.COMPLETED


def test_delivering_counts_completed_sessions_the_person_was_a_trainer_on():
    trainee = UserFactory(staff=True, trainer=True)
    two_day = course_of(CourseType.TWO_DAY)
    programme = make_programme(
        [{"kind": Kind.DELIVER_SESSIONS, "course": two_day, "count_required": 2}]
    )
    enrolment = enrol(trainee, programme, start=days_ago(120))
    run_session(two_day, [days_ago(60), days_ago(59)], trainers=[trainee])
    run_session(two_day, [days_ago(30)], trainers=[trainee], complete=False)
    run_session(two_day, [days_ago(20)], trainers=[UserFactory(staff=True, trainer=True)])

    item = first(enrolment)

    assert (item.status, item.done, item.counts_display) == (
        RequirementStatus.IN_PROGRESS,
        1,
        "1 of 2",
    )
    assert [e.reason for e in item.not_counted] == ["The session has not been completed yet"]


# Exemptions and the whole enrolment


def test_an_exemption_meets_a_requirement_with_nothing_attended(lead, eight_sessions):
    _course, programme = eight_sessions
    enrolment = enrol(lead, programme, start=days_ago(30))
    Exemption.objects.create(
        enrolment=enrolment,
        requirement=programme.requirements.get(),
        kind=Exemption.Kind.PRIOR_LEARNING,
        reason="Completed with another authority",
    )

    result = progress(enrolment)

    assert result.requirements[0].status == RequirementStatus.EXEMPTED
    assert result.is_met
    assert result.met_on == timezone.localdate()


def test_an_overdue_requirement_makes_the_enrolment_overdue(lead, eight_sessions):
    _course, programme = eight_sessions
    enrolment = enrol(lead, programme, start=days_ago(500))

    result = progress(enrolment)

    assert result.requirements[0].status == RequirementStatus.OVERDUE
    assert result.standing == Standing.OVERDUE
    assert result.percent == 0


# At risk: cannot finish in time at the current rate


def test_a_course_not_done_four_weeks_before_its_deadline_is_at_risk(lead):
    five_day = course_of(CourseType.FIVE_DAY)
    programme = make_programme(
        [{"kind": Kind.COMPLETE_COURSE, "course": five_day, "within_months": 6}]
    )
    close = enrol(lead, programme, start=timezone.localdate() - dt.timedelta(days=170))
    far = enrol(UserFactory(staff=True), programme, start=days_ago(100))

    item = first(close)
    assert (item.deadline - timezone.localdate()).days <= 28
    assert item.at_risk
    assert not first(far).at_risk


def test_an_unattended_period_ending_soon_is_at_risk_only_with_no_miss_to_spare(lead):
    network = course_of(CourseType.PRACTICE_LEAD_NETWORK)
    strict = make_programme(
        [{"kind": Kind.ATTEND_REGULARLY, "course": network, "period_months": 2}]
    )
    lenient = make_programme(
        [
            {
                "kind": Kind.ATTEND_REGULARLY,
                "course": network,
                "period_months": 2,
                "missed_periods_allowed": 1,
            }
        ]
    )
    start = months_from(timezone.localdate(), -2) + dt.timedelta(days=10)

    ending_soon = first(enrol(lead, strict, start=start))
    spare = first(enrol(UserFactory(staff=True), lenient, start=start))
    fresh = first(enrol(UserFactory(staff=True), strict, start=days_ago(3)))

    assert ending_soon.periods[0].status == PeriodStatus.UPCOMING
    assert ending_soon.at_risk
    assert not spare.at_risk
    assert not fresh.at_risk
