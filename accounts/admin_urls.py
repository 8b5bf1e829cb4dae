from django.urls import path

from . import admin_views

app_name = "accounts_admin"

urlpatterns = [
    path("", admin_views.OrganisationTreeView.as_view(), name="tree"),
    path("requests/", admin_views.MembershipRequestsView.as_view(), name="membership_requests"),
    path(
        "requests/<int:pk>/approve/",
        admin_views.ApproveMembershipView.as_view(),
        name="approve_membership",
    ),
    path(
        "requests/<int:pk>/refuse/",
        admin_views.RefuseMembershipView.as_view(),
        name="refuse_membership",
    ),
    path("<int:pk>/members/", admin_views.MembersView.as_view(), name="members"),
    path("<int:pk>/contacts/", admin_views.AddContactView.as_view(), name="add_contact"),
]
