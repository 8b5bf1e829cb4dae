from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class Organisation(models.Model):
    """A council service or partner agency that people belong to."""

    class Kind(models.TextChoices):
        COUNCIL_SERVICE = "council", "Council service"
        SCHOOL = "school", "School or education"
        HEALTH = "health", "Health"
        POLICE = "police", "Police"
        VOLUNTARY = "voluntary", "Voluntary or community"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    is_active = models.BooleanField(
        "active", default=True, help_text="Inactive organisations are not offered at sign-up."
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.name


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

    email = models.EmailField("email address", max_length=254, unique=True)
    full_name = models.CharField(max_length=150)
    certificate_name = models.CharField(
        "name on certificates",
        max_length=150,
        blank=True,
        help_text="How your name should appear on certificates. Leave blank to use your full name.",
    )
    job_title = models.CharField(max_length=150, blank=True)
    team = models.CharField("team or service", max_length=150, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    is_council_staff = models.BooleanField(
        "council staff",
        default=False,
        editable=False,
        help_text="Set from the verified email address's domain.",
    )
    preferred_language = models.CharField(
        "language",
        max_length=15,
        blank=True,
        help_text=(
            "The language of the emails, invitations and certificates sent to this person, "
            "and of the pages they arrive at. Blank: the site's default language."
        ),
    )
    is_staff = models.BooleanField("Django admin access", default=False)
    is_active = models.BooleanField("active", default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_unique_ci")]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def name_on_certificate(self) -> str:
        return self.certificate_name or self.full_name
