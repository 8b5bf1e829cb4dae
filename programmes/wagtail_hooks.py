from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet

from . import admin_urls, audit
from .permissions import user_can_administer_programmes
from .viewsets import ProgrammeViewSet

# A snippet (so wagtail-localize can translate it), reached from the Programmes menu below.
register_snippet(ProgrammeViewSet)


@hooks.register("register_admin_urls")
def register_programme_admin_urls():
    return [path("programme-progress/", include(admin_urls))]


@hooks.register("register_log_actions")
def register_programme_log_actions(actions):
    audit.register(actions)


class AdministratorMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_administer_programmes(request.user)


class ProgrammesMenuItem(SubmenuMenuItem):
    def is_shown(self, request):
        return user_can_administer_programmes(request.user)


@hooks.register("register_admin_menu_item")
def register_programmes_menu():
    items = [
        AdministratorMenuItem(
            _("Dashboard"),
            reverse("programmes_admin:dashboard"),
            name="programme-dashboard",
            icon_name="tasks",
            order=100,
        ),
        AdministratorMenuItem(
            _("Enrol people"),
            reverse("programmes_admin:enrol"),
            name="programme-enrol",
            icon_name="user",
            order=200,
        ),
        AdministratorMenuItem(
            _("Programmes"),
            reverse("wagtailsnippets_programmes_programme:list"),
            name="programme-settings",
            icon_name="list-ol",
            order=300,
        ),
    ]
    return ProgrammesMenuItem(
        _("Programmes"), Menu(items=items), name="programmes", icon_name="tasks", order=160
    )
