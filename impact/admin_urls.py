"""Admin URLs of the impact pages, under /admin/impact/ (wagtail_hooks.py)."""

from django.urls import path

from . import admin_views as views

app_name = "impact_admin"

urlpatterns = [
    path("scorecard/", views.ScorecardView.as_view(), name="scorecard"),
    path("sessions/", views.MySessionsFeedbackView.as_view(), name="my_sessions"),
    path("sessions/<int:pk>/", views.SessionFeedbackView.as_view(), name="session_feedback"),
    path("indicators/import/", views.IndicatorImportView.as_view(), name="indicator_import"),
]
