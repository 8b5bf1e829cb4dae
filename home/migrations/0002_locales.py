"""English and Welsh content locales, so nobody has to add them by hand in the admin."""

from django.db import migrations

from home.locales import ensure_content_locales


def create_locales(apps, schema_editor):
    ensure_content_locales(apps.get_model("wagtailcore", "Locale"))


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    # Undoing it keeps the locales: deleting one would delete every page written in it.
    operations = [migrations.RunPython(create_locales, migrations.RunPython.noop)]
