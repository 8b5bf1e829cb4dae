"""Create the role groups, with the permissions each role needs to start with.

Later apps grant their own model permissions to these groups in their own migrations.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = ["Learner", "Partner", "Trainer", "Practice Lead", "Training administrator"]
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
TRAINING_ADMIN_MODEL_PERMISSIONS = [
    ("accounts", "add_organisation"),
    ("accounts", "change_organisation"),
    ("accounts", "delete_organisation"),
    ("accounts", "view_user"),
]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def ensure_permissions(apps):
    """Permissions are normally created after migrations; this migration needs them now."""
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ensure_permissions(apps)

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
    admin_access = permission(*ADMIN_ACCESS)
    groups["Trainer"].permissions.add(admin_access)
    training_admin = groups["Training administrator"]
    training_admin.permissions.add(
        admin_access, *(permission(*p) for p in TRAINING_ADMIN_MODEL_PERMISSIONS)
    )
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=training_admin, page=root_page, permission=permission("wagtailcore", codename)
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=training_admin,
                collection=root_collection,
                permission=permission(app_label, codename),
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
