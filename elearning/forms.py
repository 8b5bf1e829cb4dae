"""Forms for the exercise blocks of a lesson and for an assessment attempt.

Each exercise form uses the block's id as its prefix, so several exercises can share a page
with unique field ids.
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import AssessmentAttempt

SCALE = [(str(n), str(n)) for n in range(11)]


class KnowledgeCheckForm(forms.Form):
    """The options in `order` (the learner's: elearning.knowledge_checks.option_order), each
    keyed by its position as written."""

    def __init__(self, *args, block_value, order: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        options = block_value["options"]
        if order is None:
            order = list(range(len(options)))
        choices = [(str(i), options[i]["text"]) for i in order]
        if sum(1 for option in block_value["options"] if option["correct"]) > 1:
            self.fields["options"] = forms.MultipleChoiceField(
                label=block_value["question"],
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("Select all that apply."),
                error_messages={"required": _("Select at least one answer.")},
            )
        else:
            self.fields["options"] = forms.ChoiceField(
                label=block_value["question"],
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Select an answer.")},
            )

    def answer(self) -> dict:
        chosen = self.cleaned_data["options"]
        return {"options": chosen if isinstance(chosen, list) else [chosen]}


class ReflectionForm(forms.Form):
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": _("Write your reflection before saving it.")},
    )

    def __init__(self, *args, block_value, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = block_value["prompt"]
        self.fields["text"].help_text = block_value.get("hint") or _(
            "Only you can see what you write here."
        )

    def answer(self) -> dict:
        return {"text": self.cleaned_data["text"]}


class ScalingQuestionForm(forms.Form):
    scale = forms.ChoiceField(
        choices=SCALE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a number from 0 to 10.")},
    )

    def __init__(self, *args, block_value, **kwargs):
        super().__init__(*args, **kwargs)
        low, high = block_value["low_label"], block_value["high_label"]
        scale = self.fields["scale"]
        scale.label = block_value["prompt"]
        scale.choices = [("0", f"0 – {low}"), *SCALE[1:10], ("10", f"10 – {high}")]
        scale.help_text = gettext("0 means %(low)s. 10 means %(high)s.") % {
            "low": low,
            "high": high,
        }

    def answer(self) -> dict:
        return {"scale": int(self.cleaned_data["scale"])}


class ThreeColumnsForm(forms.Form):
    working_well = forms.CharField(
        label=_("What's working well?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Write what is working well.")},
    )
    worries = forms.CharField(
        label=_("What are we worried about?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Write what we are worried about.")},
    )
    next_steps = forms.CharField(
        label=_("What needs to happen?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": _("Write what needs to happen.")},
    )

    def __init__(self, *args, block_value, **kwargs):
        super().__init__(*args, **kwargs)

    def answer(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("working_well", "worries", "next_steps")}


EXERCISE_FORMS = {
    "knowledge_check": KnowledgeCheckForm,
    "reflection": ReflectionForm,
    "scaling_question": ScalingQuestionForm,
    "three_columns": ThreeColumnsForm,
}


def initial_from_answer(block_type: str, answer: dict | None) -> dict:
    """A saved answer as a form's initial data, so revisits show what the learner wrote."""
    if not answer:
        return {}
    if block_type == "knowledge_check":
        return {"options": answer.get("options", [])}
    if block_type == "scaling_question":
        return {"scale": str(answer.get("scale", ""))}
    return dict(answer)


class AttemptForm(forms.Form):
    """One field per drawn question, in the attempt's order, options in the attempt's order."""

    def __init__(self, *args, attempt: AssessmentAttempt, **kwargs):
        super().__init__(*args, **kwargs)
        self.attempt = attempt
        for number, question in enumerate(attempt.questions, start=1):
            choices = [(option["key"], option["text"]) for option in question["options"]]
            label = f"{number}. {question['text']}"
            required = gettext("Answer question %(number)s.") % {"number": number}
            if question["multiple"]:
                field = forms.MultipleChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.CheckboxSelectMultiple,
                    help_text=_("Select all that apply."),
                    error_messages={"required": required},
                )
            else:
                field = forms.ChoiceField(
                    label=label,
                    choices=choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": required},
                )
            self.fields[f"q_{question['id']}"] = field

    def answers(self) -> dict[str, list[str]]:
        result = {}
        for question in self.attempt.questions:
            value = self.cleaned_data[f"q_{question['id']}"]
            result[question["id"]] = value if isinstance(value, list) else [value]
        return result
