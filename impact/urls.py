from django.urls import path

from . import views

app_name = "impact"

urlpatterns = [
    path("my-learning/feedback/", views.my_feedback, name="my_feedback"),
    path("my-learning/feedback/<int:pk>/", views.give_feedback, name="give_feedback"),
    path(
        "my-learning/feedback/before/<str:kind>/<int:pk>/",
        views.confidence_before,
        name="confidence_before",
    ),
    path("feedback/three-months/<str:token>/", views.follow_up, name="follow_up"),
]
