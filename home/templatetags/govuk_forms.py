"""Render Django form fields the GOV.UK Frontend way (see templates/includes/form_field.html)."""

from django import template
from django.forms import BoundField

register = template.Library()

WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
CHOICE_LIST_WIDGETS = {"radioselect", "checkboxselectmultiple"}


@register.filter("govuk_is_radios")
def is_radios(field: BoundField) -> bool:
    """Radios, including a RadioSelect subclass (its widget_type is its own class name)."""
    return getattr(field.field.widget, "input_type", "") == "radio"


@register.filter
def govuk_kind(field: BoundField) -> str:
    """'choices' for radios and checkbox lists, 'checkbox' for one checkbox, else 'input'."""
    if field.widget_type in CHOICE_LIST_WIDGETS or is_radios(field):
        return "choices"
    if field.widget_type == "checkbox":
        return "checkbox"
    return "input"


def described_by(field: BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.filter
def govuk_widget(field: BoundField) -> str:
    """The field's widget with GOV.UK classes, error state and aria-describedby."""
    css_class = WIDGET_CLASSES.get(field.widget_type, "govuk-input")
    if field.widget_type == "checkbox":
        css_class = "govuk-checkboxes__input"
    classes = [css_class, field.field.widget.attrs.get("class", "")]
    if field.errors and field.widget_type != "checkbox":
        classes.append(f"{css_class}--error")
    attrs = {"class": " ".join(c for c in classes if c)}
    if describedby := described_by(field):
        attrs["aria-describedby"] = describedby
    return field.as_widget(attrs=attrs)


@register.filter
def first_input_id(field: BoundField) -> str:
    """The id the error summary links to: the field itself, or its first option."""
    if field.widget_type in CHOICE_LIST_WIDGETS:
        subwidgets = list(field.subwidgets)
        if subwidgets:
            return subwidgets[0].id_for_label
    return field.id_for_label or field.auto_id
