import re

import pytest

from tests.elearning.factories import (
    knowledge_check,
    make_module,
    paragraph_block,
    reflection,
    three_columns,
)
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def lesson_bodies():
    """Lesson 1 has a knowledge check and a reflection, lesson 2 a three columns exercise."""
    bodies = iter(
        [
            [
                paragraph_block("The four questions."),
                knowledge_check(correct=(0,)),
                reflection("What did you notice?"),
            ],
            [paragraph_block("Mapping a case."), three_columns("The Smith family")],
        ]
    )
    return lambda: next(bodies)


def answer_every_question(page, prefix: str):
    for label in page.locator("label.govuk-radios__label", has_text=re.compile(f"^{prefix}")).all():
        label.click()
    page.get_by_role("button", name="Submit my answers").click()


def test_a_staff_learner_completes_a_module(page, live_server, sign_in, assert_accessible):
    learner = UserFactory(staff=True, full_name="Robin Learner")
    module = make_module(
        title="Introduction to Signs of Safety",
        lessons=2,
        pool=4,
        per_attempt=4,
        pass_mark=75,
        lessons_in_order=True,
        lesson_body=lesson_bodies(),
    )
    sign_in(page, learner.email, TEST_PASSWORD)

    page.goto(live_server.url + module.url)
    page.get_by_text("0% complete").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Start the module").click()

    page.get_by_text("Lesson 1 of 2").wait_for()
    page.get_by_label("Option 1").check()
    page.get_by_role("button", name="Check my answer").click()
    page.get_by_text("Feedback for option 1").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Save my reflection").click()
    page.get_by_text("Write your reflection before saving it.").first.wait_for()
    assert_accessible(page)  # the error summary and the textarea in its error state
    page.get_by_label("What did you notice?").fill("The grandmother is part of the network")
    page.get_by_role("button", name="Save my reflection").click()
    page.get_by_text(re.compile(r"^Saved ")).wait_for()
    assert page.get_by_label("What did you notice?").input_value() == (
        "The grandmother is part of the network"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Mark as complete and continue").click()

    page.get_by_text("Lesson 2 of 2").wait_for()
    page.get_by_label("What's working well?").fill("Grandad collects the children every day")
    page.get_by_label("What are we worried about?").fill("Shouting heard by the neighbours")
    page.get_by_label("What needs to happen?").fill("Meet the family and their network")
    page.get_by_role("button", name="Save and see the model answer").click()
    page.get_by_text("Grandmother visits daily.").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Mark as complete and continue").click()

    page.get_by_role("button", name="Start the assessment").click()
    page.get_by_role("button", name="Submit my answers").wait_for()
    assert_accessible(page)
    answer_every_question(page, "Wrong")
    page.get_by_role("heading", name="Your result: 0%").wait_for()
    assert page.get_by_text("You did not pass").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Try again").click()
    answer_every_question(page, "Right")
    page.get_by_role("heading", name="Module completed").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Go to My learning").click()
    page.get_by_role("heading", name="Completed e-learning").wait_for()
    completed = page.locator(".govuk-summary-list__row", has_text="Introduction to Signs of Safety")
    assert "Completed on" in completed.inner_text()
    assert page.get_by_text("Grandad collects the children every day").is_visible()
    assert_accessible(page)
