"""Admin reports: e-learning completions (one row per learner and module) and module figures.

Both are Wagtail ReportViews, so they come with filters and CSV/XLSX export; wagtail_hooks.py
registers their URLs and puts them in the Reports menu.
"""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from accounts.models import Organisation
from accounts.spreadsheets import SafeSpreadsheetExportMixin

from .models import Enrolment, ModulePage
from .permissions import user_can_view_elearning_reports
from .selectors import (
    enrolments_for_report,
    module_figures,
    report_percent,
    report_progress,
    step_totals_by_module_key,
)


class ElearningReportView(SafeSpreadsheetExportMixin, ReportView):
    """Training administrators only; learners' private answers are never part of a report."""

    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_view_elearning_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def permission_policy(self):
        return None  # checked in dispatch through elearning.permissions


def module_choices():
    return [
        (str(module.translation_key), module.title)
        for module in ModulePage.objects.filter(alias_of__isnull=True).order_by("path")
    ]


class CompletionsFilterSet(WagtailFilterSet):
    module_key = django_filters.ChoiceFilter(
        label=_("Module"), choices=module_choices, empty_label=_("All modules")
    )
    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="learner__organisation",
        queryset=Organisation.objects.all(),
        empty_label=_("All organisations"),
    )
    started_at = django_filters.DateFromToRangeFilter(
        label=_("Started"), widget=DateRangePickerWidget
    )
    completed_at = django_filters.DateFromToRangeFilter(
        label=_("Completed"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Enrolment
        fields = ["module_key", "organisation", "started_at", "completed_at"]


class PercentColumn(Column):
    def get_value(self, instance):
        return f"{instance.percent_complete}%"


class CompletionsReportView(ElearningReportView):
    page_title = _("E-learning completions")
    index_url_name = "elearning_completions_report"
    index_results_url_name = "elearning_completions_report_results"
    filterset_class = CompletionsFilterSet
    columns = [
        Column("learner.full_name", label=_("Learner")),
        Column("learner.organisation", label=_("Organisation")),
        Column("learner.team", label=_("Team")),
        Column("module.title", label=_("Module")),
        DateColumn("started_at", label=_("Started")),
        PercentColumn("percent_complete", label=_("Complete")),
        DateColumn("completed_at", label=_("Completed")),
        Column("completed_in", label=_("Completed in"), accessor="completed_in_name"),
        Column("best_score", label=_("Best score (%)")),
    ]
    list_export = [
        "learner.full_name",
        "learner.email",
        "learner.organisation.name",
        "learner.team",
        "module.title",
        "started_at",
        "percent_complete",
        "completed_at",
        "completed_in_name",
        "best_score",
    ]
    export_headings = {
        "learner.full_name": _("Learner"),
        "learner.email": _("Email"),
        "learner.organisation.name": _("Organisation"),
        "learner.team": _("Team"),
        "module.title": _("Module"),
        "started_at": _("Started"),
        "percent_complete": _("Percent complete"),
        "completed_at": _("Completed"),
        "completed_in_name": _("Completed in"),
        "best_score": _("Best score"),
    }

    def get_filename(self):
        return f"elearning-completions-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self) -> QuerySet[Enrolment]:
        return enrolments_for_report()

    def decorate_paginated_queryset(self, object_list):
        """The rows shown (or all of them, for an export) get their percent complete."""
        enrolments = list(object_list)
        totals = step_totals_by_module_key()
        progress = report_progress(enrolments)
        for enrolment in enrolments:
            enrolment.percent_complete = report_percent(enrolment, progress[enrolment.pk], totals)
        return enrolments


class AverageColumn(Column):
    def get_value(self, instance):
        value = instance.average_best_score
        return "" if value is None else f"{value:.0f}%"


class ModuleFiguresReportView(ElearningReportView):
    page_title = _("E-learning module figures")
    index_url_name = "elearning_module_figures_report"
    index_results_url_name = "elearning_module_figures_report_results"
    columns = [
        Column("title", label=_("Module")),
        Column("enrolled", label=_("Enrolled")),
        Column("in_progress", label=_("In progress")),
        Column("completed", label=_("Completed")),
        AverageColumn("average_best_score", label=_("Average best score")),
    ]
    list_export = ["title", "enrolled", "in_progress", "completed", "average_best_score"]
    export_headings = {
        "title": _("Module"),
        "enrolled": _("Enrolled"),
        "in_progress": _("In progress"),
        "completed": _("Completed"),
        "average_best_score": _("Average best score"),
    }

    def get_filename(self):
        return f"elearning-module-figures-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self) -> QuerySet[ModulePage]:
        return module_figures()

    def decorate_paginated_queryset(self, object_list):
        for module in object_list:
            module.in_progress = module.enrolled - module.completed
        return object_list
