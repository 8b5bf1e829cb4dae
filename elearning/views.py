"""Public e-learning views. The page types' `serve()` hand over to the functions here."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from . import services
from .forms import EXERCISE_FORMS, AttemptForm, initial_from_answer
from .models import AssessmentAttempt, AssessmentPage, Enrolment, LessonPage, ModulePage
from .permissions import audiences_for, user_can_track_progress, user_can_view_module
from .selectors import (
    answers_for_lesson,
    enrolments_of,
    module_progress,
    open_attempt,
    progress_for_modules,
    written_answers_of,
)


def render_page(request, page, extra_context: dict, *, status: int = 200) -> TemplateResponse:
    context = page.get_context(request)
    context.update(extra_context)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def sign_in_url(request) -> str:
    return f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.get_full_path()})}"


def refuse_module(request, module: ModulePage):
    """Signed-out visitors are asked to sign in; signed-in people get a friendly explanation."""
    if not request.user.is_authenticated:
        return HttpResponseRedirect(sign_in_url(request))
    return TemplateResponse(
        request, "elearning/not_available.html", {"module": module, "page": module}, status=403
    )


def serve_module_index(request, index):
    modules = list(
        ModulePage.objects.child_of(index)
        .live()
        .public()
        .filter(audience__in=audiences_for(request.user))
        .order_by("path")
    )
    progress = progress_for_modules(learner=request.user, modules=modules)
    return render_page(
        request, index, {"modules": [(module, progress[module.pk]) for module in modules]}
    )


def serve_module(request, module: ModulePage):
    if not user_can_view_module(request.user, module):
        return refuse_module(request, module)
    if user_can_track_progress(request.user, module):
        services.enrol(learner=request.user, module=module)
    progress = module_progress(learner=request.user, module=module)
    assessment = module.assessment if progress.has_assessment else None
    continue_to = progress.first_unfinished_lesson()
    if continue_to is None and assessment and not progress.assessment_passed:
        continue_to = assessment
    return render_page(
        request,
        module,
        {
            "progress": progress,
            "assessment": assessment,
            "continue_to": continue_to,
            "tracking": user_can_track_progress(request.user, module),
        },
    )


def lesson_neighbours(progress, lesson: LessonPage, assessment):
    lessons = progress.lessons
    index = next((i for i, candidate in enumerate(lessons) if candidate.pk == lesson.pk), None)
    if index is None:  # a draft being previewed
        return None, None, None
    previous = lessons[index - 1] if index > 0 else None
    following = lessons[index + 1] if index + 1 < len(lessons) else assessment
    return index + 1, previous, following


def serve_lesson(request, lesson: LessonPage):
    module = services.module_of(lesson)
    if not user_can_view_module(request.user, module):
        return refuse_module(request, module)
    # Editors previewing a draft are not taking the module.
    tracking = user_can_track_progress(request.user, module) and not getattr(
        request, "is_preview", False
    )
    if request.method == "POST":
        if not tracking:
            return HttpResponseRedirect(sign_in_url(request))
        if request.POST.get("action") == "complete":
            return complete_lesson(request, lesson, module)
        bound_block_id = request.POST.get("block_id", "")
    else:
        bound_block_id = None
    if tracking:
        try:
            progress = services.record_lesson_visit(
                learner=request.user, lesson=lesson, module=module
            )
        except services.LessonLocked as locked:
            messages.info(request, str(locked))
            return redirect(module.get_url(request))
    else:
        progress = module_progress(learner=request.user, module=module)
    answers = answers_for_lesson(learner=request.user, lesson=lesson)
    items, error_form = [], None
    for block in lesson.body:
        form_class = EXERCISE_FORMS.get(block.block_type)
        answer = answers.get(block.id)
        form = None
        if form_class is not None:
            if block.id == bound_block_id:
                form = form_class(request.POST, prefix=block.id, block_value=block.value)
                if form.is_valid():
                    try:
                        services.save_exercise_answer(
                            learner=request.user,
                            lesson=lesson,
                            block_id=block.id,
                            answer=form.answer(),
                        )
                    except services.ElearningError as error:
                        messages.error(request, str(error))
                    return HttpResponseRedirect(f"{lesson.get_url(request)}#exercise-{block.id}")
                error_form = form
            else:
                form = form_class(
                    prefix=block.id,
                    block_value=block.value,
                    initial=initial_from_answer(
                        block.block_type, answer.answer if answer else None
                    ),
                )
        items.append({"block": block, "form": form, "answer": answer})
    if bound_block_id is not None and error_form is None:
        messages.error(request, "That exercise is no longer part of this lesson.")
        return HttpResponseRedirect(lesson.get_url(request))

    assessment = module.assessment if progress.has_assessment else None
    position, previous, following = lesson_neighbours(progress, lesson, assessment)
    return render_page(
        request,
        lesson,
        {
            "module": module,
            "progress": progress,
            "items": items,
            "form": error_form,
            "position": position,
            "previous": previous,
            "next": following,
            "tracking": tracking,
            "is_complete": progress.is_lesson_complete(lesson),
        },
        status=400 if error_form else 200,
    )


def complete_lesson(request, lesson: LessonPage, module: ModulePage):
    already_completed = Enrolment.objects.filter(
        learner=request.user, module_key=module.translation_key, completed_at__isnull=False
    ).exists()
    try:
        enrolment = services.mark_lesson_complete(learner=request.user, lesson=lesson)
    except services.LessonLocked as locked:
        messages.info(request, str(locked))
        return redirect(module.get_url(request))
    if enrolment.completed_at and not already_completed:
        return redirect("elearning:module_completed", module_id=module.pk)
    progress = module_progress(learner=request.user, module=module)
    assessment = module.assessment if progress.has_assessment else None
    _, _, following = lesson_neighbours(progress, lesson, assessment)
    return redirect((following or module).get_url(request))


def serve_assessment(request, assessment: AssessmentPage):
    module = services.module_of(assessment)
    if not user_can_view_module(request.user, module):
        return refuse_module(request, module)
    if not user_can_track_progress(request.user, module):
        return render_page(request, assessment, {"module": module, "tracking": False})
    progress = module_progress(learner=request.user, module=module)
    if not progress.assessment_is_open():
        messages.info(request, "Complete every lesson before taking the assessment.")
        return redirect(module.get_url(request))

    action = request.POST.get("action") if request.method == "POST" else None
    if action == "start":
        try:
            services.start_attempt(learner=request.user, assessment=assessment)
        except services.ElearningError as error:
            messages.error(request, str(error))
        return redirect(assessment.get_url(request))
    if action == "submit":
        return submit_attempt(request, assessment, module, progress)

    attempt = open_attempt(learner=request.user, assessment=assessment)
    form = AttemptForm(attempt=attempt) if attempt else None
    return render_assessment(request, assessment, module, progress, attempt, form)


def render_assessment(request, assessment, module, progress, attempt, form, *, status=200):
    past_attempts = AssessmentAttempt.objects.filter(
        learner=request.user,
        assessment_key=assessment.translation_key,
        submitted_at__isnull=False,
    ).order_by("-submitted_at")
    return render_page(
        request,
        assessment,
        {
            "module": module,
            "progress": progress,
            "attempt": attempt,
            "form": form,
            "past_attempts": past_attempts,
            "tracking": True,
        },
        status=status,
    )


def submit_attempt(request, assessment, module, progress):
    attempt = AssessmentAttempt.objects.filter(
        learner=request.user,
        assessment_key=assessment.translation_key,
        pk=request.POST.get("attempt", "") if request.POST.get("attempt", "").isdigit() else None,
    ).first()
    if attempt is None:
        messages.info(request, "That attempt has expired. Your current attempt is below.")
        return redirect(assessment.get_url(request))
    if attempt.is_submitted:
        messages.info(request, str(services.AttemptAlreadySubmitted()))
        return redirect("elearning:attempt_result", attempt_id=attempt.pk)
    form = AttemptForm(request.POST, attempt=attempt)
    if not form.is_valid():
        return render_assessment(request, assessment, module, progress, attempt, form, status=400)
    try:
        attempt = services.submit_attempt(attempt=attempt, answers=form.answers())
    except services.AttemptAlreadySubmitted as error:
        messages.info(request, str(error))
        return redirect("elearning:attempt_result", attempt_id=attempt.pk)
    except services.InvalidAnswers as error:
        messages.error(request, str(error))
        return redirect(assessment.get_url(request))
    if attempt.passed and not progress.is_completed:
        completed = Enrolment.objects.filter(
            learner=request.user, module_key=module.translation_key, completed_at__isnull=False
        ).exists()
        if completed:
            return redirect("elearning:module_completed", module_id=module.pk)
    return redirect("elearning:attempt_result", attempt_id=attempt.pk)


@login_required
@require_GET
def attempt_result(request, attempt_id: int):
    """A submitted attempt's score, and which questions were wrong (never the right answers)."""
    attempt = get_object_or_404(
        AssessmentAttempt.objects.select_related("assessment"),
        pk=attempt_id,
        learner=request.user,
    )
    if not attempt.is_submitted or attempt.assessment is None:
        return redirect(attempt.assessment.get_url(request) if attempt.assessment else "/")
    module = services.module_of(attempt.assessment)
    chosen_text = [
        (
            question,
            right,
            [
                option["text"]
                for option in question["options"]
                if option["key"] in attempt.answers.get(question["id"], [])
            ],
        )
        for question, right in attempt.results
    ]
    return TemplateResponse(
        request,
        "elearning/attempt_result.html",
        {
            "attempt": attempt,
            "assessment": attempt.assessment,
            "module": module,
            "results": chosen_text,
            "wrong_count": sum(1 for _, right, _ in chosen_text if not right),
            "progress": module_progress(learner=request.user, module=module),
        },
    )


@login_required
@require_GET
def module_completed(request, module_id: int):
    """The confirmation a learner sees when they complete a module."""
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    enrolment = Enrolment.objects.filter(
        learner=request.user, module_key=module.translation_key, completed_at__isnull=False
    ).first()
    if enrolment is None:
        return redirect(module.get_url(request))
    return TemplateResponse(
        request, "elearning/module_completed.html", {"module": module, "enrolment": enrolment}
    )


@login_required
@require_GET
def my_learning(request):
    """The signed-in learner's own modules and answers; nobody else's can be reached here."""
    enrolments = list(enrolments_of(request.user))
    modules = [enrolment.module for enrolment in enrolments]
    progress = progress_for_modules(learner=request.user, modules=modules)
    in_progress = [progress[m.pk] for m in modules if not progress[m.pk].is_completed]
    completed = sorted(
        (progress[m.pk] for m in modules if progress[m.pk].is_completed),
        key=lambda p: p.completed_at,
        reverse=True,
    )
    return TemplateResponse(
        request,
        "elearning/my_learning.html",
        {
            "in_progress": in_progress,
            "completed": completed,
            "answers": list(written_answers_of(request.user)),
        },
    )
