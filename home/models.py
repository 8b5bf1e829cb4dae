from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import BaseContentBlock


class HomePage(Page):
    """The front door: what the platform offers and where to start."""

    hero_heading = models.CharField(max_length=120, default="Signs of Safety learning")
    hero_text = models.TextField(
        blank=True, help_text="One or two sentences under the main heading."
    )
    body = StreamField(BaseContentBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("hero_text"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    template = "home/home_page.html"


class StandardPage(Page):
    """A plain content page: about, guides, accessibility statement, privacy notice."""

    introduction = models.TextField(blank=True)
    body = StreamField(BaseContentBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    template = "home/standard_page.html"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(max_length=200, default="Example Borough Council")
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_email = models.EmailField(default="training@example-borough.gov.uk")
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("logo"),
        FieldPanel("contact_email"),
        FieldPanel("accessibility_statement"),
        FieldPanel("privacy_notice"),
    ]

    class Meta:
        verbose_name = "site settings"
