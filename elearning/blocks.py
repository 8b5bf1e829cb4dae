"""Lesson content: the site's shared content blocks plus video and the learning exercises.

Exercise answers are stored against the block's StreamField id (`block.id`), which Wagtail keeps
stable across edits and copies into translations, together with the lesson's translation_key.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from home.blocks import DocumentLinkBlock, HeadingBlock, ImageBlock, InsetBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "document-link"]


class VideoBlock(blocks.StructBlock):
    video = EmbedBlock(
        label=_("Video"),
        help_text=_("A link to the video on YouTube, Vimeo or another embed provider."),
    )
    title = blocks.CharBlock(
        max_length=120, label=_("Title"), help_text=_("What the video is about.")
    )
    transcript = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul"],
        label=_("Transcript"),
        help_text=_("Required: everything said and shown, for people who cannot watch the video."),
    )

    class Meta:
        label = _("Video")
        icon = "media"
        template = "elearning/blocks/video.html"


class KnowledgeCheckOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=250, label=_("Text"))
    correct = blocks.BooleanBlock(required=False, label=_("Correct"))
    feedback = blocks.CharBlock(
        required=False,
        max_length=500,
        label=_("Feedback"),
        help_text=_("Optional. Shown to learners who choose this option."),
    )

    class Meta:
        label = _("Option")
        icon = "list-ul"


def option_list(option: blocks.StructBlock) -> blocks.ListBlock:
    """Between two and six options, starting with the two a question needs (a ListBlock
    otherwise starts with one, which the editor must add to before saving)."""
    return blocks.ListBlock(
        option,
        min_num=2,
        max_num=6,
        default=[option.get_default(), option.get_default()],
        label=_("Options"),
    )


def require_a_correct_option(options) -> None:
    if not any(option["correct"] for option in options):
        raise blocks.StructBlockValidationError(
            non_block_errors=[ValidationError(gettext("Mark at least one option as correct."))]
        )


class KnowledgeCheckBlock(blocks.StructBlock):
    """Instant practice: answers are recorded but never hold the learner back."""

    question = blocks.CharBlock(max_length=250, label=_("Question"))
    options = option_list(KnowledgeCheckOptionBlock())

    class Meta:
        label = _("Knowledge check")
        icon = "help"
        template = "elearning/blocks/knowledge_check.html"

    def clean(self, value):
        value = super().clean(value)
        require_a_correct_option(value["options"])
        return value


class ReflectionBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(max_length=500, label=_("Prompt"))
    hint = blocks.CharBlock(required=False, max_length=250, label=_("Hint"))

    class Meta:
        label = _("Reflection")
        icon = "edit"
        template = "elearning/blocks/reflection.html"


class ScalingQuestionBlock(blocks.StructBlock):
    prompt = blocks.CharBlock(max_length=500, label=_("Prompt"))
    low_label = blocks.CharBlock(max_length=150, label=_("Low label"), help_text=_("What 0 means."))
    high_label = blocks.CharBlock(
        max_length=150, label=_("High label"), help_text=_("What 10 means.")
    )

    class Meta:
        label = _("Scaling question")
        icon = "order"
        template = "elearning/blocks/scaling_question.html"


class ThreeColumnsExerciseBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Title"))
    case_study = blocks.RichTextBlock(
        features=["bold", "italic", "ol", "ul"], label=_("Case study")
    )
    model_working_well = blocks.TextBlock(label=_("Model answer: what's working well?"))
    model_worries = blocks.TextBlock(label=_("Model answer: what are we worried about?"))
    model_next_steps = blocks.TextBlock(label=_("Model answer: what needs to happen?"))

    class Meta:
        label = _("Three columns exercise")
        icon = "table"
        template = "elearning/blocks/three_columns.html"


class ContentBlock(blocks.StreamBlock):
    """Reading content: used by module introductions, briefings and lessons."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        template="home/blocks/paragraph.html",
        label=_("Paragraph"),
    )
    image = ImageBlock()
    inset = InsetBlock(features=["bold", "italic", "link"])
    document = DocumentLinkBlock()
    video = VideoBlock()


class LessonBlock(ContentBlock):
    knowledge_check = KnowledgeCheckBlock()
    reflection = ReflectionBlock()
    scaling_question = ScalingQuestionBlock()
    three_columns = ThreeColumnsExerciseBlock()


EXERCISE_BLOCK_TYPES = frozenset(
    {"knowledge_check", "reflection", "scaling_question", "three_columns"}
)


class AssessmentOptionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=250, label=_("Text"))
    correct = blocks.BooleanBlock(required=False, label=_("Correct"))

    class Meta:
        label = _("Option")
        icon = "list-ul"


class AssessmentQuestionBlock(blocks.StructBlock):
    """One question of the assessment pool. Several correct options make it a "choose all"."""

    question = blocks.CharBlock(max_length=300, label=_("Question"))
    options = option_list(AssessmentOptionBlock())

    class Meta:
        label = _("Question")
        icon = "help"

    def clean(self, value):
        value = super().clean(value)
        require_a_correct_option(value["options"])
        return value


class AssessmentQuestionsBlock(blocks.StreamBlock):
    question = AssessmentQuestionBlock()


class LearningOutcomesBlock(blocks.StreamBlock):
    outcome = blocks.CharBlock(max_length=250, icon="tick", label=_("Outcome"))
