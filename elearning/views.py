"""Public e-learning views. The page types' `serve()` hand over to the functions here."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_GET
from wagtail.blocks import StreamValue

from home import site_cache
from home.forms import is_page_id
from home.routing import site_for_request

from . import services
from .forms import EXERCISE_FORMS, AttemptForm, initial_from_answer
from .knowledge_checks import shown_check
from .models import AssessmentAttempt, AssessmentPage, LessonPage, ModulePage
from .permissions import audiences_for, user_can_track_progress, user_can_view_module
from .selectors import (
    ModuleOutline,
    answers_for_lesson,
    completed_enrolment,
    enrolments_of,
    learner_progress,
    module_of,
    open_attempt,
    outlines_for_modules,
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


def is_preview(request) -> bool:
    return getattr(request, "is_preview", False)


def outlines_of(request, modules: list[ModulePage]) -> dict[int, ModuleOutline]:
    """The modules' outlines, kept between requests until the content changes; a preview's
    is always read afresh, from the draft being previewed."""
    if is_preview(request):
        return outlines_for_modules(modules)
    by_key = {("module outline", module.pk): module for module in modules}

    def compute(missing: list) -> dict:
        outlines = outlines_for_modules([by_key[key] for key in missing])
        return {key: outlines[by_key[key].pk] for key in missing}

    found = site_cache.remembered_many(request, list(by_key), compute)
    return {module.pk: found[key] for key, module in by_key.items()}


def outline_of(request, module: ModulePage) -> ModuleOutline:
    return outlines_of(request, [module])[module.pk]


def module_of_page(request, page) -> ModulePage:
    """The module a lesson or assessment is in, kept between requests like its outline."""
    if is_preview(request):
        return module_of(page)
    return site_cache.remembered(request, ("module of", page.pk), lambda: module_of(page))


def step_urls(request, outline: ModuleOutline) -> dict[int, str]:
    """The URLs of the module, its lessons and its assessment by page pk, worked out once per
    site, language and content version rather than once per link on every page."""

    def build() -> dict[int, str]:
        steps = [outline.module, *outline.lessons, *filter(None, [outline.assessment])]
        return {step.pk: step.get_url(request) for step in steps}

    if is_preview(request):
        return build()
    site = site_for_request(request)
    key = ("step urls", outline.module.pk, site.pk if site else None, get_language())
    return site_cache.remembered(request, key, build)


def progress_of(request, module: ModulePage):
    return learner_progress(learner=request.user, outlines=[outline_of(request, module)])[module.pk]


def serve_module_index(request, index):
    def listed_modules() -> list[ModulePage]:
        return list(
            ModulePage.objects.child_of(index)
            .live()
            .public()
            .filter(audience__in=audiences_for(request.user))
            .order_by("path")
        )

    if is_preview(request):
        modules = listed_modules()
    else:
        key = ("modules listed", index.pk, tuple(audiences_for(request.user)))
        modules = site_cache.remembered(request, key, listed_modules)
    outlines = outlines_of(request, modules)
    progress = learner_progress(learner=request.user, outlines=[outlines[m.pk] for m in modules])
    return render_page(
        request, index, {"modules": [(module, progress[module.pk]) for module in modules]}
    )


def serve_module(request, module: ModulePage):
    if not user_can_view_module(request.user, module):
        return refuse_module(request, module)
    tracking = user_can_track_progress(request.user, module)
    progress = progress_of(request, module)
    if tracking and progress.enrolment is None:
        progress.enrolment = services.enrol(learner=request.user, module=module)
    assessment = progress.assessment
    continue_to = progress.first_unfinished_lesson()
    if continue_to is None and assessment and not progress.assessment_passed:
        continue_to = assessment
    urls = step_urls(request, progress.outline)
    return render_page(
        request,
        module,
        {
            "progress": progress,
            "rows": [
                (position, lesson, urls[lesson.pk], status, is_open)
                for position, lesson, status, is_open in progress.rows()
            ],
            "assessment": assessment,
            "assessment_url": urls[assessment.pk] if assessment else "",
            "continue_to_url": urls[continue_to.pk] if continue_to else "",
            "tracking": tracking,
        },
    )


def lesson_neighbours(outline: ModuleOutline, lesson: LessonPage):
    """(position, previous lesson, next step) of a lesson in its module."""
    lessons = outline.lessons
    index = next((i for i, candidate in enumerate(lessons) if candidate.pk == lesson.pk), None)
    if index is None:  # a draft being previewed
        return None, None, None
    previous = lessons[index - 1] if index > 0 else None
    following = lessons[index + 1] if index + 1 < len(lessons) else outline.assessment
    return index + 1, previous, following


@dataclass(frozen=True)
class LessonPart:
    """A run of a lesson's content blocks, rendered, or one of its exercises (`exercise`),
    which is rendered for each learner with their form and answer."""

    html: str = ""
    exercise: StreamValue.StreamChild | None = None


def lesson_parts(request, lesson: LessonPage) -> tuple[LessonPart, ...]:
    """The lesson's body in parts. Content blocks look the same to everyone, so they are
    rendered once per site and language and kept until the content changes."""

    def build() -> tuple[LessonPart, ...]:
        parts: list[LessonPart] = []
        run: list[str] = []
        context = {"request": request, "page": lesson}
        for block in lesson.body:
            if block.block_type not in EXERCISE_FORMS:
                run.append(block.render(context=context))
                continue
            if run:
                parts.append(LessonPart(html=format_html_join("\n", "{}", ((h,) for h in run))))
                run = []
            parts.append(LessonPart(exercise=block))
        if run:
            parts.append(LessonPart(html=format_html_join("\n", "{}", ((h,) for h in run))))
        return tuple(parts)

    if is_preview(request):
        return build()
    site = site_for_request(request)
    key = ("lesson parts", lesson.pk, site.pk if site else None, get_language())
    return site_cache.remembered(request, key, build)


def serve_lesson(request, lesson: LessonPage):
    module = module_of_page(request, lesson)
    if not user_can_view_module(request.user, module):
        return refuse_module(request, module)
    # Tracking is viewing while signed in (user_can_track_progress): the viewing half was
    # checked just above, so it is not asked again. Editors previewing a draft are not
    # taking the module.
    tracking = request.user.is_authenticated and not is_preview(request)
    if request.method == "POST":
        if not tracking:
            return HttpResponseRedirect(sign_in_url(request))
        if request.POST.get("action") == "complete":
            return complete_lesson(request, lesson, outline_of(request, module))
        bound_block_id = request.POST.get("block_id", "")
    else:
        bound_block_id = None
    outline = outline_of(request, module)
    if tracking:
        try:
            progress = services.record_lesson_visit(
                learner=request.user, lesson=lesson, outline=outline
            )
        except services.LessonLocked as locked:
            messages.info(request, str(locked))
            return redirect(module.get_url(request))
    else:
        progress = learner_progress(learner=request.user, outlines=[outline])[module.pk]
    parts = lesson_parts(request, lesson)
    has_exercises = any(part.exercise is not None for part in parts)
    answers = answers_for_lesson(learner=request.user, lesson=lesson) if has_exercises else {}
    items, error_form = [], None
    for part in parts:
        if part.exercise is None:
            items.append({"html": part.html})
            continue
        block = part.exercise
        answer = answers.get(block.id)
        # Only people whose answers are kept get forms: a signed-out visitor reads the
        # exercise, and the page carries no CSRF token, so it can be cached for everyone.
        form_class = EXERCISE_FORMS[block.block_type] if tracking else None
        form = None
        check = None
        form_options = {"prefix": block.id, "block_value": block.value}
        if block.block_type == "knowledge_check":
            check = shown_check(
                value=block.value,
                learner_id=request.user.pk,
                block_id=block.id,
                answer=answer.answer if answer else None,
            )
            form_options["order"] = [int(option.key) for option in check.options]
        if form_class is not None:
            if block.id == bound_block_id:
                form = form_class(request.POST, **form_options)
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
                    **form_options,
                    initial=initial_from_answer(
                        block.block_type, answer.answer if answer else None
                    ),
                )
        # The exercise's template is included in the page's context rather than rendered
        # through include_block, which copies the whole context into a new one for it.
        template = block.block.get_template(block.value)
        items.append(
            {"block": block, "template": template, "form": form, "answer": answer, "check": check}
        )
    if bound_block_id is not None and error_form is None:
        messages.error(request, gettext("That exercise is no longer part of this lesson."))
        return HttpResponseRedirect(lesson.get_url(request))

    position, previous, following = lesson_neighbours(outline, lesson)
    urls = step_urls(request, outline)
    return render_page(
        request,
        lesson,
        {
            "module": module,
            "module_url": urls[module.pk],
            "lesson_url": urls.get(lesson.pk) or lesson.get_url(request),
            "progress": progress,
            "items": items,
            "form": error_form,
            "position": position,
            "previous": previous,
            "previous_url": urls[previous.pk] if previous else "",
            "next": following,
            "next_url": urls[following.pk] if following else "",
            "next_is_open": following is None or progress.step_is_open(following),
            "tracking": tracking,
            "is_complete": progress.is_lesson_complete(lesson),
        },
        status=400 if error_form else 200,
    )


def complete_lesson(request, lesson: LessonPage, outline: ModuleOutline):
    module = outline.module
    try:
        done = services.mark_lesson_complete(learner=request.user, lesson=lesson, outline=outline)
    except services.LessonLocked as locked:
        messages.info(request, str(locked))
        return redirect(module.get_url(request))
    if done.module_completed:
        return redirect("elearning:module_completed", module_id=module.pk)
    _, _, following = lesson_neighbours(outline, lesson)
    return redirect((following or module).get_url(request))


def serve_assessment(request, assessment: AssessmentPage):
    module = module_of_page(request, assessment)
    if not user_can_view_module(request.user, module):
        return refuse_module(request, module)
    if not user_can_track_progress(request.user, module):
        return render_page(request, assessment, {"module": module, "tracking": False})
    progress = progress_of(request, module)
    if not progress.assessment_is_open():
        messages.info(request, gettext("Complete every lesson before taking the assessment."))
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
        messages.info(request, gettext("That attempt has expired. Your current attempt is below."))
        return redirect(assessment.get_url(request))
    if attempt.is_submitted:
        messages.info(request, str(services.AttemptAlreadySubmitted()))
        return redirect("elearning:attempt_result", attempt_id=attempt.pk)
    form = AttemptForm(request.POST, attempt=attempt)
    if not form.is_valid():
        return render_assessment(request, assessment, module, progress, attempt, form, status=400)
    try:
        submitted = services.submit_attempt(attempt=attempt, answers=form.answers())
    except services.AttemptAlreadySubmitted as error:
        messages.info(request, str(error))
        return redirect("elearning:attempt_result", attempt_id=attempt.pk)
    except services.InvalidAnswers as error:
        messages.error(request, str(error))
        return redirect(assessment.get_url(request))
    if submitted.module_completed:
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
    module = module_of_page(request, attempt.assessment)
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
            "progress": progress_of(request, module),
        },
    )


@login_required
@require_GET
def module_completed(request, module_id: int):
    """The confirmation a learner sees when they complete a module."""
    if not is_page_id(module_id):
        raise Http404
    module = get_object_or_404(ModulePage.objects.live(), pk=module_id)
    enrolment = completed_enrolment(learner=request.user, module=module)
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
    outlines = outlines_of(request, modules)
    progress = learner_progress(
        learner=request.user,
        outlines=[outlines[module.pk] for module in modules],
        enrolments=enrolments,
    )
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
