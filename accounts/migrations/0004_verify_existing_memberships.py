"""The organisation contact role, and a verified-or-not Membership for everyone who had
named an organisation before membership was verified.

- Council staff (a verified address on a staff domain) keep their organisation: verified,
  "kept from before verification".
- A partner whose verified address matches one of the organisation's (or its parents')
  domains keeps it too.
- Any other partner keeps a request, unconfirmed, and loses the organisation until it is
  approved; a non-staff address that had claimed a council team is refused outright (council
  teams are for council staff only), with the reason recorded.
"""

from django.db import migrations
from django.utils import timezone

ROLE = "Organisation contact"
REFUSAL = "Council teams are for council staff: the address is not a council staff address."


def lineage(organisation):
    chain = []
    while organisation is not None and len(chain) < 4:
        chain.append(organisation)
        organisation = organisation.parent
    return chain


def verify_existing(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "Membership")
    EmailAddress = apps.get_model("account", "EmailAddress")
    group, _ = Group.objects.get_or_create(name=ROLE)
    admin_access = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    ).first()
    if admin_access is not None:
        group.permissions.add(admin_access)
    now = timezone.now()
    verified_emails = {
        email.lower()
        for email in EmailAddress.objects.filter(verified=True).values_list("email", flat=True)
    }
    for user in User.objects.filter(organisation__isnull=False).select_related("organisation"):
        chain = lineage(user.organisation)
        domain = user.email.rsplit("@", 1)[-1].lower()
        domains = {
            d.strip().lower() for node in chain for d in node.email_domains.split(",") if d.strip()
        }
        is_council = any(node.kind == "council" for node in chain)
        membership = Membership(user=user, organisation=user.organisation, requested_at=now)
        if user.is_council_staff or (
            not is_council and user.email.lower() in verified_emails and domain in domains
        ):
            membership.status = "verified"
            membership.verified_by_route = "migration"
            membership.decided_at = now
        elif is_council:
            membership.status = "refused"
            membership.reason = REFUSAL
            membership.decided_at = now
            user.organisation = None
        else:
            membership.status = "requested"
            user.organisation = None
        membership.save()
        user.save(update_fields=["organisation"])


def restore_claims(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Membership = apps.get_model("accounts", "Membership")
    for membership in Membership.objects.filter(status__in=["requested", "refused"]):
        User.objects.filter(pk=membership.user_id, organisation__isnull=True).update(
            organisation=membership.organisation_id
        )
    Membership.objects.all().delete()
    apps.get_model("auth", "Group").objects.filter(name=ROLE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_organisation_tree_and_membership"),
        ("account", "0009_emailaddress_unique_primary_email"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(verify_existing, restore_claims)]
