"""Build e-learning page trees for tests: modules with lessons, exercises and an assessment."""

import uuid

from wagtail.rich_text import RichText

from accounts.audiences import Audience
from elearning.models import (
    AssessmentPage,
    BriefingPage,
    LessonPage,
    ModuleIndexPage,
    ModulePage,
)
from tests.factories import make_home_page


def block_id() -> str:
    return str(uuid.uuid4())


def paragraph(text: str) -> tuple:
    return ("paragraph", RichText(f"<p>{text}</p>"))


def knowledge_check(*, question="Which question comes first?", correct=(0,), count=3):
    options = [
        {
            "text": f"Option {i}",
            "correct": i in correct,
            "feedback": f"Feedback for option {i}",
        }
        for i in range(count)
    ]
    return {
        "type": "knowledge_check",
        "id": block_id(),
        "value": {"question": question, "options": options},
    }


def reflection(prompt="What did you notice?"):
    return {"type": "reflection", "id": block_id(), "value": {"prompt": prompt, "hint": ""}}


def scaling_question(prompt="How worried are you?"):
    return {
        "type": "scaling_question",
        "id": block_id(),
        "value": {"prompt": prompt, "low_label": "certain harm", "high_label": "safe enough"},
    }


def three_columns(title="The Smith family"):
    return {
        "type": "three_columns",
        "id": block_id(),
        "value": {
            "title": title,
            "case_study": "<p>A short case study.</p>",
            "model_working_well": "Grandmother visits daily.",
            "model_worries": "Bruising seen twice.",
            "model_next_steps": "A safety plan with the family.",
        },
    }


def paragraph_block(text="Some teaching text."):
    return {"type": "paragraph", "id": block_id(), "value": f"<p>{text}</p>"}


def assessment_questions(count: int) -> list[dict]:
    """`count` questions; in question n the correct option's text is "Right n"."""
    return [
        {
            "type": "question",
            "id": block_id(),
            "value": {
                "question": f"Question {n}",
                "options": [
                    {"text": f"Wrong {n}a", "correct": False},
                    {"text": f"Right {n}", "correct": True},
                    {"text": f"Wrong {n}b", "correct": False},
                ],
            },
        }
        for n in range(count)
    ]


def make_module_index(**fields) -> ModuleIndexPage:
    existing = ModuleIndexPage.objects.first()
    if existing is not None:
        return existing
    fields.setdefault("title", "E-learning")
    fields.setdefault("slug", "e-learning")
    return make_home_page().add_child(instance=ModuleIndexPage(**fields))


def make_module(
    *,
    lessons: int = 3,
    assessment: bool = True,
    pool: int = 5,
    per_attempt: int = 4,
    index=None,
    lesson_body=None,
    **fields,
) -> ModulePage:
    """A live module with `lessons` lessons (each a paragraph, or `lesson_body()`) and an
    assessment drawing `per_attempt` questions from a pool of `pool`."""
    index = index or make_module_index()
    fields.setdefault("title", f"Module {uuid.uuid4().hex[:6]}")
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    fields.setdefault("summary", "What the module is about.")
    fields.setdefault("audience", Audience.EVERYONE)
    fields.setdefault("pass_mark", 75)
    # Certificates are the certificates app's business (tests/certificates); off by default here.
    fields.setdefault("issues_certificate", False)
    module = index.add_child(instance=ModulePage(**fields))
    for n in range(1, lessons + 1):
        body = lesson_body() if lesson_body else [paragraph_block(f"Lesson {n} text.")]
        module.add_child(instance=LessonPage(title=f"Lesson {n}", slug=f"lesson-{n}", body=body))
    if assessment:
        module.add_child(
            instance=AssessmentPage(
                title="Assessment",
                slug="assessment",
                questions=assessment_questions(pool),
                questions_per_attempt=per_attempt,
            )
        )
    return ModulePage.objects.get(pk=module.pk)


def make_briefing(**fields) -> BriefingPage:
    fields.setdefault("title", "Half-day briefing")
    fields.setdefault("slug", "half-day-briefing")
    fields.setdefault("body", [paragraph_block("What the briefing covers.")])
    return make_home_page().add_child(instance=BriefingPage(**fields))


def answers_for(attempt, *, right: int) -> dict[str, list[str]]:
    """Answers to an attempt's questions, the first `right` of them correct."""
    answers = {}
    for n, question in enumerate(attempt.questions):
        options = {option["text"]: option["key"] for option in question["options"]}
        correct_text = next(text for text in options if text.startswith("Right"))
        wrong_text = next(text for text in options if text.startswith("Wrong"))
        answers[question["id"]] = [options[correct_text if n < right else wrong_text]]
    return answers
