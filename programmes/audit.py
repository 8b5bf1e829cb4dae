"""The enrolment history's action types: each change is a Wagtail log entry on the enrolment,
whose data holds what changed and why."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter

ENROLMENT_ACTIONS = {
    "programmes.enrolment.enrolled": gettext_lazy("Enrolled"),
    "programmes.enrolment.paused": gettext_lazy("Paused"),
    "programmes.enrolment.active": gettext_lazy("Resumed"),
    "programmes.enrolment.withdrawn": gettext_lazy("Withdrawn"),
    "programmes.enrolment.completed": gettext_lazy("Completed: every requirement met"),
    "programmes.enrolment.due_date": gettext_lazy("Due date changed"),
    "programmes.enrolment.details": gettext_lazy("Intake, coordinator or notes changed"),
    "programmes.exemption.recorded": gettext_lazy("Exemption recorded"),
    "programmes.exemption.removed": gettext_lazy("Exemption removed"),
}


class EnrolmentChangeFormatter(LogFormatter):
    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        message = str(self.label)
        if data.get("requirement"):
            message += f": {data['requirement']}"
        if "from" in data and "to" in data and log_entry.action.endswith("due_date"):
            message += " " + _("from %(from)s to %(to)s") % data
        if data.get("reason"):
            message += ". " + _("Reason: %(reason)s") % {"reason": data["reason"]}
        if data.get("evidence"):
            message += ". " + _("Evidence: %(evidence)s") % {"evidence": data["evidence"]}
        return message


def register(actions) -> None:
    for action, label in ENROLMENT_ACTIONS.items():
        formatter = type("Formatter", (EnrolmentChangeFormatter,), {"label": label})
        actions.register_action(action)(formatter)
