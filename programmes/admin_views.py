"""The training administrators' programme pages in the Wagtail admin: the dashboard (with
its CSV and XLSX export), one person's evidence, enrolling people, and the actions on an
enrolment. Every page is for training administrators only; every action calls one service in
programmes.services and shows its refusal as an error."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import ModelLogEntry

from accounts.exports import csv_safe

from . import dashboard, exports, selectors, services
from .forms import (
    DashboardFilterForm,
    DetailsForm,
    DueDateForm,
    EnrolForm,
    ExemptionForm,
    ReasonForm,
)
from .models import Exemption, Requirement
from .permissions import user_can_administer_programmes
from .progress import EnrolmentProgress, long_date
from .views import programme_cards

ROWS_PER_PAGE = 50


class AdministratorsOnly:
    def dispatch(self, request, *args, **kwargs):
        if not user_can_administer_programmes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def dashboard_url() -> str:
    return reverse("programmes_admin:dashboard")


class DashboardView(
    AdministratorsOnly, WagtailAdminTemplateMixin, SpreadsheetExportMixin, TemplateView
):
    """Every enrolment with a compact status per requirement, counts, filters and sorting;
    ?export=csv or ?export=xlsx downloads every row the filters keep."""

    template_name = "programmes/admin/dashboard.html"
    page_title = gettext_lazy("Programme dashboard")
    header_icon = "tasks"
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        # Until the shared spreadsheet writer lands: no live formulas in a CSV cell.
        str: {SpreadsheetExportMixin.FORMAT_CSV: csv_safe},
    }

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def build(self) -> tuple[DashboardFilterForm, dashboard.Dashboard]:
        enrolments = list(selectors.enrolments_for_dashboard())
        form = DashboardFilterForm(self.request.GET or None, enrolments=enrolments)
        filters = form.cleaned_data if form.is_valid() else {}
        return form, dashboard.build(enrolments, filters)

    def get(self, request, *args, **kwargs):
        if self.is_export:
            _form, board = self.build()
            self.export_headings = exports.headings(board.rows)
            self.list_export = list(self.export_headings)
            return self.as_spreadsheet(board.rows, request.GET["export"])
        return super().get(request, *args, **kwargs)

    def get_filename(self) -> str:
        return f"programme-progress-{timezone.localdate():%Y-%m-%d}"

    def to_row_dict(self, item: EnrolmentProgress) -> dict:
        return exports.row_of(item)

    def get_context_data(self, **kwargs):
        form, board = self.build()
        page = Paginator(board.rows, ROWS_PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        return super().get_context_data(
            filter_form=form,
            counts=board.counts,
            page_obj=page,
            rows=page.object_list,
            query=query.urlencode(),
            csv_url=self.get_export_url("csv"),
            xlsx_url=self.get_export_url("xlsx"),
            **kwargs,
        )


class EnrolmentMixin(AdministratorsOnly, WagtailAdminTemplateMixin):
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        self.enrolment = get_object_or_404(selectors.enrolments(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def enrolment_url(self) -> str:
        return reverse("programmes_admin:enrolment", args=[self.enrolment.pk])

    def get_page_subtitle(self):
        return str(self.enrolment)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": dashboard_url(), "label": _("Programme dashboard")},
            {"url": self.enrolment_url(), "label": str(self.enrolment.person)},
            {"url": "", "label": self.get_page_title()},
        ]


class EnrolmentView(EnrolmentMixin, TemplateView):
    """One person's enrolment: the evidence behind each requirement (what counted, what did
    not and why), the exemptions, the actions and the history."""

    template_name = "programmes/admin/enrolment.html"

    def get_page_title(self):
        return str(self.enrolment.person)

    def get_page_subtitle(self):
        return self.enrolment.programme.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": dashboard_url(), "label": _("Programme dashboard")},
            {"url": "", "label": str(self.enrolment.person)},
        ]

    def get_context_data(self, **kwargs):
        [card] = programme_cards(self.enrolment.person, [self.enrolment], with_absences=True)
        history = (
            ModelLogEntry.objects.for_instance(self.enrolment)
            .select_related("user")
            .order_by("-timestamp", "-pk")
        )
        return super().get_context_data(
            enrolment=self.enrolment,
            card=card,
            history=history,
            can_change=self.enrolment.is_live,
            **kwargs,
        )


class EnrolmentFormView(EnrolmentMixin, FormView):
    """A form about the enrolment that calls one service; refusals become form errors."""

    template_name = "programmes/admin/action_form.html"
    form_class = ReasonForm
    intro = ""
    submit_label = gettext_lazy("Save")
    destructive = False
    multipart = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=self.intro,
            submit_label=self.submit_label,
            destructive=self.destructive,
            multipart=self.multipart,
            back_url=self.enrolment_url(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except services.ProgrammeError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.enrolment_url())


class PauseView(EnrolmentFormView):
    page_title = gettext_lazy("Pause the enrolment")
    submit_label = gettext_lazy("Pause")
    intro = gettext_lazy(
        "A paused enrolment does not complete, and its sessions cannot be booked through it. "
        "Its dates stay as they are: move the due date when it resumes if the pause should "
        "not count."
    )

    def perform(self, form) -> str:
        services.pause(enrolment=self.enrolment, by=self.request.user, **form.cleaned_data)
        return _("The enrolment is paused.")


class WithdrawView(EnrolmentFormView):
    page_title = gettext_lazy("Withdraw from the programme")
    submit_label = gettext_lazy("Withdraw")
    destructive = True
    intro = gettext_lazy(
        "The person leaves the programme and it never completes. They can be enrolled again "
        "later. A Practice Lead role stays until you remove it."
    )

    def perform(self, form) -> str:
        services.withdraw(enrolment=self.enrolment, by=self.request.user, **form.cleaned_data)
        return _("%(person)s is withdrawn from the programme.") % {"person": self.enrolment.person}


class ResumeView(EnrolmentMixin, View):
    """A POST-only action from the enrolment page."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.resume(enrolment=self.enrolment, by=request.user)
        except services.ProgrammeError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The enrolment is active again."))
        return redirect(self.enrolment_url())


class DueDateView(EnrolmentFormView):
    form_class = DueDateForm
    page_title = gettext_lazy("Change the due date")
    intro = gettext_lazy(
        "Sessions count from the start date to the due date, and requirements without a "
        "deadline of their own are due by it."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "enrolment": self.enrolment}

    def get_initial(self):
        return {"due_date": self.enrolment.due_date}

    def perform(self, form) -> str:
        enrolment = services.change_due_date(
            enrolment=self.enrolment, by=self.request.user, **form.cleaned_data
        )
        return _("The due date is now %(date)s.") % {"date": long_date(enrolment.due_date)}


class DetailsView(EnrolmentFormView):
    form_class = DetailsForm
    page_title = gettext_lazy("Change intake, coordinator and notes")

    def get_initial(self):
        return {
            "intake": self.enrolment.intake,
            "coordinator": self.enrolment.coordinator,
            "notes": self.enrolment.notes,
        }

    def perform(self, form) -> str:
        services.update_details(enrolment=self.enrolment, by=self.request.user, **form.cleaned_data)
        return _("Saved.")


class ExemptionView(EnrolmentFormView):
    form_class = ExemptionForm
    submit_label = gettext_lazy("Record")
    multipart = True
    intro = gettext_lazy(
        "The requirement counts as met, and the person sees the reason and evidence. The "
        "enrolment completes if this was the last requirement."
    )

    def dispatch(self, request, *args, **kwargs):
        self.requirement = get_object_or_404(Requirement, pk=kwargs["requirement_pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Exemption or prior learning: %(requirement)s") % {
            "requirement": self.requirement.name
        }

    def perform(self, form) -> str:
        services.record_exemption(
            enrolment=self.enrolment,
            requirement=self.requirement,
            by=self.request.user,
            **form.cleaned_data,
        )
        return _("Recorded for %(requirement)s.") % {"requirement": self.requirement.name}


class RemoveExemptionView(EnrolmentFormView):
    page_title = gettext_lazy("Remove an exemption")
    submit_label = gettext_lazy("Remove")
    destructive = True
    intro = gettext_lazy(
        "The requirement is counted from the records again. A completed enrolment stays completed."
    )

    def dispatch(self, request, *args, **kwargs):
        self.exemption = get_object_or_404(
            Exemption.objects.select_related("requirement"), pk=kwargs["exemption_pk"]
        )
        kwargs["pk"] = self.exemption.enrolment_id
        return super().dispatch(request, *args, **kwargs)

    def perform(self, form) -> str:
        services.remove_exemption(
            exemption=self.exemption, by=self.request.user, **form.cleaned_data
        )
        return _("The exemption is removed.")


class EnrolView(AdministratorsOnly, WagtailAdminTemplateMixin, FormView):
    """Enrol one person or many: by email, or everyone who completed a session."""

    template_name = "programmes/admin/action_form.html"
    form_class = EnrolForm
    page_title = gettext_lazy("Enrol people on a programme")
    header_icon = "user"

    def get_initial(self):
        initial = {}
        session = self.request.GET.get("session", "")
        if session.isdigit():
            initial["completed_session"] = int(session)
        return initial

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": dashboard_url(), "label": _("Programme dashboard")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=_(
                "Each person is emailed what the programme asks of them. Enrolling on a "
                "programme that makes people Practice Leads gives them that role. People "
                "already on the programme are left as they are."
            ),
            submit_label=_("Enrol"),
            destructive=False,
            multipart=False,
            back_url=dashboard_url(),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            summary = services.enrol_many(
                people=form.people,
                programme=data["programme"],
                start_date=data["start_date"],
                intake=data["intake"],
                coordinator=data["coordinator"],
                by=self.request.user,
            )
        except services.ProgrammeError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Enrolled %(n)s on %(programme)s.")
            % {"n": len(summary.enrolled), "programme": data["programme"].name},
        )
        if summary.already_enrolled:
            messages.warning(
                self.request,
                _("Already on it, so left as they are: %(names)s.")
                % {"names": ", ".join(str(person) for person in summary.already_enrolled)},
            )
        return redirect(f"{dashboard_url()}?programme={data['programme'].pk}")
