"""The module page, a lesson page and My learning make the same number of queries whatever
the module's size and however far the learner has got (3 lessons and no completions against
30 lessons and 30 completions with 30 saved answers), and no more than the numbers pinned here.

A lesson: the user, the enrolment, the lessons done and the learner's answers. The session,
the page, its route, the module's outline and the site chrome come from caches
(home.site_cache). A module: the user, the enrolment and the lessons done. My learning: the
user, the enrolments with their modules, the lessons done and the written answers."""

import pytest
from django.urls import reverse

from elearning import services
from tests.factories import UserFactory
from tests.query_counts import count_queries

from .factories import make_module, reflection

pytestmark = pytest.mark.django_db

LESSON_QUERIES, MODULE_QUERIES, MY_LEARNING_QUERIES = 4, 3, 4


def module_with_progress(learner, *, lessons: int, completed: int):
    module = make_module(
        lessons=lessons, title=f"Module of {lessons}", lesson_body=lambda: [reflection()]
    )
    for lesson in module.lessons[:completed]:
        services.mark_lesson_complete(learner=learner, lesson=lesson)
        services.save_exercise_answer(
            learner=learner, lesson=lesson, block_id=lesson.body[0].id, answer={"text": "Mine"}
        )
    return module


def queries_for(client, user, url: str) -> int:
    client.force_login(user)
    client.get(url)  # the first visit enrols
    return count_queries(lambda: client.get(url))


@pytest.fixture
def small_and_large():
    beginner, expert = UserFactory(staff=True), UserFactory(staff=True)
    small = module_with_progress(beginner, lessons=3, completed=0)
    large = module_with_progress(expert, lessons=30, completed=30)
    return (beginner, small), (expert, large)


def test_the_module_page_takes_constant_queries(client, small_and_large):
    (beginner, small), (expert, large) = small_and_large

    few = queries_for(client, beginner, small.url)
    many = queries_for(client, expert, large.url)

    print(f"\nmodule page: {few} queries (3 lessons, 0 done), {many} (30 lessons, 30 done)")
    assert few == many <= MODULE_QUERIES


def test_a_lesson_page_takes_constant_queries(client, small_and_large):
    (beginner, small), (expert, large) = small_and_large

    few = queries_for(client, beginner, small.lessons[-1].url)
    many = queries_for(client, expert, large.lessons[-1].url)

    print(f"\nlesson page: {few} queries (3 lessons, 0 done), {many} (30 lessons, 30 done)")
    assert few == many <= LESSON_QUERIES


def test_my_learning_takes_constant_queries(client, small_and_large):
    (beginner, small), (expert, large) = small_and_large
    for user, module in small_and_large:
        client.force_login(user)
        client.get(module.url)

    few = queries_for(client, beginner, reverse("elearning:my_learning"))
    many = queries_for(client, expert, reverse("elearning:my_learning"))

    print(f"\nMy learning: {few} queries (3 lessons, 0 done), {many} (30 lessons, 30 done)")
    assert few == many <= MY_LEARNING_QUERIES
