from django.urls import path

from . import views

app_name = "elearning"

urlpatterns = [
    path("my-learning/", views.my_learning, name="my_learning"),
    path(
        "e-learning/attempts/<int:attempt_id>/",
        views.attempt_result,
        name="attempt_result",
    ),
    path(
        "e-learning/modules/<int:module_id>/completed/",
        views.module_completed,
        name="module_completed",
    ),
]
