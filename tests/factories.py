"""Factories shared by every app's tests."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts import roles
from accounts.models import Membership, Organisation, User
from accounts.services import refresh_staff_status

TEST_PASSWORD = "correct-horse-battery-staple"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Partner agency {n}")
    kind = Organisation.Kind.VOLUNTARY


class UserFactory(factory.django.DjangoModelFactory):
    """A verified learner, a verified member of its organisation (a partner agency by
    default); `staff=True` gives a council address and no organisation.

    Traits: staff, trainer, practice_lead, training_admin, superuser, unverified.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        staff = factory.Trait(
            email=factory.Sequence(lambda n: f"staff{n}@example-borough.gov.uk"),
            organisation=None,
        )
        trainer = factory.Trait(extra_roles=(roles.TRAINER,))
        practice_lead = factory.Trait(extra_roles=(roles.PRACTICE_LEAD,))
        training_admin = factory.Trait(extra_roles=(roles.TRAINING_ADMINISTRATOR,))
        superuser = factory.Trait(is_superuser=True)
        unverified = factory.Trait(verified=False)

    email = factory.Sequence(lambda n: f"person{n}@partner.example")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.django.Password(TEST_PASSWORD)
    extra_roles: tuple[str, ...] = ()
    verified = True

    @factory.post_generation
    def roles_and_email(obj, create, extracted, **kwargs):
        if not create:
            return
        EmailAddress.objects.create(user=obj, email=obj.email, verified=obj._verified, primary=True)
        if obj.organisation_id is not None:
            Membership.objects.create(
                user=obj,
                organisation_id=obj.organisation_id,
                status=Membership.Status.VERIFIED,
                verified_by_route=Membership.Route.APPROVAL,
            )
        names = (roles.LEARNER, *obj._extra_roles)
        obj.groups.add(*Group.objects.filter(name__in=names))
        refresh_staff_status(user=obj)

    @classmethod
    def _create(cls, model_class, *args, extra_roles=(), verified=True, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        user._extra_roles = extra_roles
        user._verified = verified
        return user


def make_home_page():
    """A home page at the root of the default site: the smallest page tree a test needs."""
    from wagtail.models import Page, Site

    from home.models import HomePage

    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Home", slug="test-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
    )
    return home


def make_standard_page(parent, **fields):
    from home.models import StandardPage

    fields.setdefault("title", "A standard page")
    fields.setdefault("slug", fields["title"].lower().replace(" ", "-"))
    return parent.add_child(instance=StandardPage(**fields))
