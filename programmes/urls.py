from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("my-learning/programme/", views.my_programme, name="my_programme"),
    path(
        "my-learning/programme/evidence/<int:pk>/",
        views.evidence_file,
        name="evidence_file",
    ),
]
