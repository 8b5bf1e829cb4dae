import re

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .validators import refuse_control_characters_in_line

# The tree is shallow (the council > a service > a team > a site): four levels at most, so
# "in the subtree of" and "an ancestor of" are plain joins, never a query per level.
MAX_ORGANISATION_DEPTH = 4
DOMAIN_PATTERN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


def subtree_q(field: str, organisation) -> Q:
    """Rows whose organisation `field` ("" for Organisation rows themselves) is
    `organisation` or one of its descendants. `organisation` may be an id, an instance or an
    expression such as OuterRef."""
    prefix = f"{field}__" if field else ""
    q = Q(**{f"{prefix}pk": organisation})
    for depth in range(1, MAX_ORGANISATION_DEPTH):
        q |= Q(**{prefix + "__".join(["parent"] * depth): organisation})
    return q


def is_within(organisation_id, ancestor) -> models.Exists:
    """True where `ancestor` (e.g. OuterRef("organisation")) is the organisation with this id
    or one of its ancestors: one EXISTS, usable in annotations and filters."""
    return models.Exists(
        Organisation.objects.filter(pk=organisation_id).filter(subtree_q("", ancestor))
    )


class Organisation(models.Model):
    """A council service or team, or a partner agency or one of its sites, in a tree."""

    class Kind(models.TextChoices):
        COUNCIL_SERVICE = "council", _("Council service")
        SCHOOL = "school", _("School or education")
        HEALTH = "health", _("Health")
        POLICE = "police", _("Police")
        VOLUNTARY = "voluntary", _("Voluntary or community")
        OTHER = "other", _("Other")

    name = models.CharField(
        _("name"), max_length=200, validators=[refuse_control_characters_in_line]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive organisations are not offered at sign-up.")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
        help_text=_("The council or agency this is part of, e.g. the service a team belongs to."),
    )
    email_domains = models.CharField(
        _("email domains"),
        max_length=500,
        blank=True,
        help_text=_(
            "Email domains that prove membership, separated by commas, e.g. "
            "northfield-school.example. Its teams and sites inherit them."
        ),
    )
    headcount = models.PositiveIntegerField(
        _("workforce headcount"),
        null=True,
        blank=True,
        help_text=_("How many people work here: the denominator for how much of it is trained."),
    )
    headcount_date = models.DateField(_("headcount given on"), null=True, blank=True)
    invoice_contact_name = models.CharField(_("invoice contact name"), max_length=150, blank=True)
    invoice_contact_email = models.EmailField(_("invoice contact email"), blank=True)
    purchase_order_reference = models.CharField(
        _("purchase order reference"), max_length=100, blank=True
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def domain_list(self) -> list[str]:
        return [d.strip().lower() for d in self.email_domains.split(",") if d.strip()]

    def lineage(self) -> list["Organisation"]:
        """This organisation, then its parent, and so on up to the top (loads each parent
        unless select_related did)."""
        chain, node = [], self
        while node is not None and len(chain) <= MAX_ORGANISATION_DEPTH:
            chain.append(node)
            node = node.parent
        return chain

    def clean(self) -> None:
        super().clean()
        self.email_domains = ", ".join(self.domain_list)
        bad = [d for d in self.domain_list if not DOMAIN_PATTERN.match(d)]
        if bad:
            raise ValidationError(
                {
                    "email_domains": gettext("Enter domains like school.example, not %(domains)s.")
                    % {"domains": ", ".join(bad)}
                }
            )
        if self.headcount is not None and self.headcount_date is None:
            raise ValidationError(
                {"headcount_date": gettext("Enter the date the headcount was given.")}
            )
        if self.parent_id is not None:
            chain = self.parent.lineage()
            if any(node.pk == self.pk for node in chain if self.pk):
                raise ValidationError(
                    {"parent": gettext("An organisation cannot be inside itself.")}
                )
            if len(chain) + 1 + self._subtree_height() > MAX_ORGANISATION_DEPTH:
                raise ValidationError(
                    {
                        "parent": gettext("The tree can be at most %(depth)s levels deep.")
                        % {"depth": MAX_ORGANISATION_DEPTH}
                    }
                )

    def _subtree_height(self) -> int:
        """How many levels sit below this organisation."""
        if self.pk is None:
            return 0
        for depth in range(MAX_ORGANISATION_DEPTH, 0, -1):
            if Organisation.objects.filter(**{f"{'parent__' * depth}pk": self.pk}).exists():
                return depth
        return 0


class UserManager(DjangoUserManager):
    """Email is the login, so there is no username to pass around."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person using the platform: council staff, partner, trainer or administrator.

    `is_council_staff` follows the verified email address (see accounts.services); it is never
    set from a form. `is_staff` keeps Django's meaning (may use Django's own admin).
    """

    # Blank (NULL, so never a clash) only for someone recorded on paper at a session, who
    # cannot sign in until a trainer adds their address (bookings.services.walk_ins).
    email = models.EmailField(
        _("email address"), max_length=254, unique=True, null=True, blank=True
    )
    full_name = models.CharField(
        _("full name"), max_length=150, validators=[refuse_control_characters_in_line]
    )
    certificate_name = models.CharField(
        _("name on certificates"),
        max_length=150,
        blank=True,
        help_text=_(
            "How your name should appear on certificates. Leave blank to use your full name."
        ),
        validators=[refuse_control_characters_in_line],
    )
    job_title = models.CharField(
        _("job title"), max_length=150, blank=True, validators=[refuse_control_characters_in_line]
    )
    team = models.CharField(
        _("team or service"),
        max_length=150,
        blank=True,
        validators=[refuse_control_characters_in_line],
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        editable=False,
        verbose_name=_("organisation"),
        help_text="The VERIFIED organisation, kept by accounts.services from the person's "
        "verified Membership; never set from what a person claims.",
    )
    is_council_staff = models.BooleanField(
        _("council staff"),
        default=False,
        editable=False,
        help_text=_("Set from the verified email address's domain."),
    )
    preferred_language = models.CharField(
        _("language"),
        max_length=15,
        blank=True,
        help_text=_(
            "The language of the emails, invitations and certificates sent to this person, "
            "and of the pages they arrive at. Blank: the site's default language."
        ),
    )
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.full_name or self.email or ""

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower() or None

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def name_on_certificate(self) -> str:
        return self.certificate_name or self.full_name


class Membership(models.Model):
    """A person's request to belong to an organisation, and what became of it.

    Only a VERIFIED membership counts (it sets User.organisation): verified by the person's
    verified email domain, or approved by a training administrator or the organisation's
    contact. At most one membership per person is open (requested or verified) at a time.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Unconfirmed (awaiting approval)")
        VERIFIED = "verified", _("Verified")
        REFUSED = "refused", _("Refused")
        ENDED = "ended", _("Ended")

    class Route(models.TextChoices):
        EMAIL_DOMAIN = "email_domain", _("Email domain")
        APPROVAL = "approval", _("Approved")
        MIGRATION = "migration", _("Kept from before verification")

    OPEN_STATUSES = (Status.REQUESTED, Status.VERIFIED)

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    verified_by_route = models.CharField(
        _("verified by"), max_length=20, choices=Route.choices, blank=True
    )
    requested_at = models.DateTimeField(_("asked on"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why the request was refused."))
    ended_at = models.DateTimeField(_("ended on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["requested", "verified"]),
                name="membership_one_open_per_person",
            )
        ]

    def __str__(self) -> str:
        return gettext("%(person)s in %(organisation)s (%(status)s)") % {
            "person": self.user,
            "organisation": self.organisation,
            "status": self.get_status_display(),
        }


class OrganisationContact(models.Model):
    """The organisation contact role: this person approves membership requests and sees the
    members and the charges of this organisation and everything below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="contact_for",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("organisation contact")
        verbose_name_plural = _("organisation contacts")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"], name="organisation_contact_unique"
            )
        ]

    def __str__(self) -> str:
        return gettext("%(person)s, contact for %(organisation)s") % {
            "person": self.user,
            "organisation": self.organisation,
        }
