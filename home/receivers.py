"""Move the site cache's CONTENT version whenever something public pages show changes, or
anything deciding who is offered the admin link (home.chrome.admin_link_shown)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from . import site_cache
from .models import SiteSettings


def content_changed(sender, **kwargs) -> None:
    site_cache.content_changed()


def site_settings_saved(sender, created: bool = False, **kwargs) -> None:
    # Settings are created, with their defaults, by the first page that asks for them: what
    # that page shows is what every page showed before.
    if not created:
        site_cache.content_changed()


def connect() -> None:
    """Every page model (saving a page sends post_save for its specific class, not for Page)
    and everything else a page's chrome or content is drawn from."""
    senders = {
        Page,
        *get_page_models(),
        Site,
        PageViewRestriction,
        Locale,
        get_image_model(),
        get_document_model(),
        Group,
    }
    for sender in senders:
        post_save.connect(content_changed, sender=sender, dispatch_uid="site_cache.content")
    for sender in senders | {SiteSettings}:
        post_delete.connect(content_changed, sender=sender, dispatch_uid="site_cache.content")
    post_save.connect(site_settings_saved, sender=SiteSettings, dispatch_uid="site_cache.content")
    post_page_move.connect(content_changed, dispatch_uid="site_cache.content")
    user = get_user_model()
    for through in (user.groups.through, user.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(content_changed, sender=through, dispatch_uid="site_cache.content")
