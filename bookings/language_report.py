"""Reports → Welsh-language training: per year, how many people attended training delivered in
Welsh, and what share of e-learning completions were of the Welsh version of a module, for the
yearly figures councils in Wales report. A Wagtail ReportView, so it exports to CSV and XLSX."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from elearning.models import Enrolment

from .models import Booking
from .permissions import user_can_administer_training

WELSH = "cy"


@dataclass(frozen=True)
class WelshTrainingYear:
    year: int
    people_trained: int  # people who completed a session (present on every day) that year
    people_trained_in_welsh: int  # of them, those who completed a session delivered in Welsh
    completions: int  # e-learning module completions that year
    completions_in_welsh: int  # of them, completed while reading the Welsh version

    @property
    def welsh_completion_share(self) -> str:
        if not self.completions:
            return ""
        return f"{round(100 * self.completions_in_welsh / self.completions)}%"


def welsh_training_by_year() -> list[WelshTrainingYear]:
    """Every year with a completed session or module, newest first: two queries."""
    sessions = (
        Booking.objects.filter(completed_at__isnull=False)
        .annotate(year=ExtractYear("completed_at"))
        .values("year")
        .annotate(
            people=Count("user", distinct=True),
            welsh=Count("user", distinct=True, filter=Q(session__language=WELSH)),
        )
        .order_by()
    )
    modules = (
        Enrolment.objects.filter(completed_at__isnull=False)
        .annotate(year=ExtractYear("completed_at"))
        .values("year")
        .annotate(completions=Count("pk"), welsh=Count("pk", filter=Q(completed_in=WELSH)))
        .order_by()
    )
    people = {row["year"]: row for row in sessions}
    completions = {row["year"]: row for row in modules}
    return [
        WelshTrainingYear(
            year=year,
            people_trained=people.get(year, {}).get("people", 0),
            people_trained_in_welsh=people.get(year, {}).get("welsh", 0),
            completions=completions.get(year, {}).get("completions", 0),
            completions_in_welsh=completions.get(year, {}).get("welsh", 0),
        )
        for year in sorted(people.keys() | completions.keys(), reverse=True)
    ]


class WelshTrainingReportView(ReportView):
    page_title = _("Welsh-language training")
    header_icon = "globe"
    index_url_name = "welsh_training_report"
    index_results_url_name = "welsh_training_report_results"
    columns = [
        Column("year", label=_("Year")),
        Column("people_trained_in_welsh", label=_("People trained in Welsh")),
        Column("people_trained", label=_("People trained")),
        Column("completions_in_welsh", label=_("E-learning completions in Welsh")),
        Column("completions", label=_("E-learning completions")),
        Column("welsh_completion_share", label=_("Share of completions in Welsh")),
    ]
    list_export = [
        "year",
        "people_trained_in_welsh",
        "people_trained",
        "completions_in_welsh",
        "completions",
        "welsh_completion_share",
    ]
    export_headings = {
        "year": _("Year"),
        "people_trained_in_welsh": _("People trained in Welsh"),
        "people_trained": _("People trained"),
        "completions_in_welsh": _("E-learning completions in Welsh"),
        "completions": _("E-learning completions"),
        "welsh_completion_share": _("Share of completions in Welsh"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not user_can_administer_training(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def permission_policy(self):
        return None  # checked in dispatch through bookings.permissions

    def get_filename(self):
        return f"welsh-language-training-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self) -> list[WelshTrainingYear]:
        return welsh_training_by_year()
