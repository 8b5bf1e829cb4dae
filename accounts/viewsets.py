from django import forms
from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views.generic.models import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.users.forms import UserCreationForm as WagtailUserCreationForm
from wagtail.users.forms import UserEditForm as WagtailUserEditForm
from wagtail.users.views.groups import GroupViewSet as WagtailGroupViewSet
from wagtail.users.views.groups import IndexView as WagtailGroupIndexView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .models import Organisation, User
from .roles import role_label
from .spreadsheets import SafeSpreadsheetExportMixin

USER_ADMIN_FIELDS = [
    "email",
    "full_name",
    "certificate_name",
    "job_title",
    "team",
    "is_superuser",
    "groups",
]


class RoleChoiceField(forms.ModelMultipleChoiceField):
    """The groups a person is in, each role named in the admin's language."""

    def label_from_instance(self, obj):
        return role_label(obj.name)


class UserCreationForm(WagtailUserCreationForm):
    first_name = None
    last_name = None

    class Meta:
        model = User
        fields = USER_ADMIN_FIELDS
        widgets = {"groups": forms.CheckboxSelectMultiple}
        field_classes = {"groups": RoleChoiceField}


class UserEditForm(WagtailUserEditForm):
    first_name = None
    last_name = None

    class Meta:
        model = User
        fields = [*USER_ADMIN_FIELDS, "is_active"]
        widgets = {"groups": forms.CheckboxSelectMultiple}
        field_classes = {"groups": RoleChoiceField}


class UserViewSet(WagtailUserViewSet):
    create_template_name = "accounts/admin/users/create.html"
    edit_template_name = "accounts/admin/users/edit.html"

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


class GroupIndexView(WagtailGroupIndexView):
    columns = [
        TitleColumn(
            "name",
            label=gettext_lazy("Name"),
            accessor=lambda group: role_label(group.name),
            sort_key="name",
            url_name="wagtailusers_groups:edit",
        ),
    ]


class GroupViewSet(WagtailGroupViewSet):
    """Wagtail's groups, each role named in the admin's language in the listing."""

    index_view_class = GroupIndexView


class OrganisationIndexView(SafeSpreadsheetExportMixin, IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("parent")


class OrganisationDeleteView(DeleteView):
    """An organisation people belong to cannot be deleted (their accounts protect it): say
    so, and point to making it inactive, instead of failing."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _(
                    "People belong to this organisation, so it cannot be deleted. "
                    "Untick 'active' to stop offering it instead."
                ),
            )
            return redirect(self.edit_url_name, self.object.pk)


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    index_view_class = OrganisationIndexView
    delete_view_class = OrganisationDeleteView
    icon = "group"
    menu_label = gettext_lazy("Organisations")
    add_to_settings_menu = True
    list_display = ["name", "parent", "kind", "email_domains", "headcount", "is_active"]
    list_filter = ["kind", "is_active", "parent"]
    search_fields = ["name"]
    form_fields = [
        "name",
        "parent",
        "kind",
        "email_domains",
        "headcount",
        "headcount_date",
        "invoice_contact_name",
        "invoice_contact_email",
        "purchase_order_reference",
        "is_active",
    ]
    list_export = [
        "name",
        "parent",
        "kind",
        "email_domains",
        "headcount",
        "headcount_date",
        "invoice_contact_name",
        "invoice_contact_email",
        "purchase_order_reference",
        "is_active",
    ]
    index_view_class = OrganisationIndexView
    copy_view_enabled = False


organisation_viewset = OrganisationViewSet("organisations")
