"""The learner's side: what is left to answer, the confidence question before, the feedback
form after, and the three-month follow-up link that works without signing in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bookings.models import Booking
from elearning.models import Enrolment

from . import selectors, services
from .forms import ConfidenceForm, GiveFeedbackForm
from .models import Participation


@login_required
def my_feedback(request: HttpRequest) -> HttpResponse:
    participations = list(selectors.participations_of(request.user))
    return render(
        request,
        "impact/my_feedback.html",
        {
            "before": selectors.before_questions(request.user),
            "to_answer": [p for p in participations if p.feedback_answered_at is None],
            "answered": [p for p in participations if p.feedback_answered_at is not None],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def confidence_before(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind == "session":
        booking = get_object_or_404(
            Booking.objects.select_related("session__course"), pk=pk, user=request.user
        )
        title, target = booking.session.course.title, {"booking": booking}
    elif kind == "module":
        enrolment = get_object_or_404(
            Enrolment.objects.select_related("module"), pk=pk, learner=request.user
        )
        if enrolment.module is None:
            raise Http404
        title, target = enrolment.module.title, {"enrolment": enrolment}
    else:
        raise Http404
    form = ConfidenceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_confidence_before(
                person=request.user, score=form.cleaned_data["confidence"], **target
            )
        except services.FeedbackRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Thank you. We will ask again when you have completed it."))
            return redirect("impact:my_feedback")
    return render(request, "impact/confidence_before.html", {"form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def give_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    participation = get_object_or_404(
        Participation.objects.select_related("course", "module", "session"),
        pk=pk,
        person=request.user,
    )
    if participation.completed_at is None:
        raise Http404
    if participation.feedback_answered_at is not None:
        messages.info(request, _("You have already given your feedback. Thank you."))
        return redirect("impact:my_feedback")
    feedback_form = services.form_for(participation)
    form = GiveFeedbackForm(
        request.POST if request.method == "POST" else None, feedback_form=feedback_form
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.submit_feedback(
                person=request.user,
                participation_id=participation.pk,
                confidence_after=form.cleaned_data["confidence"],
                answers=form.answers(),
                anonymous=form.cleaned_data.get("anonymous", False),
            )
        except services.FeedbackRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect("impact:my_feedback")
    return render(
        request,
        "impact/give_feedback.html",
        {"form": form, "participation": participation, "feedback_form": feedback_form},
    )


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, token: str) -> HttpResponse:
    try:
        participation = services.participation_for_follow_up(token)
    except services.FollowUpLinkInvalid as refusal:
        return render(
            request, "impact/follow_up_invalid.html", {"reason": refusal.message}, status=410
        )
    form = ConfidenceForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_follow_up(token=token, score=form.cleaned_data["confidence"])
        except services.FollowUpLinkInvalid as refusal:
            return render(
                request, "impact/follow_up_invalid.html", {"reason": refusal.message}, status=410
            )
        return render(request, "impact/follow_up_done.html")
    return render(
        request,
        "impact/follow_up.html",
        {"form": form, "title": participation.subject_title},
    )
