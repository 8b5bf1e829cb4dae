from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import user_can_open_organisations
from .viewsets import organisation_viewset

MEMBERSHIP_ACTIONS = {
    "accounts.membership.requested": _("Membership requested"),
    "accounts.membership.verified": _("Membership verified"),
    "accounts.membership.refused": _("Membership refused"),
    "accounts.membership.ended": _("Membership ended"),
    "accounts.organisation.contact_added": _("Organisation contact added"),
    "accounts.person.account_opened": _(
        "Account opened for the person (invited to set a password)"
    ),
    "accounts.person.recorded_on_paper": _("Recorded on paper (no email address)"),
    "accounts.person.address_added": _("Email address added (invited to set a password)"),
}


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset


@hooks.register("register_log_actions")
def register_membership_log_actions(actions):
    for action, label in MEMBERSHIP_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_organisation_admin_urls():
    return [path("organisation-members/", include(admin_urls))]


class OrganisationsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_open_organisations(request.user)


@hooks.register("register_admin_menu_item")
def register_membership_requests_menu_item():
    return OrganisationsMenuItem(
        _("Members and requests"),
        reverse("accounts_admin:tree"),
        name="organisation-members",
        icon_name="group",
        order=150,
    )
