from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.audiences import Audience

from .choices import CourseType


class CourseFilterForm(forms.Form):
    course_type = forms.ChoiceField(
        label=_("Type of course"),
        choices=[("", _("All types")), *CourseType.choices],
        required=False,
    )
    audience = forms.ChoiceField(
        label=_("Who it is for"), choices=[("", _("Anyone")), *Audience.choices], required=False
    )
