import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pytest_django.asserts import assertHTMLEqual as assert_html_equal

from accounts.audiences import Audience
from elearning import services
from elearning.forms import ReflectionForm
from elearning.models import AssessmentAttempt, Enrolment, ExerciseAnswer
from tests.factories import UserFactory

from .factories import (
    answers_for,
    knowledge_check,
    make_briefing,
    make_module,
    make_module_index,
    paragraph_block,
    reflection,
    scaling_question,
    three_columns,
)

pytestmark = pytest.mark.django_db


def attempt_post(attempt, answers):
    data = {"action": "submit", "attempt": str(attempt.pk)}
    for question_id, keys in answers.items():
        data[f"q_{question_id}"] = keys
    return data


def test_first_visit_enrols_and_shows_the_task_list(client, learner):
    module = make_module(lessons=3)
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])
    client.force_login(learner)

    response = client.get(module.url)

    content = response.content.decode()
    assert response.status_code == 200
    assert Enrolment.objects.filter(learner=learner, module=module).count() == 1
    assert "govuk-task-list" in content
    assert "25% complete" in content
    assert content.count("Not started") == 3  # lessons 2 and 3, and the assessment
    assert "Continue where you left off" in content
    assert f'href="{module.lessons[1].url}"' in content


def test_anonymous_visitors_read_modules_for_everyone_and_are_invited_to_sign_in(client):
    module = make_module(lessons=2)

    module_response = client.get(module.url)
    lesson_response = client.get(module.lessons[1].url)

    assert module_response.status_code == 200
    assert lesson_response.status_code == 200
    assert "to save your answers and track your progress" in lesson_response.content.decode()
    assert "Mark as complete" not in lesson_response.content.decode()
    assert not Enrolment.objects.exists()


def test_staff_only_modules_need_a_staff_account(client, partner, learner):
    module = make_module(audience=Audience.STAFF)
    lesson = module.lessons[0]

    anonymous = client.get(lesson.url)
    client.force_login(partner)
    refused = client.get(lesson.url)
    client.force_login(learner)
    allowed = client.get(lesson.url)

    assert anonymous.status_code == 302 and anonymous.url.startswith(reverse("account_login"))
    assert refused.status_code == 403
    assert "not available to your account" in refused.content.decode()
    assert allowed.status_code == 200


def test_training_admins_see_every_module(client, training_admin):
    module = make_module(audience=Audience.PARTNERS)
    client.force_login(training_admin)

    assert client.get(module.url).status_code == 200
    assert module.title in client.get(make_module_index().url).content.decode()


def test_the_module_index_lists_only_modules_the_visitor_may_take(client, partner):
    everyone = make_module(title="For everyone")
    staff = make_module(title="For staff", audience=Audience.STAFF)
    client.force_login(partner)

    content = client.get(make_module_index().url).content.decode()

    assert everyone.title in content
    assert staff.title not in content


def test_lesson_shows_position_and_neighbours(client, learner):
    module = make_module(lessons=3)
    client.force_login(learner)

    content = client.get(module.lessons[1].url).content.decode()

    assert "Lesson 2 of 3" in content
    assert f'href="{module.lessons[0].url}" rel="prev"' in content
    assert f'href="{module.lessons[2].url}" rel="next"' in content


def test_in_order_modules_send_learners_back_with_a_friendly_message(client, learner):
    module = make_module(lessons=3, lessons_in_order=True)
    client.force_login(learner)

    response = client.get(module.lessons[2].url, follow=True)

    assert response.redirect_chain[-1][0] == module.url
    assert "Complete “Lesson 1” before moving on" in response.content.decode()
    assert "Cannot start yet" in response.content.decode()


def test_mark_as_complete_continues_to_the_next_lesson_then_the_assessment(client, learner):
    module = make_module(lessons=2)
    client.force_login(learner)

    first = client.post(module.lessons[0].url, {"action": "complete"})
    second = client.post(module.lessons[1].url, {"action": "complete"})

    assert first.url == module.lessons[1].url
    assert second.url == module.assessment.url
    assert Enrolment.objects.get(learner=learner).completed_at is None


def test_completing_the_last_step_shows_the_confirmation(client, learner):
    module = make_module(lessons=1, assessment=False, cpd_minutes=90)
    client.force_login(learner)

    response = client.post(module.lessons[0].url, {"action": "complete"}, follow=True)

    content = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "elearning:module_completed", kwargs={"module_id": module.pk}
    )
    assert "Module completed" in content
    assert "90 minutes" in content


def test_the_confirmation_page_needs_a_completion(client, learner):
    module = make_module(lessons=1)
    client.force_login(learner)

    response = client.get(reverse("elearning:module_completed", kwargs={"module_id": module.pk}))

    assert response.url == module.url


def test_a_reflection_is_saved_and_shown_back(client, learner):
    block = reflection("What surprised you?")
    module = make_module(lessons=1, lesson_body=lambda: [block])
    lesson = module.lessons[0]
    client.force_login(learner)

    response = client.post(
        lesson.url,
        {"action": "answer", "block_id": block["id"], f"{block['id']}-text": "<b>Strengths</b>"},
    )
    content = client.get(lesson.url).content.decode()

    assert response.status_code == 302
    assert ExerciseAnswer.objects.get(learner=learner).answer == {"text": "<b>Strengths</b>"}
    assert "&lt;b&gt;Strengths&lt;/b&gt;" in content
    assert "<b>Strengths</b>" not in content


def test_an_empty_answer_shows_the_error_summary(client, learner):
    block = reflection()
    module = make_module(lessons=1, lesson_body=lambda: [block])
    client.force_login(learner)

    response = client.post(module.lessons[0].url, {"action": "answer", "block_id": block["id"]})

    content = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in content
    assert f'href="#id_{block["id"]}-text"' in content
    assert "<title>Error:" in content
    assert not ExerciseAnswer.objects.exists()


@pytest.mark.parametrize(
    ("data", "initial", "hint"),
    [
        (None, None, ""),  # a first visit
        (None, {"text": "Grandmother <b>helps</b>"}, "Think of the family."),  # answered before
        ({}, None, ""),  # saved empty: an error
        ({"text": "x" * 5001}, None, "Think of the family."),  # too long: an error, text kept
    ],
)
def test_the_reflection_textarea_is_the_one_the_shared_form_field_renders(data, initial, hint):
    """The reflection block writes its GOV.UK textarea out by hand (for speed): it must stay
    the markup includes/form_field.html gives the same field, errors and hints included."""
    prefix = "e520868d-23b7-4925-a06d-1f3cdda41aa9"
    block_value = {"prompt": "What would you do next?", "hint": hint}
    if data is not None:
        data = {f"{prefix}-{name}": value for name, value in data.items()}
    form = ReflectionForm(data, prefix=prefix, block_value=block_value, initial=initial)

    shared = render_to_string("includes/form_field.html", {"field": form["text"]})
    block = render_to_string(
        "elearning/blocks/reflection.html",
        {"form": form, "block_id": prefix, "value": block_value, "answer": None},
    )
    written = re.search(r'<div class="govuk-form-group.*?</textarea>\s*</div>', block, re.S)

    assert_html_equal(written.group(0), shared)
    assert ("govuk-textarea--error" in shared) == (data is not None)


def test_a_knowledge_check_gives_feedback_and_never_blocks_progress(client, learner):
    block = knowledge_check(correct=(1,))
    module = make_module(lessons=2, lessons_in_order=True, lesson_body=lambda: [block])
    lesson = module.lessons[0]
    client.force_login(learner)

    client.post(
        lesson.url, {"action": "answer", "block_id": block["id"], f"{block['id']}-options": "0"}
    )
    content = client.get(lesson.url).content.decode()
    completed = client.post(lesson.url, {"action": "complete"})

    assert "Feedback for option 0" in content
    assert "Not quite" in content
    assert "Feedback for option 1" not in content
    assert completed.url == module.lessons[1].url


def test_a_scaling_question_saves_the_choice(client, learner):
    block = scaling_question()
    module = make_module(lessons=1, lesson_body=lambda: [block])
    client.force_login(learner)

    client.post(
        module.lessons[0].url,
        {"action": "answer", "block_id": block["id"], f"{block['id']}-scale": "7"},
    )
    content = client.get(module.lessons[0].url).content.decode()

    assert ExerciseAnswer.objects.get().answer == {"scale": 7}
    assert "0 – certain harm" in content and "10 – safe enough" in content
    assert 'value="7" checked' in content


def test_the_three_columns_model_answer_appears_after_saving(client, learner):
    block = three_columns()
    module = make_module(lessons=1, lesson_body=lambda: [block])
    lesson = module.lessons[0]
    client.force_login(learner)

    before = client.get(lesson.url).content.decode()
    client.post(
        lesson.url,
        {
            "action": "answer",
            "block_id": block["id"],
            f"{block['id']}-working_well": "Dad takes them to school",
            f"{block['id']}-worries": "Shouting heard by neighbours",
            f"{block['id']}-next_steps": "Meet the family",
        },
    )
    after = client.get(lesson.url).content.decode()

    assert "Grandmother visits daily." not in before
    assert "Grandmother visits daily." in after
    assert "Dad takes them to school" in after


def test_an_answer_to_an_unknown_block_is_refused_politely(client, learner):
    module = make_module(lessons=1, lesson_body=lambda: [paragraph_block()])
    client.force_login(learner)

    response = client.post(
        module.lessons[0].url, {"action": "answer", "block_id": "nope"}, follow=True
    )

    assert response.status_code == 200
    assert "no longer part of this lesson" in response.content.decode()


def test_an_attempt_in_progress_survives_a_reload(client, learner):
    module = make_module(lessons=1, pool=10, per_attempt=4)
    client.force_login(learner)

    client.post(module.assessment.url, {"action": "start"})
    first = client.get(module.assessment.url).content.decode()
    client.post(module.assessment.url, {"action": "start"})  # a second tab
    second = client.get(module.assessment.url).content.decode()

    attempt = AssessmentAttempt.objects.get()
    texts = [question["text"] for question in attempt.questions]
    assert [first.index(text) for text in texts] == sorted(first.index(text) for text in texts)
    assert [second.index(text) for text in texts] == sorted(second.index(text) for text in texts)
    options = [option["text"] for option in attempt.questions[0]["options"]]
    assert [second.index(text) for text in options] == sorted(second.index(t) for t in options)


def test_failing_shows_wrong_questions_but_not_the_right_answers(client, learner):
    module = make_module(lessons=1, pool=4, per_attempt=4)
    client.force_login(learner)
    client.post(module.assessment.url, {"action": "start"})
    attempt = AssessmentAttempt.objects.get()

    response = client.post(
        module.assessment.url, attempt_post(attempt, answers_for(attempt, right=1)), follow=True
    )

    content = response.content.decode()
    assert "Your result: 25%" in content
    assert "You did not pass" in content
    assert content.count(">Wrong<") == 3
    right_texts = [f"Right {n}" for n in range(4)]
    assert sum(text in content for text in right_texts) == 1, "only the learner's right answer"
    assert "Try again" in content


def test_passing_completes_the_module_and_shows_the_confirmation(client, learner):
    module = make_module(lessons=1, pool=4, per_attempt=4)
    services.mark_lesson_complete(learner=learner, lesson=module.lessons[0])
    client.force_login(learner)
    client.post(module.assessment.url, {"action": "start"})
    attempt = AssessmentAttempt.objects.get()

    response = client.post(
        module.assessment.url, attempt_post(attempt, answers_for(attempt, right=4)), follow=True
    )

    assert "Module completed" in response.content.decode()
    assert Enrolment.objects.get(learner=learner).completed_at is not None


def test_a_double_submission_gets_a_friendly_message(client, learner):
    module = make_module(lessons=1, pool=4, per_attempt=4)
    client.force_login(learner)
    client.post(module.assessment.url, {"action": "start"})
    attempt = AssessmentAttempt.objects.get()
    client.post(module.assessment.url, attempt_post(attempt, answers_for(attempt, right=1)))

    again = client.post(
        module.assessment.url, attempt_post(attempt, answers_for(attempt, right=4)), follow=True
    )

    attempt.refresh_from_db()
    assert again.status_code == 200
    assert "already submitted this attempt" in again.content.decode()
    assert attempt.score == 25


def test_a_stale_or_foreign_attempt_id_is_handled(client, learner):
    module = make_module(lessons=1, pool=4, per_attempt=4)
    other = UserFactory(staff=True)
    foreign = services.start_attempt(learner=other, assessment=module.assessment)
    client.force_login(learner)

    foreign_post = client.post(
        module.assessment.url, attempt_post(foreign, answers_for(foreign, right=4)), follow=True
    )
    nonsense = client.post(module.assessment.url, {"action": "submit", "attempt": "x"}, follow=True)

    foreign.refresh_from_db()
    assert not foreign.is_submitted
    assert "That attempt has expired" in foreign_post.content.decode()
    assert nonsense.status_code == 200


def test_an_incomplete_attempt_form_shows_errors(client, learner):
    module = make_module(lessons=1, pool=4, per_attempt=4)
    client.force_login(learner)
    client.post(module.assessment.url, {"action": "start"})
    attempt = AssessmentAttempt.objects.get()

    response = client.post(module.assessment.url, {"action": "submit", "attempt": attempt.pk})

    assert response.status_code == 400
    assert "Answer question 1." in response.content.decode()
    attempt.refresh_from_db()
    assert not attempt.is_submitted


def test_another_learners_attempt_result_is_not_found(client, learner):
    module = make_module(lessons=1, pool=4, per_attempt=4)
    other = UserFactory(staff=True)
    attempt = services.start_attempt(learner=other, assessment=module.assessment)
    services.submit_attempt(attempt=attempt, answers=answers_for(attempt, right=4))
    client.force_login(learner)

    response = client.get(reverse("elearning:attempt_result", kwargs={"attempt_id": attempt.pk}))

    assert response.status_code == 404


def test_my_learning_shows_progress_completions_and_answers(client, learner):
    block = reflection("What will you try first?")
    in_progress = make_module(title="Going", lessons=2, assessment=False)
    done = make_module(title="Done", lessons=1, assessment=False, lesson_body=lambda: [block])
    services.mark_lesson_complete(learner=learner, lesson=in_progress.lessons[0])
    services.save_exercise_answer(
        learner=learner, lesson=done.lessons[0], block_id=block["id"], answer={"text": "A map"}
    )
    services.mark_lesson_complete(learner=learner, lesson=done.lessons[0])
    client.force_login(learner)

    content = client.get(reverse("elearning:my_learning")).content.decode()

    assert 'aria-label="My learning"' in content  # the shared tabs
    assert "50% complete" in content
    completed_at = Enrolment.objects.get(learner=learner, module=done).completed_at
    assert f"Completed on {completed_at:%-d %B %Y}" in content
    assert "What will you try first?" in content and "A map" in content


def test_my_learning_never_shows_another_learners_progress_or_answers(client, learner):
    block = reflection()
    module = make_module(title="Shared module", lessons=2, lesson_body=lambda: [block])
    other = UserFactory(staff=True)
    services.mark_lesson_complete(learner=other, lesson=module.lessons[0])
    services.save_exercise_answer(
        learner=other, lesson=module.lessons[0], block_id=block["id"], answer={"text": "SECRET"}
    )
    client.force_login(learner)

    my_learning = client.get(reverse("elearning:my_learning")).content.decode()
    module_page = client.get(module.url).content.decode()
    lesson_page = client.get(module.lessons[0].url).content.decode()

    assert "SECRET" not in my_learning + lesson_page
    assert "Shared module" not in my_learning
    assert "0% complete" in module_page


def test_my_learning_needs_sign_in(client):
    response = client.get(reverse("elearning:my_learning"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_the_briefing_page_shows_its_content_and_handouts(client):
    briefing = make_briefing(summary="For schools and health colleagues.")

    response = client.get(briefing.url)

    assert response.status_code == 200
    assert "What the briefing covers." in response.content.decode()


WRITES = ("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "BEGIN")


def writes_during(action) -> list[str]:
    """The statements `action` sent that write, or open a transaction or savepoint."""
    with CaptureQueriesContext(connection) as context:
        action()
    return [q["sql"] for q in context.captured_queries if q["sql"].upper().startswith(WRITES)]


def test_revisiting_a_lesson_writes_nothing(client, learner):
    module = make_module(lessons=2)
    client.force_login(learner)
    client.get(module.lessons[0].url)  # enrols and remembers the lesson

    again = writes_during(lambda: client.get(module.lessons[0].url))
    moving_on = writes_during(lambda: client.get(module.lessons[1].url))
    module_page = writes_during(lambda: client.get(module.url))

    assert again == []
    assert len(moving_on) == 1 and moving_on[0].upper().startswith("UPDATE")
    assert module_page == []
    assert Enrolment.objects.get(learner=learner).last_lesson_id == module.lessons[1].pk


def test_the_next_link_waits_until_the_lesson_is_complete_in_an_in_order_module(client, learner):
    module = make_module(lessons=2, lessons_in_order=True)
    client.force_login(learner)

    before = client.get(module.lessons[0].url).content.decode()
    client.post(module.lessons[0].url, {"action": "complete"})
    after = client.get(module.lessons[0].url).content.decode()

    assert f'href="{module.lessons[1].url}"' not in before
    assert "Cannot start yet" in before
    assert "Mark this lesson as complete to open it." in before
    assert f'href="{module.lessons[1].url}" rel="next"' in after
    assert "Cannot start yet" not in after


def test_the_assessment_is_not_linked_until_every_lesson_is_complete(client, learner):
    module = make_module(lessons=2, lessons_in_order=True)
    client.force_login(learner)
    client.post(module.lessons[0].url, {"action": "complete"})

    last = client.get(module.lessons[1].url).content.decode()

    assert f'href="{module.assessment.url}"' not in last
    assert "Cannot start yet" in last


def test_the_next_link_is_always_offered_when_lessons_may_be_taken_in_any_order(client, learner):
    module = make_module(lessons=2)
    client.force_login(learner)

    content = client.get(module.lessons[0].url).content.decode()

    assert f'href="{module.lessons[1].url}" rel="next"' in content
    assert "Cannot start yet" not in content


def test_my_learning_in_welsh(client, learner):
    """Under /cy/ the page, its tabs, progress, dates and exercise kinds are all in Welsh
    (the learner's own module titles and answers stay as written)."""
    block = reflection("What will you try first?")
    in_progress = make_module(title="Going", lessons=2, assessment=False)
    done = make_module(title="Done", lessons=1, assessment=False, lesson_body=lambda: [block])
    services.mark_lesson_complete(learner=learner, lesson=in_progress.lessons[0])
    services.save_exercise_answer(
        learner=learner, lesson=done.lessons[0], block_id=block["id"], answer={"text": "A map"}
    )
    services.mark_lesson_complete(learner=learner, lesson=done.lessons[0])
    client.force_login(learner)

    with translation.override("cy"):
        url = reverse("elearning:my_learning")
        completed_on = date_format(
            timezone.localtime(Enrolment.objects.get(learner=learner, module=done).completed_at),
            "j F Y",
        )
        response = client.get(url)  # inside, so the request's Welsh does not outlive the test
    content = response.content.decode()

    assert url.startswith("/cy/")
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Fy nysgu</h1>' in content
    assert 'aria-label="Fy nysgu"' in content and ">E-ddysgu</a>" in content
    assert "E-ddysgu ar waith" in content
    assert "50% wedi’i gwblhau" in content
    assert f"Wedi’i gwblhau ar {completed_on}" in content
    assert "Fy myfyrdodau a’m hymarferion" in content
    assert "Myfyrio: What will you try first?" in content and "A map" in content
    for english in ("E-learning in progress", "Completed on", "% complete", "Only you can see"):
        assert english not in content
