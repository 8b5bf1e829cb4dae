from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def sync_content_locales(**kwargs) -> None:
    from wagtail.models import Locale

    from .locales import ensure_content_locales

    ensure_content_locales(Locale)


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import account_emails, catalogues, receivers

        catalogues.install()
        receivers.connect()
        account_emails.connect()
        post_migrate.connect(sync_content_locales, sender=self)
