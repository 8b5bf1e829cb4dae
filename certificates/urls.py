from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("my-learning/certificates/", views.my_certificates, name="my_certificates"),
    path("my-learning/certificates/<int:pk>/download/", views.download, name="download"),
    path("certificates/verify/", views.verify, name="verify"),
    path("certificates/verify/<str:code>/", views.verify_code, name="verify_code"),
]
