from django.apps import AppConfig


class ElearningConfig(AppConfig):
    name = "elearning"
    verbose_name = "E-learning"
    default_auto_field = "django.db.models.BigAutoField"
