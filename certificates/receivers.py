"""Issue certificates when the e-learning, bookings and programmes apps report a completion.

Each signal is sent inside the transaction that records the completion, so the certificate
(and its email task) commits or rolls back with it.
"""

import logging

from . import services

logger = logging.getLogger(__name__)


def _issue(*, recipient, subject) -> None:
    try:
        services.issue_certificate(recipient=recipient, subject=subject)
    except services.CertificateRevoked as refusal:
        logger.info("Not re-issuing %s automatically: it was revoked.", refusal.certificate.code)


def issue_for_completed_module(sender, *, learner, module, enrolment, completed_at, **kwargs):
    if module.issues_certificate:
        _issue(recipient=learner, subject=enrolment)


def issue_for_completed_session(sender, *, booking, learner, session, **kwargs):
    """Someone recorded on paper has no address to receive it: theirs is issued when a
    trainer adds one (bookings.signals.attendee_address_added)."""
    if learner.email:
        _issue(recipient=learner, subject=booking)


def issue_for_completed_programme(sender, *, enrolment, person, completed_at, **kwargs):
    _issue(recipient=person, subject=enrolment)
