from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import audit, cohort_urls, ledger_urls
from .language_report import WelshTrainingReportView
from .permissions import user_can_administer_training, user_can_run_cohorts, user_can_see_ledger
from .viewsets import TrainingViewSetGroup

register_snippet(TrainingViewSetGroup)


@hooks.register("register_log_actions")
def register_booking_log_actions(actions):
    audit.register(actions)


class MySessionsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_run_cohorts(request.user)


@hooks.register("register_admin_urls")
def register_cohort_urls():
    return [path("cohorts/", include(cohort_urls)), path("charges/", include(ledger_urls))]


class LedgerMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_ledger(request.user)


@hooks.register("register_admin_menu_item")
def register_ledger_menu_item():
    return LedgerMenuItem(
        _("Charges"),
        reverse("bookings_ledger:ledger"),
        name="charges",
        icon_name="doc-full",
        order=160,
    )


@hooks.register("register_admin_menu_item")
def register_my_sessions_menu_item():
    return MySessionsMenuItem(
        _("My sessions"),
        reverse("bookings_cohorts:my_sessions"),
        name="my-sessions",
        icon_name="group",
        order=140,
    )


class WelshTrainingMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_administer_training(request.user)


@hooks.register("register_admin_urls")
def register_welsh_training_report_urls():
    return [
        path(
            "reports/welsh-language-training/",
            WelshTrainingReportView.as_view(),
            name="welsh_training_report",
        ),
        path(
            "reports/welsh-language-training/results/",
            WelshTrainingReportView.as_view(results_only=True),
            name="welsh_training_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_welsh_training_menu_item():
    return WelshTrainingMenuItem(
        _("Welsh-language training"),
        reverse("welsh_training_report"),
        name="welsh-language-training",
        icon_name="globe",
        order=120,
    )
