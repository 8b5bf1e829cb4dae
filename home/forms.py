"""Form fields for choosing pages, safe with any input."""

from django import forms
from wagtail.admin.widgets import AdminPageChooser

# A page's primary key is its page_ptr, a relation: Django does not range-check a lookup on a
# relation as it does on an integer id, so an id past 64 bits reaches the database driver and
# raises (OverflowError on SQLite, a DataError on PostgreSQL) instead of "not found".
LARGEST_ID = 2**63 - 1


def is_page_id(value) -> bool:
    text = str(value)
    return text.isdigit() and int(text) <= LARGEST_ID


class PageChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField over pages: anything but a page id is an invalid choice."""

    def to_python(self, value):
        if value not in self.empty_values and not is_page_id(value):
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class PageChooser(AdminPageChooser):
    """Wagtail's page chooser, which re-renders a refused form even when the page id sent
    was not a number (Wagtail's own raises ValueError there)."""

    def get_instance(self, value):
        if value is not None and not hasattr(value, "pk") and not is_page_id(value):
            return None
        return super().get_instance(value)
