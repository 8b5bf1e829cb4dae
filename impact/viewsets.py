"""Feedback forms, monthly practice indicators and roll-out milestones, edited in the admin by
training administrators (the model permissions granted in migration 0002)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .models import INDICATOR_FIELDS, FeedbackForm, IndicatorMonth, Milestone


class FeedbackFormViewSet(ModelViewSet):
    model = FeedbackForm
    icon = "form"
    menu_label = _("Feedback forms")
    name = "feedback_forms"
    url_namespace = "impact_feedback_forms"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "title",
        Column("course", label=_("Course")),
        Column("module", label=_("Module")),
        "allow_anonymous",
    ]
    search_fields = ["title"]
    search_backend_name = None


class IndicatorMonthViewSet(ModelViewSet):
    model = IndicatorMonth
    icon = "date"
    menu_label = _("Practice indicators")
    name = "practice_indicators"
    url_namespace = "impact_indicators"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "month",
        "re_referrals",
        "child_protection_plans",
        "looked_after",
        "family_survey_score",
    ]
    panels = [FieldPanel("month"), *(FieldPanel(name) for name in INDICATOR_FIELDS)]
    ordering = ["-month"]


class MilestoneViewSet(ModelViewSet):
    model = Milestone
    icon = "flag"
    menu_label = _("Roll-out milestones")
    name = "milestones"
    url_namespace = "impact_milestones"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["date", "title", "kind"]
    form_fields = ["date", "title", "kind"]
    ordering = ["-date"]


class ImpactViewSetGroup(ViewSetGroup):
    menu_label = _("Impact")
    menu_icon = "table"
    menu_order = 170
    items = (FeedbackFormViewSet, IndicatorMonthViewSet, MilestoneViewSet)
