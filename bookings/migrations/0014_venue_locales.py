"""Existing venues are in the site's default language (English), each its own translation
key: Wagtail's documented path for making an existing model translatable."""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0013_venue_translation_fields"),
        ("home", "0003_locales"),
    ]

    operations = [BootstrapTranslatableModel("bookings.Venue")]
