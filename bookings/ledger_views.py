"""The ledger of charges for places wasted, in the admin: training administrators see every
charge and waive, invoice and credit them; an organisation contact sees their own
organisation's, read only. Exports as CSV or XLSX for invoicing."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from accounts.exports import csv_safe
from accounts.permissions import organisations_managed_by

from . import selectors, services
from .forms import ReasonForm
from .models import Charge
from .permissions import user_can_change_charges, user_can_see_ledger


class LedgerFilterForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Organisation"),
        empty_label=gettext_lazy("All organisations"),
    )
    date_from = forms.DateField(required=False, label=gettext_lazy("Raised from"))
    date_to = forms.DateField(required=False, label=gettext_lazy("Raised until"))
    status = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("Any status")), *Charge.Status.choices],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations_managed_by(user).order_by("name")

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            "organisation": self.cleaned_data["organisation"],
            "date_from": self.cleaned_data["date_from"],
            "date_to": self.cleaned_data["date_to"],
            "status": self.cleaned_data["status"],
        }


class LedgerMixin(WagtailAdminTemplateMixin):
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_ledger(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class LedgerView(LedgerMixin, SpreadsheetExportMixin, TemplateView):
    template_name = "bookings/admin/ledger.html"
    page_title = gettext_lazy("Charges for places wasted")
    list_export = [
        "raised",
        "organisation",
        "person",
        "course",
        "session_date",
        "kind",
        "amount",
        "status",
        "reason",
        "waiver_reason",
        "invoice_reference",
        "purchase_order",
    ]
    export_headings = {
        "raised": gettext_lazy("Raised"),
        "organisation": gettext_lazy("Organisation"),
        "person": gettext_lazy("Person"),
        "course": gettext_lazy("Course"),
        "session_date": gettext_lazy("Session date"),
        "kind": gettext_lazy("Charge"),
        "amount": gettext_lazy("Amount (£)"),
        "status": gettext_lazy("Status"),
        "reason": gettext_lazy("Why"),
        "waiver_reason": gettext_lazy("Why waived"),
        "invoice_reference": gettext_lazy("Invoice"),
        "purchase_order": gettext_lazy("Purchase order"),
    }
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: csv_safe},
    }

    def charges(self):
        self.form = LedgerFilterForm(self.request.GET or None, user=self.request.user)
        return selectors.ledger(self.request.user, **self.form.filters())

    def get(self, request, *args, **kwargs):
        if self.is_export:
            if request.GET["export"] not in (self.FORMAT_CSV, self.FORMAT_XLSX):
                raise Http404
            return self.as_spreadsheet(self.charges(), request.GET["export"])
        return super().get(request, *args, **kwargs)

    def get_filename(self) -> str:
        return "charges"

    def to_row_dict(self, item: Charge) -> dict:
        organisation = item.organisation
        return {
            "raised": item.raised_at.date(),
            "organisation": organisation.name if organisation else _("No verified organisation"),
            "person": item.booking.user.full_name,
            "course": item.booking.session.course.title,
            "session_date": item.first_date,
            "kind": item.get_kind_display(),
            "amount": item.amount,
            "status": item.get_status_display(),
            "reason": item.reason,
            "waiver_reason": item.waiver_reason,
            "invoice_reference": item.invoice_reference,
            "purchase_order": organisation.purchase_order_reference if organisation else "",
        }

    def get_context_data(self, **kwargs):
        charges = self.charges()
        query = self.request.GET.copy()
        query.pop("export", None)
        return super().get_context_data(
            form=self.form,
            charges=charges,
            totals=selectors.ledger_totals(charges),
            can_change=user_can_change_charges(self.request.user),
            query=query.urlencode(),
            **kwargs,
        )


class ChangeChargesMixin(LedgerMixin):
    def dispatch(self, request, *args, **kwargs):
        if not user_can_change_charges(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class MarkInvoicedView(ChangeChargesMixin, View):
    """POST from the ledger: the ticked charges and the invoice reference."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        ids = [int(pk) for pk in request.POST.getlist("charge") if pk.isdigit()]
        reference = request.POST.get("invoice_reference", "")
        if not ids:
            messages.error(request, _("Tick the charges to mark invoiced."))
        else:
            try:
                count = services.mark_invoiced(
                    charges=Charge.objects.filter(pk__in=ids), by=request.user, reference=reference
                )
            except services.BookingError as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    _("%(count)s charge(s) marked invoiced under %(reference)s.")
                    % {"count": count, "reference": reference.strip()},
                )
        return redirect(reverse("bookings_ledger:ledger") + "?" + request.POST.get("query", ""))


class ChargeActionView(ChangeChargesMixin, FormView):
    template_name = "bookings/admin/action_form.html"
    form_class = ReasonForm
    action = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.charge = get_object_or_404(
            Charge.objects.select_related("booking__user", "booking__session__course"),
            pk=kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=f"{self.charge.booking.user}: {self.charge.get_kind_display()}, "
            f"£{self.charge.amount}. {self.charge.reason}",
            submit_label=self.submit_label,
            back_url=reverse("bookings_ledger:ledger"),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            self.act(form.cleaned_data["reason"])
        except services.BookingError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, self.done_message)
        return redirect("bookings_ledger:ledger")


class WaiveChargeView(ChargeActionView):
    page_title = gettext_lazy("Waive a charge")
    submit_label = gettext_lazy("Waive the charge")
    done_message = gettext_lazy("The charge is waived.")

    def act(self, reason: str) -> None:
        services.waive_charge(charge=self.charge, by=self.request.user, reason=reason)


class CreditChargeView(ChargeActionView):
    page_title = gettext_lazy("Credit an invoiced charge")
    submit_label = gettext_lazy("Add the credit")
    done_message = gettext_lazy("The credit is added to the ledger, to invoice next.")

    def act(self, reason: str) -> None:
        services.credit_charge(charge=self.charge, by=self.request.user, reason=reason)
