"""Every change to feedback and confidence: asking, reminding, answering, following up."""

import calendar
import datetime as dt
from dataclasses import dataclass

from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bookings.models import Booking
from elearning.models import Enrolment

from . import notifications
from .models import (
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
    Participation,
    new_nonce,
)

REMINDER_AFTER = dt.timedelta(days=7)
FOLLOW_UP_AFTER_MONTHS = 3
FOLLOW_UP_SALT = "impact.confidence-follow-up"
FOLLOW_UP_LINK_MAX_AGE = dt.timedelta(days=30)


class ImpactError(Exception):
    """A refusal to show the person as it is."""

    def __init__(self, message: str = ""):
        super().__init__(message)
        self.message = message


class FeedbackRefused(ImpactError):
    pass


class FollowUpLinkInvalid(ImpactError):
    def __init__(self, message: str = ""):
        super().__init__(message or _("This link is not valid. It may have been mistyped."))


def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same time `months` calendar months earlier (31 May less 3 months: 28/29 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def form_for(participation: Participation) -> FeedbackForm | None:
    """The course's or module's own form, else the default form."""
    forms = FeedbackForm.objects.filter(course=None, module=None)
    if participation.course_id:
        forms = FeedbackForm.objects.filter(course_id=participation.course_id) | forms
    elif participation.module_id:
        forms = FeedbackForm.objects.filter(module_id=participation.module_id) | forms
    # The course's or module's own form sorts before the default one.
    return min(
        forms, key=lambda form: form.course_id is None and form.module_id is None, default=None
    )


def _participation_for_booking(booking: Booking) -> Participation:
    participation, _created = Participation.objects.get_or_create(
        booking=booking,
        defaults={
            "person": booking.user,
            "organisation_id": booking.user.organisation_id,
            "course_id": booking.session.course_id,
            "session": booking.session,
        },
    )
    return participation


def _participation_for_enrolment(enrolment: Enrolment) -> Participation:
    participation, _created = Participation.objects.get_or_create(
        enrolment=enrolment,
        defaults={
            "person": enrolment.learner,
            "organisation_id": enrolment.learner.organisation_id,
            "module_id": enrolment.module_id,
        },
    )
    return participation


def _ask_for_feedback(participation: Participation, *, completed_at: dt.datetime) -> bool:
    """Record the completion and send the feedback request once."""
    participation.completed_at = completed_at
    fields = ["completed_at"]
    sent = participation.feedback_sent_at is None
    if sent:
        participation.feedback_sent_at = timezone.now()
        fields.append("feedback_sent_at")
    participation.save(update_fields=fields)
    if sent:
        notifications.feedback_requested(participation)
    return sent


@transaction.atomic
def ask_attendee_for_feedback(*, booking: Booking) -> bool:
    """A completed attendee is asked for feedback (and their confidence after). Returns whether
    an email went (not again if the session is completed a second time)."""
    participation = _participation_for_booking(booking)
    return _ask_for_feedback(
        participation, completed_at=booking.completed_at or booking.session.completed_at
    )


@transaction.atomic
def ask_learner_for_feedback(*, enrolment: Enrolment, completed_at: dt.datetime) -> bool:
    return _ask_for_feedback(_participation_for_enrolment(enrolment), completed_at=completed_at)


def _check_score(score: int) -> int:
    if not isinstance(score, int) or not 0 <= score <= 10:
        raise FeedbackRefused(_("Choose a number from 0 to 10."))
    return score


@transaction.atomic
def record_confidence_before(
    *, person, booking: Booking | None = None, enrolment: Enrolment | None = None, score: int
) -> Participation:
    """The person's confidence before the course or module, asked once they have a place (or
    have started) and until they complete it."""
    _check_score(score)
    if booking is not None:
        if booking.user_id != person.pk or booking.status not in Booking.ACTIVE_STATUSES:
            raise FeedbackRefused(_("You do not have a place on this session."))
        participation = _participation_for_booking(booking)
    elif enrolment is not None:
        if enrolment.learner_id != person.pk:
            raise FeedbackRefused(_("You have not started this module."))
        participation = _participation_for_enrolment(enrolment)
    else:
        raise FeedbackRefused(_("Choose a session or a module."))
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.completed_at is not None:
        raise FeedbackRefused(
            _(
                "You have completed this already: it is too late to say how "
                "confident you felt before."
            )
        )
    participation.confidence_before = score
    participation.before_at = timezone.now()
    participation.full_clean()
    participation.save(update_fields=["confidence_before", "before_at"])
    return participation


@dataclass(frozen=True)
class FeedbackGiven:
    participation: Participation
    response: FeedbackResponse | None


@transaction.atomic
def submit_feedback(
    *,
    person,
    participation_id: int,
    confidence_after: int,
    answers: dict[int, int | str],
    anonymous: bool = False,
) -> FeedbackGiven:
    """Store the person's answers once. `answers` maps question ids to a rating (1 to 5) or a
    text. Anonymous answers keep neither the person nor their participation: only the day."""
    participation = (
        Participation.objects.select_for_update().filter(pk=participation_id, person=person).first()
    )
    if participation is None:
        raise FeedbackRefused(_("There is no feedback to give here."))
    if participation.completed_at is None:
        raise FeedbackRefused(_("You can give feedback once you have completed it."))
    if participation.feedback_answered_at is not None:
        raise FeedbackRefused(_("You have already given your feedback. Thank you."))
    _check_score(confidence_after)
    form = form_for(participation)
    if anonymous and (form is None or not form.allow_anonymous):
        raise FeedbackRefused(_("Answers to this form cannot be anonymous."))
    now = timezone.now()
    response = None
    if form is not None:
        response = FeedbackResponse.objects.create(
            form=form,
            participation=None if anonymous else participation,
            person=None if anonymous else person,
            is_anonymous=anonymous,
            course_id=participation.course_id,
            session_id=participation.session_id,
            module_id=participation.module_id,
            organisation_id=participation.organisation_id,
            submitted_on=timezone.localdate(now),
        )
        rows = []
        for question in form.questions.all():
            value = answers.get(question.pk)
            if value in (None, ""):
                if question.required:
                    raise FeedbackRefused(
                        _("Answer the question: %(question)s") % {"question": question.text}
                    )
                continue
            rating = value if question.kind == FeedbackQuestion.Kind.RATING else None
            if rating is not None and (not isinstance(rating, int) or not 1 <= rating <= 5):
                raise FeedbackRefused(_("Choose a rating from 1 to 5."))
            rows.append(
                FeedbackAnswer(
                    response=response,
                    question=question,
                    question_text=question.text,
                    topic=question.topic if rating is not None else "",
                    rating=rating,
                    text="" if rating is not None else str(value).strip(),
                )
            )
        FeedbackAnswer.objects.bulk_create(rows)
    participation.confidence_after = confidence_after
    participation.after_at = now
    participation.feedback_answered_at = now
    participation.save(update_fields=["confidence_after", "after_at", "feedback_answered_at"])
    return FeedbackGiven(participation=participation, response=response)


def send_feedback_reminders(*, now: dt.datetime | None = None) -> int:
    """One reminder a week after the request, to whoever has not answered. Each row is claimed
    by a conditional update, so running this twice (or twice at once) reminds nobody twice."""
    now = now or timezone.now()
    due = Participation.objects.filter(
        feedback_sent_at__lte=now - REMINDER_AFTER,
        feedback_answered_at=None,
        feedback_reminded_at=None,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            claimed = Participation.objects.filter(pk=pk, feedback_reminded_at=None).update(
                feedback_reminded_at=now
            )
            if claimed:
                notifications.feedback_reminder(
                    Participation.objects.select_related("person", "course", "module").get(pk=pk)
                )
                sent += 1
    return sent


def follow_up_token(participation: Participation) -> str:
    return signing.dumps(
        {"p": participation.pk, "n": participation.follow_up_nonce}, salt=FOLLOW_UP_SALT
    )


def send_follow_ups(*, now: dt.datetime | None = None) -> int:
    """Three months after completion, ask once more how confident the person feels, by an email
    with a signed single-use link. Safe to repeat: each row is claimed once."""
    now = now or timezone.now()
    due = Participation.objects.filter(
        completed_at__lte=months_before(now, FOLLOW_UP_AFTER_MONTHS),
        follow_up_sent_at=None,
        confidence_follow_up=None,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            nonce = new_nonce()
            claimed = Participation.objects.filter(pk=pk, follow_up_sent_at=None).update(
                follow_up_sent_at=now, follow_up_nonce=nonce
            )
            if claimed:
                participation = Participation.objects.select_related(
                    "person", "course", "module"
                ).get(pk=pk)
                notifications.follow_up(
                    participation,
                    token=follow_up_token(participation),
                    valid_days=FOLLOW_UP_LINK_MAX_AGE.days,
                )
                sent += 1
    return sent


def participation_for_follow_up(token: str) -> Participation:
    """Raises FollowUpLinkInvalid if the link is tampered with, expired or already used."""
    try:
        payload = signing.loads(
            token, salt=FOLLOW_UP_SALT, max_age=FOLLOW_UP_LINK_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired as error:
        raise FollowUpLinkInvalid(_("This link has expired.")) from error
    except signing.BadSignature as error:
        raise FollowUpLinkInvalid() from error
    participation = (
        Participation.objects.select_related("course", "module", "person")
        .filter(pk=payload.get("p"))
        .first()
    )
    if (
        participation is None
        or not participation.follow_up_nonce
        or participation.follow_up_nonce != payload.get("n")
    ):
        raise FollowUpLinkInvalid(_("This link has already been used."))
    return participation


@transaction.atomic
def record_follow_up(*, token: str, score: int) -> Participation:
    _check_score(score)
    participation = participation_for_follow_up(token)
    participation = Participation.objects.select_for_update().get(pk=participation.pk)
    if participation.follow_up_nonce != signing.loads(token, salt=FOLLOW_UP_SALT).get("n"):
        raise FollowUpLinkInvalid(_("This link has already been used."))
    participation.confidence_follow_up = score
    participation.follow_up_at = timezone.now()
    participation.follow_up_nonce = ""
    participation.save(update_fields=["confidence_follow_up", "follow_up_at", "follow_up_nonce"])
    return participation
