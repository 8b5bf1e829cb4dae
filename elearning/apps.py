from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElearningConfig(AppConfig):
    name = "elearning"
    verbose_name = _("E-learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from home import site_cache

        from .models import AssessmentAttempt, Enrolment, ExerciseAnswer, LessonCompletion

        site_cache.watch_records(
            Enrolment, LessonCompletion, ExerciseAnswer, AssessmentAttempt, person="learner_id"
        )
