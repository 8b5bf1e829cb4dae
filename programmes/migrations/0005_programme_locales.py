"""Existing programmes and their requirements are in the site's default language (English),
each its own translation key: Wagtail's documented path for making an existing model
translatable, as bookings 0014 did for venues."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0004_programme_translation_fields"),
        ("home", "0003_locales"),
    ]

    operations = [
        BootstrapTranslatableModel("programmes.Programme"),
        BootstrapTranslatableModel("programmes.Requirement"),
    ]
