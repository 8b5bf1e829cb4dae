"""The organisations' admin pages for training administrators and organisation contacts:
the tree, membership requests to approve or refuse, and the members of an organisation with
export. Each page shows only what accounts.permissions lets the person manage, and each
action calls one service."""

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

from . import selectors, services
from .exports import csv_safe
from .models import Membership, Organisation, User
from .permissions import (
    user_can_manage_members,
    user_is_organisation_contact,
    user_is_training_admin,
)


def user_can_open_organisations(user) -> bool:
    return user_is_training_admin(user) or user_is_organisation_contact(user)


class OrganisationsMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_open_organisations(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TreeFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("All kinds")), *Organisation.Kind.choices],
    )
    active = forms.ChoiceField(
        label=gettext_lazy("Active"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("yes", gettext_lazy("Active")),
            ("no", gettext_lazy("Inactive")),
        ],
    )


class OrganisationTreeView(OrganisationsMixin, TemplateView):
    template_name = "accounts/admin/organisation_tree.html"
    page_title = gettext_lazy("Organisation tree")

    def get_context_data(self, **kwargs):
        form = TreeFilterForm(self.request.GET or None)
        kind, active = "", None
        if form.is_valid():
            kind = form.cleaned_data["kind"]
            active = {"yes": True, "no": False}.get(form.cleaned_data["active"])
        return super().get_context_data(
            form=form,
            rows=selectors.organisation_tree(self.request.user, kind=kind, active=active),
            can_edit=user_is_training_admin(self.request.user),
            **kwargs,
        )


class MembershipRequestsView(OrganisationsMixin, TemplateView):
    template_name = "accounts/admin/membership_requests.html"
    page_title = gettext_lazy("Membership requests")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            requests=selectors.membership_requests(self.request.user), **kwargs
        )


class MembershipMixin(OrganisationsMixin):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.membership = get_object_or_404(
            Membership.objects.select_related("user", "organisation"), pk=kwargs["pk"]
        )

    def dispatch(self, request, *args, **kwargs):
        if not user_can_manage_members(request.user, self.membership.organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ApproveMembershipView(MembershipMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            services.approve_membership(membership=self.membership, by=request.user)
        except services.MembershipRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                _("%(person)s is now a verified member of %(organisation)s.")
                % {"person": self.membership.user, "organisation": self.membership.organisation},
            )
        return redirect("accounts_admin:membership_requests")


class RefusalForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is the request refused?"),
        help_text=gettext_lazy("The person is emailed this reason."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Give a reason for refusing the request")},
    )


class RefuseMembershipView(MembershipMixin, FormView):
    template_name = "accounts/admin/refuse_membership.html"
    form_class = RefusalForm

    def get_page_title(self):
        return _("Refuse %(person)s's request") % {"person": self.membership.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.membership, **kwargs)

    def form_valid(self, form):
        try:
            services.refuse_membership(
                membership=self.membership, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except services.MembershipRefused as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The request is refused and the person was emailed."))
        return redirect("accounts_admin:membership_requests")


class MembersView(OrganisationsMixin, SpreadsheetExportMixin, TemplateView):
    """The verified members of an organisation and everything below it; ?export=csv|xlsx."""

    template_name = "accounts/admin/members.html"
    list_export = ["full_name", "email", "organisation", "team", "job_title"]
    export_headings = {
        "full_name": gettext_lazy("Name"),
        "email": gettext_lazy("Email"),
        "organisation": gettext_lazy("Organisation"),
        "team": gettext_lazy("Team or service"),
        "job_title": gettext_lazy("Job title"),
    }
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: csv_safe},
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not user_can_manage_members(request.user, self.organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Members of %(organisation)s") % {"organisation": self.organisation}

    def get(self, request, *args, **kwargs):
        if self.is_export:
            if request.GET["export"] not in (self.FORMAT_CSV, self.FORMAT_XLSX):
                raise Http404
            return self.as_spreadsheet(
                selectors.members_of(self.organisation), request.GET["export"]
            )
        return super().get(request, *args, **kwargs)

    def get_filename(self) -> str:
        return f"members-{self.organisation.pk}"

    def to_row_dict(self, item) -> dict:
        return {
            "full_name": item.full_name,
            "email": item.email,
            "organisation": item.organisation.name,
            "team": item.team,
            "job_title": item.job_title,
        }

    def get_context_data(self, **kwargs):
        base = reverse("accounts_admin:members", args=[self.organisation.pk])
        return super().get_context_data(
            organisation=self.organisation,
            members=selectors.members_of(self.organisation),
            contacts=selectors.contacts_of(self.organisation),
            contact_form=ContactForm(),
            csv_url=f"{base}?export=csv",
            xlsx_url=f"{base}?export=xlsx",
            **kwargs,
        )


class ContactForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Email address of the new organisation contact"),
        help_text=gettext_lazy(
            "They must have an account. They will approve membership requests and see the "
            "members and charges of this organisation and everything below it."
        ),
        error_messages={"required": gettext_lazy("Enter the contact's email address")},
    )


class AddContactView(OrganisationsMixin, View):
    """POST from the members page: name an organisation contact."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        self.organisation = get_object_or_404(Organisation, pk=kwargs["pk"])
        if not user_can_manage_members(request.user, self.organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        form = ContactForm(request.POST)
        person = (
            User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
            if form.is_valid()
            else None
        )
        if person is None:
            messages.error(request, _("Enter the email address of someone with an account."))
        else:
            try:
                services.make_organisation_contact(
                    user=person, organisation=self.organisation, by=request.user
                )
            except services.MembershipRefused as refusal:
                messages.error(request, refusal.message)
            else:
                messages.success(
                    request,
                    _("%(person)s is now a contact for %(organisation)s.")
                    % {"person": person, "organisation": self.organisation},
                )
        return redirect("accounts_admin:members", pk=self.organisation.pk)
