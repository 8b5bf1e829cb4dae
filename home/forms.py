"""Choosing pages and snippets in forms, safe with any input."""

from django import forms
from wagtail.admin.widgets.chooser import BaseChooser

# A page's primary key is its page_ptr, a relation: Django does not range-check a lookup on a
# relation as it does on an integer id, so an id past 64 bits reaches the database driver and
# raises (OverflowError on SQLite, a DataError on PostgreSQL) instead of "not found".
LARGEST_ID = 2**63 - 1


def is_page_id(value) -> bool:
    text = str(value)
    return text.isdigit() and int(text) <= LARGEST_ID


def child_ids_are_malformed(data, prefix: str) -> bool:
    """Whether a submitted InlinePanel (modelcluster) formset names its existing rows with
    anything but ids: modelcluster reads each `<prefix>-<n>-id` unchecked, and a missing or
    non-numeric one raises. Such a request is not a form someone filled in: answer 400."""
    try:
        existing = min(int(data.get(f"{prefix}-INITIAL_FORMS", 0)), 1000)
    except ValueError:
        return False  # the formset's own management form refuses this one
    return any(not is_page_id(data.get(f"{prefix}-{n}-id", "")) for n in range(existing))


class PageChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over pages: anything but a page id is an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and not is_page_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


def clear_malformed_choices(form: forms.BaseForm) -> None:
    """Wagtail's chooser widgets (pages, snippets) look the submitted value up to re-render a
    refused form, and raise if it is not an id. Such a value is cleared, so the form is
    refused with "required" and shows an empty chooser."""
    if not form.is_bound:
        return
    data = form.data.copy()
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field.widget, BaseChooser) and data.get(key) and not is_page_id(data[key]):
            data[key] = ""
    form.data = data
