"""Feedback forms are configured in the admin: per course, with their questions inline."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from impact.models import FeedbackForm, FeedbackQuestion
from tests.courses.factories import make_course
from tests.elearning.factories import make_module

pytestmark = pytest.mark.django_db


def test_an_administrator_adds_a_form_for_a_course_with_its_questions(client, training_admin):
    course = make_course(title="Two-day training")
    client.force_login(training_admin)
    data = nested_form_data(
        {
            "title": "Two-day training feedback",
            "course": course.pk,
            "module": "",
            "introduction": "",
            "allow_anonymous": "on",
            "questions": inline_formset(
                [
                    {
                        "text": "How useful was the mapping exercise?",
                        "kind": "rating",
                        "topic": "content",
                        "required": "on",
                    },
                    {"text": "Anything else?", "kind": "text", "topic": ""},
                ]
            ),
        }
    )
    response = client.post("/admin/feedback_forms/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    form = FeedbackForm.objects.get(course=course)
    assert [q.text for q in form.questions.all()] == [
        "How useful was the mapping exercise?",
        "Anything else?",
    ]


def test_a_form_is_for_a_course_or_a_module_and_there_is_one_default():
    form = FeedbackForm(title="Both", course=make_course(), module=make_module(lessons=1))
    with pytest.raises(ValidationError, match="not both"):
        form.full_clean()
    with pytest.raises(ValidationError, match="already a default"):
        FeedbackForm(title="Second default").full_clean()


def test_a_rating_question_needs_a_topic():
    question = FeedbackQuestion(
        form=FeedbackForm.objects.first(), kind="rating", topic="", text="How was it?"
    )
    with pytest.raises(ValidationError, match="Choose what this rating is about"):
        question.full_clean()
