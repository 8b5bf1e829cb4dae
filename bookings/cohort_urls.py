"""Admin URLs of the trainers' cohort pages, under /admin/cohorts/ (bookings/wagtail_hooks.py)."""

from django.urls import path

from . import cohort_views as views

app_name = "bookings_cohorts"

urlpatterns = [
    path("", views.MySessionsView.as_view(), name="my_sessions"),
    path("<int:pk>/", views.CohortView.as_view(), name="cohort"),
    path("<int:pk>/register/<int:day_pk>/", views.RegisterView.as_view(), name="register"),
    path("<int:pk>/walk-in/", views.WalkInView.as_view(), name="walk_in"),
    path("<int:pk>/add/", views.AddPersonView.as_view(), name="add_person"),
    path("<int:pk>/places/", views.CapacityView.as_view(), name="capacity"),
    path("<int:pk>/message/", views.MessageCohortView.as_view(), name="message"),
    path("<int:pk>/complete/", views.CompleteView.as_view(), name="complete"),
    path("<int:pk>/reopen/", views.ReopenView.as_view(), name="reopen"),
    path("<int:pk>/roster/", views.RosterExportView.as_view(), name="roster"),
    path("<int:pk>/sign-in-sheet.pdf", views.SignInSheetView.as_view(), name="sign_in_sheet"),
    path("bookings/<int:booking_pk>/remove/", views.RemovePersonView.as_view(), name="remove"),
    path(
        "bookings/<int:booking_pk>/email-address/",
        views.WalkInAddressView.as_view(),
        name="walk_in_address",
    ),
    path("bookings/<int:booking_pk>/move/", views.MovePersonView.as_view(), name="move"),
    path("bookings/<int:booking_pk>/promote/", views.PromoteView.as_view(), name="promote"),
]
