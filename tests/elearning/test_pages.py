import pytest
from wagtail import blocks
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.test.utils import WagtailPageTestCase

from elearning.blocks import (
    AssessmentQuestionBlock,
    KnowledgeCheckBlock,
    LessonBlock,
    VideoBlock,
)
from elearning.models import (
    AssessmentPage,
    BriefingPage,
    LessonPage,
    ModuleIndexPage,
    ModulePage,
)
from home.models import HomePage

from .factories import block_id, make_briefing, make_module

pytestmark = pytest.mark.django_db

VIDEO_URL = "https://www.youtube.com/watch?v=example"


class TestPageTypeRules(WagtailPageTestCase):
    def test_the_module_tree(self):
        self.assertAllowedParentPageTypes(ModuleIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ModuleIndexPage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage, AssessmentPage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedParentPageTypes(AssessmentPage, {ModulePage})

    def test_briefings_sit_in_the_content_pages(self):
        self.assertCanCreateAt(HomePage, BriefingPage)
        self.assertCanNotCreateAt(ModulePage, BriefingPage)


def test_a_knowledge_check_needs_a_correct_option():
    block = KnowledgeCheckBlock()
    value = block.to_python(
        {
            "question": "Which?",
            "options": [
                {"text": "A", "correct": False, "feedback": "No"},
                {"text": "B", "correct": False, "feedback": "No"},
            ],
        }
    )

    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(value)


def test_a_knowledge_check_needs_two_to_six_options():
    block = KnowledgeCheckBlock()
    one = block.to_python(
        {"question": "Which?", "options": [{"text": "A", "correct": True, "feedback": "Yes"}]}
    )

    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(one)


@pytest.mark.parametrize("block", [KnowledgeCheckBlock(), AssessmentQuestionBlock()])
def test_a_new_question_starts_with_the_two_options_it_needs(block):
    editor_state = block.get_form_state(block.get_default())

    assert len(block.get_default()["options"]) == 2
    assert len(editor_state["options"]) == 2


def test_feedback_on_a_knowledge_check_option_is_optional():
    block = KnowledgeCheckBlock()
    value = block.to_python(
        {
            "question": "Which?",
            "options": [
                {"text": "A", "correct": True, "feedback": ""},
                {"text": "B", "correct": False, "feedback": "Look again at the three columns."},
            ],
        }
    )

    cleaned = block.clean(value)

    assert [option["feedback"] for option in cleaned["options"]] == [
        "",
        "Look again at the three columns.",
    ]


def test_a_video_needs_a_transcript():
    block = VideoBlock()
    value = block.to_python({"video": VIDEO_URL, "title": "A family meeting", "transcript": ""})

    with pytest.raises(blocks.StructBlockValidationError):
        block.clean(value)


def test_images_in_lessons_need_alt_text():
    image_block = LessonBlock().child_blocks["image"]

    assert image_block.child_blocks["alt_text"].required


def test_a_video_shows_its_transcript_in_a_details_element(client):
    Embed.objects.create(
        url=VIDEO_URL,
        hash=get_embed_hash(VIDEO_URL),
        type="video",
        html='<iframe title="A family meeting" src="https://www.youtube.com/embed/x"></iframe>',
    )
    video = {
        "type": "video",
        "id": block_id(),
        "value": {
            "video": VIDEO_URL,
            "title": "A family meeting",
            "transcript": "<p>The worker asks what is working well.</p>",
        },
    }
    module = make_module(lessons=1, lesson_body=lambda: [video])

    content = client.get(module.lessons[0].url).content.decode()

    assert '<iframe title="A family meeting"' in content
    assert '<details class="govuk-details' in content
    assert "The worker asks what is working well." in content


def test_the_briefing_lists_the_courses_next_sessions(client):
    from tests.bookings.factories import make_session
    from tests.courses.factories import make_course

    course = make_course(title="Half-day briefing")
    session = make_session(course)
    briefing = make_briefing(course=course)

    content = client.get(briefing.url).content.decode()

    assert "Dates" in content
    assert session.venue.name in content


def test_the_briefing_without_a_course_lists_no_dates(client):
    content = client.get(make_briefing().url).content.decode()

    assert "Dates" not in content


@pytest.mark.parametrize("model", ["lessonpage", "assessmentpage"])
def test_editors_can_open_the_add_forms(client, model):
    from tests.factories import UserFactory

    module = make_module(lessons=0, assessment=False)
    client.force_login(UserFactory(staff=True, superuser=True))

    response = client.get(f"/admin/pages/add/elearning/{model}/{module.pk}/")

    assert response.status_code == 200


def test_editors_can_open_the_module_and_lesson_edit_forms(client):
    from tests.factories import UserFactory

    from .factories import knowledge_check, reflection, scaling_question, three_columns

    module = make_module(
        lessons=1,
        lesson_body=lambda: [knowledge_check(), reflection(), scaling_question(), three_columns()],
    )
    client.force_login(UserFactory(staff=True, superuser=True))

    assert client.get(f"/admin/pages/{module.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{module.lessons[0].pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{module.assessment.pk}/edit/").status_code == 200
