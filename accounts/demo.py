"""Demo organisations and one demo account per role (fictional people only)."""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from . import roles
from .models import Organisation, User
from .services import refresh_staff_status

DEMO_PASSWORD = "signs-of-safety-demo"  # noqa: S105 - published on purpose, demo only

COUNCIL = "Example Borough Council"
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
    for name in COUNCIL_SERVICES:
        Organisation.objects.get_or_create(
            name=name, defaults={"kind": Organisation.Kind.COUNCIL_SERVICE}
        )
    for name, kind in PARTNERS:
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind})


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
    return user


def seed(*, stdout) -> None:
    seed_organisations()
    for person in DEMO_USERS:
        seed_user(person)
    stdout.write(f"Organisations and {len(DEMO_USERS)} demo accounts ready.")
