"""Certificates and the site setting that decides what a certificate looks like.

A certificate is a snapshot: the name, the title of what was completed, the dates, CPD hours,
trainers and issuing organisation are copied when it is issued, so renaming a module or a
person later never changes a certificate already in someone's hands. Issue, revoke and
re-issue go through certificates.services.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.formats import format_list

from .codes import new_verification_code


class Certificate(models.Model):
    class Kind(models.TextChoices):
        MODULE = "module", _("E-learning module")
        SESSION = "session", _("Training course")
        PROGRAMME = "programme", _("Programme")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What was completed: an e-learning enrolment, a booking on a session, or a programme
    # enrolment. One active certificate per recipient and subject (see constraints).
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")

    name = models.CharField("name on the certificate", max_length=150)
    title = models.CharField("what was completed", max_length=255)
    completed_on = models.DateField("completion date")
    days = models.JSONField(
        default=list, blank=True, help_text="The dates of the session's days (ISO format)."
    )
    cpd_hours = models.DecimalField(
        "CPD hours", max_digits=5, decimal_places=1, null=True, blank=True
    )
    trainer_names = models.JSONField(default=list, blank=True)
    requirements = models.JSONField(
        "requirements met",
        default=list,
        blank=True,
        help_text="A programme certificate's requirements and how each was met, one per line.",
    )
    organisation_name = models.CharField("issuing organisation", max_length=200)

    code = models.CharField(
        "verification code", max_length=14, unique=True, default=new_verification_code
    )
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the certificate was issued automatically on completion.",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revocation_reason = models.TextField(blank=True)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text="The revoked certificate this one was re-issued in place of.",
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "content_type", "object_id"],
                condition=Q(revoked_at__isnull=True),
                name="certificate_one_active_per_subject",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificate_revocation_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["recipient", "-issued_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.name} ({self.code})"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def status(self) -> str:
        return "Revoked" if self.is_revoked else "Valid"

    @property
    def day_dates(self) -> list[dt.date]:
        return [dt.date.fromisoformat(day) for day in self.days]

    @property
    def trainers_display(self) -> str:
        return format_list(self.trainer_names)

    @property
    def download_filename(self) -> str:
        return f"certificate-{self.code}.pdf"


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """What every certificate shows besides the learner's own details."""

    organisation_name = models.CharField(
        "issuing organisation",
        max_length=200,
        default="Example Borough Council",
        help_text="Printed on certificates and shown on the verification page.",
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Printed at the top of the certificate.",
    )
    signatory_name = models.CharField(max_length=150, blank=True)
    signatory_title = models.CharField(
        max_length=200, blank=True, help_text="For example 'Lead Practitioner for Signs of Safety'."
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="An image of the signature, ideally a PNG with a transparent background.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("logo")], heading="Organisation"
        ),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_title"), FieldPanel("signature")],
            heading="Signatory",
        ),
    ]

    class Meta:
        verbose_name = "certificate settings"

    @classmethod
    def for_default_site(cls) -> "CertificateSettings":
        """The default site's settings with their images in one query, or the defaults.

        Certificates are issued by signals and tasks, where there is no request to take a
        site from."""
        # get() rather than first(): no ORDER BY to compile, which was most of the time it
        # takes to serve a stored PDF. Wagtail allows one default site, and each site one row.
        try:
            return cls.objects.select_related("logo", "signature").get(site__is_default_site=True)
        except cls.DoesNotExist:
            return cls()
