"""Demo organisations and one demo account per role (fictional people only)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from . import roles
from .models import Membership, Organisation, OrganisationContact, User
from .services import refresh_staff_status

DEMO_PASSWORD = "signs-of-safety-demo"  # noqa: S105 - published on purpose, demo only

COUNCIL = "Example Borough Council"
CHILDRENS_SERVICES = f"{COUNCIL}: Children's Services"
SCHOOLS = "Example Borough Schools Partnership"
COUNCIL_SERVICES = [
    f"{COUNCIL}: Front Door (MASH)",
    f"{COUNCIL}: Child Protection",
    f"{COUNCIL}: Disability Team",
    f"{COUNCIL}: Fostering",
    f"{COUNCIL}: Care Leavers",
    f"{COUNCIL}: Early Help and Prevention",
    f"{COUNCIL}: Learning and Development",
]
PARTNERS = [
    ("Northfield Primary School", Organisation.Kind.SCHOOL),
    ("Riverside Academy", Organisation.Kind.SCHOOL),
    ("Example Borough Community Health NHS Trust", Organisation.Kind.HEALTH),
    ("Family Nurse Partnership, Example Borough", Organisation.Kind.HEALTH),
    ("Example Constabulary Public Protection Unit", Organisation.Kind.POLICE),
    ("Safe Homes Domestic Abuse Service", Organisation.Kind.VOLUNTARY),
    ("Eastgate Family Centre", Organisation.Kind.VOLUNTARY),
]


@dataclass(frozen=True)
class DemoOrganisation:
    """Where an organisation sits in the tree, the domains that prove membership and its
    workforce headcount."""

    name: str
    parent: str = ""
    domains: str = ""
    headcount: int | None = None
    purchase_order: str = ""


# The council as a tree (the council, its children's services, the teams), and partner
# agencies with their domains and headcounts (schools grouped under the schools partnership,
# the Family Nurse Partnership under its NHS trust).
TREE = [
    DemoOrganisation(COUNCIL, domains="example-borough.gov.uk", headcount=2400),
    DemoOrganisation(CHILDRENS_SERVICES, parent=COUNCIL, headcount=620),
    *(
        DemoOrganisation(name, parent=CHILDRENS_SERVICES, headcount=40)
        for name in COUNCIL_SERVICES
        if not name.endswith("Learning and Development")
    ),
    DemoOrganisation(f"{COUNCIL}: Learning and Development", parent=COUNCIL, headcount=12),
    DemoOrganisation(SCHOOLS, headcount=900),
    DemoOrganisation(
        "Northfield Primary School",
        parent=SCHOOLS,
        domains="northfield-school.example",
        headcount=45,
        purchase_order="PO-NPS-2026",
    ),
    DemoOrganisation(
        "Riverside Academy", parent=SCHOOLS, domains="riverside-academy.example", headcount=80
    ),
    DemoOrganisation(
        "Example Borough Community Health NHS Trust",
        domains="community-health.example",
        headcount=1200,
    ),
    DemoOrganisation(
        "Family Nurse Partnership, Example Borough",
        parent="Example Borough Community Health NHS Trust",
        domains="fnp.example",
        headcount=18,
    ),
    DemoOrganisation(
        "Example Constabulary Public Protection Unit", domains="constabulary.example", headcount=60
    ),
    DemoOrganisation(
        "Safe Homes Domestic Abuse Service", domains="safe-homes.example", headcount=25
    ),
    DemoOrganisation(
        "Eastgate Family Centre", domains="eastgate-family-centre.example", headcount=30
    ),
]
# The organisation contact of the demo: approves requests to join the schools partnership.
SCHOOLS_CONTACT = "schools.contact@northfield-school.example"


@dataclass(frozen=True)
class DemoUser:
    email: str
    full_name: str
    role: str
    organisation: str
    job_title: str
    groups: tuple[str, ...]
    is_superuser: bool = False
    preferred_language: str = "en-gb"  # emails, invitations and certificates in this language


DEMO_USERS = [
    DemoUser(
        "admin@example-borough.gov.uk",
        "Demo Administrator",
        "Site administrator",
        f"{COUNCIL}: Learning and Development",
        "Systems administrator",
        (roles.TRAINING_ADMINISTRATOR,),
        is_superuser=True,
    ),
    DemoUser(
        "lead.practitioner@example-borough.gov.uk",
        "Demo Lead Practitioner",
        roles.TRAINING_ADMINISTRATOR,
        f"{COUNCIL}: Learning and Development",
        "Lead Practitioner, Signs of Safety",
        (roles.TRAINING_ADMINISTRATOR,),
    ),
    DemoUser(
        "trainer@example-borough.gov.uk",
        "Demo Trainer",
        roles.TRAINER,
        f"{COUNCIL}: Learning and Development",
        "In-house trainer",
        (roles.TRAINER,),
    ),
    DemoUser(
        "practice.lead@example-borough.gov.uk",
        "Demo Practice Lead",
        roles.PRACTICE_LEAD,
        f"{COUNCIL}: Child Protection",
        "Senior social worker",
        (roles.PRACTICE_LEAD,),
    ),
    DemoUser(
        "learner@example-borough.gov.uk",
        "Demo Staff Learner",
        "Staff learner",
        f"{COUNCIL}: Front Door (MASH)",
        "Social worker",
        (),
    ),
    DemoUser(
        "partner@northfield-school.example",
        "Demo Partner",
        roles.PARTNER,
        "Northfield Primary School",
        "Designated safeguarding lead",
        (),
        preferred_language="cy",  # a Welsh speaker: everything sent to them is in Welsh
    ),
]


def seed_organisations() -> None:
    for name in [COUNCIL, CHILDRENS_SERVICES, *COUNCIL_SERVICES]:
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.COUNCIL_SERVICE}
        )
    Organisation.objects.get_or_create(name=SCHOOLS, defaults={"kind": Organisation.Kind.SCHOOL})
    for name, kind in PARTNERS:
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    today = timezone.localdate()
    for spec in TREE:
        organisation = Organisation.objects.get(name=spec.name)
        if organisation.parent_id or organisation.email_domains or organisation.headcount:
            continue  # seeded before, or changed by hand since: leave it
        organisation.parent = Organisation.objects.filter(name=spec.parent).first()
        organisation.email_domains = spec.domains
        organisation.headcount = spec.headcount
        organisation.headcount_date = today if spec.headcount is not None else None
        organisation.purchase_order_reference = spec.purchase_order
        organisation.full_clean()
        organisation.save()


def seed_membership(user: User) -> None:
    """Demo people belong to their organisation: verified, as if by their email domain."""
    if user.organisation_id is None:
        return
    Membership.objects.get_or_create(
        user=user,
        status=Membership.Status.VERIFIED,
        defaults={
            "organisation_id": user.organisation_id,
            "verified_by_route": Membership.Route.EMAIL_DOMAIN,
            "decided_at": timezone.now(),
        },
    )


def seed_user(person: DemoUser) -> User:
    user = User.objects.filter(email__iexact=person.email).first()
    if user is None:
        user = User.objects.create_user(
            email=person.email,
            password=DEMO_PASSWORD,
            full_name=person.full_name,
            job_title=person.job_title,
            organisation=Organisation.objects.get(name=person.organisation),
            is_superuser=person.is_superuser,
            preferred_language=person.preferred_language,
        )
    EmailAddress.objects.get_or_create(
        user=user, email=person.email, defaults={"verified": True, "primary": True}
    )
    group_names = (roles.LEARNER, *person.groups)
    user.groups.add(*Group.objects.filter(name__in=group_names))
    refresh_staff_status(user=user)
    seed_membership(user)
    return user


def seed_contact() -> None:
    contact = seed_user(
        DemoUser(
            SCHOOLS_CONTACT,
            "Demo Schools Contact",
            roles.ORGANISATION_CONTACT,
            "Northfield Primary School",
            "Head teacher",
            (roles.ORGANISATION_CONTACT,),
        )
    )
    OrganisationContact.objects.get_or_create(
        user=contact, organisation=Organisation.objects.get(name=SCHOOLS)
    )


def seed_membership_request() -> None:
    """A volunteer who asked to join Northfield from a personal address: waiting for the
    schools contact."""
    email = "volunteer.helper@mail.example"
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=DEMO_PASSWORD, full_name="Demo Volunteer", job_title="Volunteer"
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        user.groups.add(Group.objects.get(name=roles.LEARNER))
        refresh_staff_status(user=user)
        Membership.objects.create(
            user=user, organisation=Organisation.objects.get(name="Northfield Primary School")
        )


def seed(*, stdout) -> None:
    seed_organisations()
    for person in DEMO_USERS:
        seed_user(person)
    seed_contact()
    seed_membership_request()
    stdout.write(
        f"Organisations (as a tree) and {len(DEMO_USERS)} demo accounts ready; "
        f"{SCHOOLS_CONTACT} is the schools' organisation contact, with one request to decide."
    )
