"""Content blocks shared by the site's pages (and reused by the e-learning lessons)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=120)
    size = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))],
        default="h2",
        required=True,
        label=_("Size"),
    )

    class Meta:
        label = _("Heading")
        icon = "title"
        template = "home/blocks/heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alt text"),
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(required=False, max_length=250, label=_("Caption"))

    class Meta:
        label = _("Image")
        icon = "image"
        template = "home/blocks/image.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80, label=_("Text"), help_text=_("What the button says."))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(
        required=False, label=_("URL"), help_text=_("Used when no page is chosen.")
    )

    class Meta:
        label = _("Call to action")
        icon = "link"
        template = "home/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a URL."))}
            )
        return value


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        required=False, label=_("Title"), help_text=_("Defaults to the document's title.")
    )

    class Meta:
        label = _("Document")
        icon = "doc-full"
        template = "home/blocks/document_link.html"


class InsetBlock(blocks.RichTextBlock):
    class Meta:
        label = _("Inset text")
        icon = "openquote"
        template = "home/blocks/inset.html"


class BaseContentBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["bold", "italic", "link", "ol", "ul", "h3", "document-link"],
        icon="pilcrow",
        template="home/blocks/paragraph.html",
        label=_("Paragraph"),
    )
    image = ImageBlock()
    inset = InsetBlock(features=["bold", "italic", "link"])
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
