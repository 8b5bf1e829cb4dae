"""Programmes are configured in the admin: name, coordinator, duration, the courses only for
people on it, and the ordered requirements (an InlinePanel).

A snippet, so wagtail-localize offers "Translate" on it: a translation carries the programme's
name, description and requirement short names in another language (Programme's docstring)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Programme


class ProgrammeViewSet(SnippetViewSet):
    model = Programme
    icon = "list-ol"
    menu_label = _("Programmes")
    add_to_admin_menu = False
    url_prefix = "programmes"
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["name", Column("coordinator", label=_("Coordinator")), "duration_months"]
    search_fields = ["name"]
    search_backend_name = None
