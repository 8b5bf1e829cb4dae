from django import forms

from accounts.audiences import Audience

from .choices import CourseType


class CourseFilterForm(forms.Form):
    course_type = forms.ChoiceField(
        label="Type of course",
        choices=[("", "All types"), *CourseType.choices],
        required=False,
    )
    audience = forms.ChoiceField(
        label="Who it is for", choices=[("", "Anyone"), *Audience.choices], required=False
    )
