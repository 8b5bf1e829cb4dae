"""Certificates and the site setting that decides what a certificate looks like.

A certificate is a snapshot: the name, the title of what was completed, the dates, CPD hours,
trainers and issuing organisation are copied when it is issued, so renaming a module or a
person later never changes a certificate already in someone's hands. Issue, revoke and
re-issue go through certificates.services.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from home.formats import format_list

from .codes import new_verification_code


def bilingual_languages() -> tuple[str, ...]:
    """The languages of a bilingual certificate, in the order it prints them: Welsh first,
    then the site's default (English), of those the site is configured for."""
    configured = {code for code, _name in settings.LANGUAGES}
    return tuple(code for code in ("cy", settings.LANGUAGE_CODE) if code in configured)


@dataclass(frozen=True)
class Wording:
    """What was completed, as the certificate words it in one language."""

    title: str
    requirements: list[str]


class Certificate(models.Model):
    class Kind(models.TextChoices):
        MODULE = "module", _("E-learning module")
        SESSION = "session", _("Training course")
        PROGRAMME = "programme", _("Programme")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # What was completed: an e-learning enrolment, a booking on a session, or a programme
    # enrolment. One active certificate per recipient and subject (see constraints).
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")

    name = models.CharField(_("name on the certificate"), max_length=150)
    title = models.CharField(_("what was completed"), max_length=255)
    completed_on = models.DateField(_("completion date"))
    days = models.JSONField(
        _("days"),
        default=list,
        blank=True,
        help_text=_("The dates of the session's days (ISO format)."),
    )
    cpd_hours = models.DecimalField(
        _("CPD hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    trainer_names = models.JSONField(_("trainer names"), default=list, blank=True)
    requirements = models.JSONField(
        _("requirements met"),
        default=list,
        blank=True,
        help_text=_("A programme certificate's requirements and how each was met, one per line."),
    )
    organisation_name = models.CharField(_("issuing organisation"), max_length=200)
    wording = models.JSONField(
        _("wording in each language"),
        default=dict,
        blank=True,
        help_text=_(
            "The title and requirements as they read at issue time in each language of a "
            "bilingual certificate, by language code."
        ),
    )

    code = models.CharField(
        _("verification code"), max_length=14, unique=True, default=new_verification_code
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the certificate was issued automatically on completion."),
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revocation_reason = models.TextField(_("revocation reason"), blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="replaced_by",
        help_text=_("The revoked certificate this one was re-issued in place of."),
    )

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
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
        return gettext("Revoked") if self.is_revoked else gettext("Valid")

    @property
    def day_dates(self) -> list[dt.date]:
        return [dt.date.fromisoformat(day) for day in self.days]

    @property
    def trainers_display(self) -> str:
        return format_list(self.trainer_names)

    @property
    def download_filename(self) -> str:
        return f"certificate-{self.code}.pdf"

    @property
    def as_issued(self) -> Wording:
        """The title and requirements as issued, in the recipient's language."""
        return Wording(title=self.title, requirements=self.requirements)

    def wording_in(self, language: str) -> Wording:
        """The title and requirements as they read in `language` at issue time; as issued for
        a language not recorded (or a certificate issued before wordings were)."""
        recorded = self.wording.get(language)
        if recorded is None:
            return self.as_issued
        return Wording(title=recorded["title"], requirements=recorded["requirements"])


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """What every certificate shows besides the learner's own details."""

    organisation_name = models.CharField(
        _("issuing organisation"),
        max_length=200,
        default="Example Borough Council",
        help_text=_("Printed on certificates and shown on the verification page."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Printed at the top of the certificate."),
    )
    signatory_name = models.CharField(_("signatory name"), max_length=150, blank=True)
    signatory_title = models.CharField(
        _("signatory title"),
        max_length=200,
        blank=True,
        help_text=_("For example 'Lead Practitioner for Signs of Safety'."),
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An image of the signature, ideally a PNG with a transparent background."),
    )
    bilingual = models.BooleanField(
        _("bilingual certificates"),
        default=False,
        help_text=_(
            "Print every line of each certificate in Welsh first, then in English, whatever "
            "the recipient's language."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("logo")], heading=_("Organisation")
        ),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_title"), FieldPanel("signature")],
            heading=_("Signatory"),
        ),
        FieldPanel("bilingual"),
    ]

    class Meta:
        verbose_name = _("certificate settings")

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
