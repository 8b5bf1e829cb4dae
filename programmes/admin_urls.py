"""Admin URLs of the programme pages, under /admin/programme-progress/ (wagtail_hooks.py)."""

from django.urls import path

from . import admin_views as views

app_name = "programmes_admin"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("enrol/", views.EnrolView.as_view(), name="enrol"),
    path("<int:pk>/", views.EnrolmentView.as_view(), name="enrolment"),
    path("<int:pk>/pause/", views.PauseView.as_view(), name="pause"),
    path("<int:pk>/resume/", views.ResumeView.as_view(), name="resume"),
    path("<int:pk>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("<int:pk>/due-date/", views.DueDateView.as_view(), name="due_date"),
    path("<int:pk>/details/", views.DetailsView.as_view(), name="details"),
    path(
        "<int:pk>/exemption/<int:requirement_pk>/",
        views.ExemptionView.as_view(),
        name="exemption",
    ),
    path(
        "exemptions/<int:exemption_pk>/remove/",
        views.RemoveExemptionView.as_view(),
        name="remove_exemption",
    ),
]
