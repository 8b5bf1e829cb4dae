from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .permissions import user_can_view_elearning_reports
from .viewsets import CompletionsReportView, ModuleFiguresReportView


class ElearningReportMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_view_elearning_reports(request.user)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/elearning-completions/",
            CompletionsReportView.as_view(),
            name="elearning_completions_report",
        ),
        path(
            "reports/elearning-completions/results/",
            CompletionsReportView.as_view(results_only=True),
            name="elearning_completions_report_results",
        ),
        path(
            "reports/elearning-modules/",
            ModuleFiguresReportView.as_view(),
            name="elearning_module_figures_report",
        ),
        path(
            "reports/elearning-modules/results/",
            ModuleFiguresReportView.as_view(results_only=True),
            name="elearning_module_figures_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_completions_menu_item():
    return ElearningReportMenuItem(
        _("E-learning completions"),
        reverse("elearning_completions_report"),
        name="elearning-completions",
        icon_name="tasks",
        order=100,
    )


@hooks.register("register_reports_menu_item")
def register_module_figures_menu_item():
    return ElearningReportMenuItem(
        _("E-learning module figures"),
        reverse("elearning_module_figures_report"),
        name="elearning-module-figures",
        icon_name="list-ol",
        order=110,
    )
