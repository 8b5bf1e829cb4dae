"""The learner's forms: confidence on the scaling question, and the feedback form built from
the questions configured in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation

from .models import INDICATOR_FIELDS, FeedbackForm, FeedbackQuestion

CONFIDENCE_QUESTION = _(
    "On a scale of 0 to 10, how confident are you using Signs of Safety in your work?"
)
CONFIDENCE_HINT = _("0 means not confident at all, 10 means completely confident.")
CONFIDENCE_CHOICES = [(n, str(n)) for n in range(11)]
RATING_CHOICES = [
    (1, _("1 – Poor")),
    (2, _("2")),
    (3, _("3")),
    (4, _("4")),
    (5, _("5 – Very good")),
]


def confidence_field(label=CONFIDENCE_QUESTION) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        help_text=CONFIDENCE_HINT,
        choices=CONFIDENCE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a number from 0 to 10.")},
    )


class ConfidenceForm(forms.Form):
    confidence = confidence_field()


class GiveFeedbackForm(forms.Form):
    """One field per configured question (`question_<id>`), the confidence question and, when
    the form allows it, whether to answer anonymously."""

    def __init__(self, *args, feedback_form: FeedbackForm | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(feedback_form.questions.all()) if feedback_form else []
        for question in self.questions:
            if question.kind == FeedbackQuestion.Kind.RATING:
                field = forms.TypedChoiceField(
                    label=question.text,
                    choices=RATING_CHOICES,
                    coerce=int,
                    widget=forms.RadioSelect,
                    required=question.required,
                    empty_value=None,
                    error_messages={"required": _("Choose a rating from 1 to 5.")},
                )
            else:
                field = forms.CharField(
                    label=question.text,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    required=question.required,
                    max_length=5000,
                    error_messages={"required": _("Answer this question.")},
                )
            self.fields[f"question_{question.pk}"] = field
        self.fields["confidence"] = confidence_field(
            _(
                "Now that you have completed it: on a scale of 0 to 10, how confident are you "
                "using Signs of Safety in your work?"
            )
        )
        if feedback_form is not None and feedback_form.allow_anonymous:
            self.fields["anonymous"] = forms.BooleanField(
                label=_("Give my feedback anonymously"),
                help_text=_(
                    "Your answers will not be linked to your name. Your confidence "
                    "answer stays with your name, so we can compare before and after."
                ),
                required=False,
            )

    def answers(self) -> dict[int, int | str]:
        return {
            question.pk: self.cleaned_data.get(f"question_{question.pk}")
            for question in self.questions
        }


class ScorecardFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("All organisations"),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return cleaned


class IndicatorImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One row per month. The first row names the columns: month (YYYY-MM) and any of "
            "%(columns)s. An empty cell leaves the figure as it was."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text % {
            "columns": ", ".join(INDICATOR_FIELDS)
        }
