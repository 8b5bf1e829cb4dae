"""Programmes are configured in the admin: name, coordinator, duration, the courses only for
people on it, and the ordered requirements (an InlinePanel)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from .models import Programme


class ProgrammeViewSet(ModelViewSet):
    model = Programme
    icon = "list-ol"
    menu_label = _("Programmes")
    add_to_admin_menu = False
    name = "programmes"
    url_prefix = "programmes"
    url_namespace = "programmes_programme"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", Column("coordinator", label=_("Coordinator")), "duration_months"]
    search_fields = ["name"]
    search_backend_name = None


programme_viewset = ProgrammeViewSet()
