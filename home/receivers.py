"""Move the site cache's CONTENT version whenever something public pages show changes, or
anything deciding who is offered the admin link (home.chrome.admin_link_shown); move RECORDS
when who someone is to the platform changes."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site, get_page_models
from wagtail.signals import post_page_move

from accounts.models import Membership, Organisation, OrganisationContact

from . import site_cache
from .models import SiteSettings


def content_changed(sender, **kwargs) -> None:
    site_cache.content_changed()


def site_settings_saved(sender, created: bool = False, **kwargs) -> None:
    # Settings are created, with their defaults, by the first page that asks for them: what
    # that page shows is what every page showed before.
    if not created:
        site_cache.content_changed()


def admin_access(**filters):
    return Permission.objects.filter(
        codename="access_admin", content_type__app_label="wagtailadmin", **filters
    )


def memberships_changed(sender, *, action, reverse, instance, pk_set, **kwargs) -> None:
    """People joining or leaving groups (every new learner joins one) only matter to the admin
    link when a group gives access to the admin."""
    if not action.startswith("post_"):
        return
    groups = {instance.pk} if reverse else pk_set
    if groups is None or admin_access(group__in=groups).exists():
        site_cache.content_changed()


def personal_permissions_changed(sender, *, action, reverse, instance, pk_set, **kwargs):
    if not action.startswith("post_"):
        return
    permissions = {instance.pk} if reverse else pk_set
    if permissions is None or admin_access(pk__in=permissions).exists():
        site_cache.content_changed()


def group_permissions_changed(sender, *, action, **kwargs) -> None:
    if action.startswith("post_"):
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
    }
    for sender in senders:
        post_save.connect(content_changed, sender=sender, dispatch_uid="site_cache.content")
    for sender in senders | {SiteSettings}:
        post_delete.connect(content_changed, sender=sender, dispatch_uid="site_cache.content")
    post_save.connect(site_settings_saved, sender=SiteSettings, dispatch_uid="site_cache.content")
    post_page_move.connect(content_changed, dispatch_uid="site_cache.content")
    user = get_user_model()
    for receiver, through in [
        (memberships_changed, user.groups.through),
        (personal_permissions_changed, user.user_permissions.through),
        (group_permissions_changed, Group.permissions.through),
    ]:
        m2m_changed.connect(receiver, sender=through, dispatch_uid="site_cache.content")
    post_delete.connect(content_changed, sender=Group, dispatch_uid="site_cache.content")
    # Who someone is to the platform (organisation, memberships, roles) decides what their own
    # pages show.
    site_cache.watch_records(Organisation, user, Membership, OrganisationContact, Group)
