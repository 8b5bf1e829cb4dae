"""Knowledge checks: options shuffled per learner and stable for them; a partly right
"select all that apply" answer names the right options the learner missed."""

import re

import pytest

from elearning.knowledge_checks import option_order, shown_check
from elearning.models import ExerciseAnswer
from tests.factories import UserFactory

from .factories import knowledge_check, make_module

pytestmark = pytest.mark.django_db


def shown_options(content: str, block_id: str) -> list[str]:
    """The option labels of the block's form, in the order the page shows them."""
    return re.findall(rf'for="id_{block_id}-options_\d+">([^<]+)</label>', content)


def test_the_order_is_the_same_on_every_visit_and_differs_between_learners():
    orders = {tuple(option_order(learner_id=n, block_id="block", count=4)) for n in range(1, 30)}

    assert option_order(learner_id=7, block_id="block", count=4) == option_order(
        learner_id=7, block_id="block", count=4
    )
    assert len(orders) > 1
    assert all(sorted(order) == [0, 1, 2, 3] for order in orders)


def test_the_order_differs_between_questions_for_one_learner():
    orders = {tuple(option_order(learner_id=7, block_id=f"q{n}", count=4)) for n in range(30)}

    assert len(orders) > 1


def test_the_right_answer_is_not_always_first_for_learners():
    firsts = {option_order(learner_id=n, block_id="block", count=3)[0] for n in range(1, 30)}

    assert firsts == {0, 1, 2}


def test_a_learner_sees_the_options_in_their_own_order_on_every_visit(client):
    block = knowledge_check(count=4)
    module = make_module(lessons=1, lesson_body=lambda: [block])
    lesson = module.lessons[0]
    learner = UserFactory()
    client.force_login(learner)

    first = shown_options(client.get(lesson.url).content.decode(), block["id"])
    again = shown_options(client.get(lesson.url).content.decode(), block["id"])
    expected = [
        f"Option {i}" for i in option_order(learner_id=learner.pk, block_id=block["id"], count=4)
    ]

    assert first == again == expected


def test_an_answer_keeps_the_options_as_written_whatever_the_order(client, learner):
    block = knowledge_check(correct=(2,), count=4)
    module = make_module(lessons=1, lesson_body=lambda: [block])
    lesson = module.lessons[0]
    client.force_login(learner)

    client.post(
        lesson.url, {"action": "answer", "block_id": block["id"], f"{block['id']}-options": "2"}
    )
    content = client.get(lesson.url).content.decode()

    assert ExerciseAnswer.objects.get(learner=learner).answer == {"options": ["2"]}
    assert "Feedback for option 2" in content
    assert "Right" in content


def test_a_partly_right_answer_names_the_right_options_missed(client, learner):
    block = knowledge_check(correct=(0, 1, 3), count=4)
    module = make_module(lessons=1, lesson_body=lambda: [block])
    lesson = module.lessons[0]
    client.force_login(learner)

    client.post(
        lesson.url,
        {"action": "answer", "block_id": block["id"], f"{block['id']}-options": ["1", "2"]},
    )
    content = client.get(lesson.url).content.decode()
    missed = re.search(r"You missed:</p>\s*<ul[^>]*>(.*?)</ul>", content, re.S).group(1)

    assert "You found 1 of the 3 right answers." in content
    assert sorted(re.findall(r"<li>([^<]+)</li>", missed)) == ["Option 0", "Option 3"]


def test_nothing_is_missed_when_every_right_option_is_chosen():
    value = {
        "options": [
            {"text": "A", "correct": True, "feedback": ""},
            {"text": "B", "correct": True, "feedback": ""},
            {"text": "C", "correct": False, "feedback": ""},
        ]
    }

    check = shown_check(value=value, learner_id=1, block_id="b", answer={"options": ["0", "1"]})

    assert check.missed == []
    assert check.found_count == 2


def test_a_wrong_answer_does_not_give_the_right_ones_away():
    value = {
        "options": [
            {"text": "A", "correct": True, "feedback": ""},
            {"text": "B", "correct": True, "feedback": ""},
            {"text": "C", "correct": False, "feedback": ""},
        ]
    }

    check = shown_check(value=value, learner_id=1, block_id="b", answer={"options": ["2"]})

    assert check.missed == []


def test_a_single_answer_question_names_no_missed_option():
    value = {
        "options": [
            {"text": "A", "correct": True, "feedback": ""},
            {"text": "B", "correct": False, "feedback": ""},
        ]
    }

    check = shown_check(value=value, learner_id=1, block_id="b", answer={"options": ["1"]})

    assert check.missed == []
