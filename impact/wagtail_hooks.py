from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.permissions import user_is_trainer

from . import admin_urls
from .permissions import user_can_edit_indicators, user_can_view_scorecard
from .viewsets import ImpactViewSetGroup


@hooks.register("register_admin_viewset")
def register_impact_viewsets():
    return ImpactViewSetGroup()


@hooks.register("register_admin_urls")
def register_impact_admin_urls():
    return [path("impact/", include(admin_urls))]


class ScorecardMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_scorecard(request.user)


class SessionFeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return user_is_trainer(request.user) or user_can_edit_indicators(request.user)


@hooks.register("register_admin_menu_item")
def register_scorecard_menu_item():
    return ScorecardMenuItem(
        _("Scorecard"),
        reverse("impact_admin:scorecard"),
        name="scorecard",
        icon_name="table",
        order=165,
    )


@hooks.register("register_admin_menu_item")
def register_session_feedback_menu_item():
    return SessionFeedbackMenuItem(
        _("Session feedback"),
        reverse("impact_admin:my_sessions"),
        name="session-feedback",
        icon_name="comment",
        order=145,
    )
