"""The impact pages in the Wagtail admin: the scorecard (administrators and scorecard viewers),
a session's feedback summary (its trainers and administrators), the trainer's list of their
sessions' feedback, and the practice indicators' CSV import (administrators)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from accounts.permissions import user_is_trainer
from bookings.models import Session

from . import charts, exports, feedback_summary, indicators, scorecard
from .forms import IndicatorImportForm, ScorecardFilterForm
from .permissions import (
    user_can_edit_indicators,
    user_can_read_feedback_text,
    user_can_view_scorecard,
    user_can_view_session_feedback,
)


class ScorecardView(WagtailAdminTemplateMixin, SpreadsheetExportMixin, TemplateView):
    """Reach, delivery, quality and impact, and the practice indicators for a period and an
    organisation. ?export=csv|xlsx downloads every figure; add &table=<key> for one table."""

    template_name = "impact/admin/scorecard.html"
    page_title = gettext_lazy("Signs of Safety scorecard")
    header_icon = "table"
    custom_value_preprocess = exports.SAFE_PREPROCESS

    def dispatch(self, request, *args, **kwargs):
        if not user_can_view_scorecard(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def filters(self) -> tuple[ScorecardFilterForm, scorecard.Filters]:
        form = ScorecardFilterForm(self.request.GET or None)
        default = scorecard.default_filters()
        if not form.is_valid():
            return form, default
        data = form.cleaned_data
        return form, scorecard.Filters(
            date_from=data["date_from"] or default.date_from,
            date_to=data["date_to"] or default.date_to,
            organisation=data["organisation"],
        )

    def get_filename(self) -> str:
        return f"scorecard-{timezone.localdate():%Y-%m-%d}"

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            return super().get(request, *args, **kwargs)
        _form, filters = self.filters()
        card = scorecard.build(filters, with_free_text=False)
        wanted = request.GET.get("table")
        table = next((t for t in card.tables() if t.key == wanted), None)
        if table is not None:
            self.export_headings = exports.table_columns(table)
            rows = exports.table_rows(table)
        else:
            self.export_headings = exports.ALL_FIGURES_COLUMNS
            rows = exports.all_figure_rows(card.tables())
        self.list_export = list(self.export_headings)
        return self.as_spreadsheet(rows, request.GET["export"])

    def to_row_dict(self, item: dict) -> dict:
        return item

    def get_context_data(self, **kwargs):
        form, filters = self.filters()
        card = scorecard.build(
            filters, with_free_text=user_can_read_feedback_text(self.request.user)
        )
        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop("table", None)
        return super().get_context_data(
            filter_form=form,
            card=card,
            sections=[
                (_("Reach"), "reach", with_charts(card.reach)),
                (_("Delivery"), "delivery", with_charts(card.delivery)),
                (_("Quality and impact"), "quality", with_charts(card.quality)),
            ],
            indicator_charts=[
                (
                    series,
                    charts.line_chart(
                        series.points,
                        [(m.date, m.title) for m in card.milestones],
                        start=filters.date_from.replace(day=1),
                        end=filters.date_to,
                    ),
                )
                for series in card.indicator_series
            ],
            query=query.urlencode(),
            can_edit_indicators=user_can_edit_indicators(self.request.user),
            **kwargs,
        )


def with_charts(tables: list[scorecard.Table]) -> list[tuple[scorecard.Table, object]]:
    return [
        (table, charts.bar_chart(table.chart_rows()) if table.chart and table.rows else None)
        for table in tables
    ]


class SessionFeedbackView(WagtailAdminTemplateMixin, TemplateView):
    """One session's feedback summary, shown from 5 responses: average ratings, confidence,
    and the written answers of people who did not answer anonymously (without names)."""

    template_name = "impact/admin/session_feedback.html"
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        self.session = get_object_or_404(
            Session.objects.select_related("course").prefetch_related("days"), pk=kwargs["pk"]
        )
        if not user_can_view_session_feedback(request.user, self.session):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Feedback")

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("impact_admin:my_sessions"), "label": _("Session feedback")},
            {"url": "", "label": str(self.session)},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            summary=feedback_summary.for_session(self.session), **kwargs
        )


class MySessionsFeedbackView(WagtailAdminTemplateMixin, TemplateView):
    """The trainer's completed sessions with how many people answered; administrators see
    every completed session."""

    template_name = "impact/admin/my_sessions.html"
    page_title = gettext_lazy("Session feedback")
    header_icon = "comment"

    def dispatch(self, request, *args, **kwargs):
        if not (user_is_trainer(request.user) or user_can_edit_indicators(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        trainer = None if user_can_edit_indicators(self.request.user) else self.request.user
        return super().get_context_data(
            sessions=feedback_summary.sessions_with_response_counts(trainer=trainer),
            smallest=feedback_summary.SMALLEST_SUMMARY,
            **kwargs,
        )


class IndicatorImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "impact/admin/indicator_import.html"
    page_title = gettext_lazy("Import practice indicators")
    header_icon = "upload"
    form_class = IndicatorImportForm

    def dispatch(self, request, *args, **kwargs):
        if not user_can_edit_indicators(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("impact_indicators:index"), "label": _("Practice indicators")},
            {"url": "", "label": self.get_page_title()},
        ]

    def form_valid(self, form):
        try:
            summary = indicators.import_csv(form.cleaned_data["file"].read())
        except indicators.ImportRefused as refusal:
            for error in refusal.errors[:20]:
                form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Imported: %(created)s months added, %(updated)s updated.")
            % {"created": summary.created, "updated": summary.updated},
        )
        return redirect("impact_indicators:index")
