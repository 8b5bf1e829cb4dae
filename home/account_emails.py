"""The emails about memberships (accounts.signals): the organisation contacts are told of a
request, and the person of the decision, with the reason for a refusal."""

from django.urls import reverse

from accounts.languages import language_of
from accounts.signals import membership_decided, membership_requested

from .emails import send_templated_email
from .links import absolute_url


def on_membership_requested(sender, *, membership, contacts, **kwargs) -> None:
    """Each contact is written to in their own language, whoever made the request."""
    requests_url = absolute_url(reverse("accounts_admin:membership_requests"))
    for contact in contacts:
        with language_of(contact):
            send_templated_email(
                to=contact.email,
                template="accounts/emails/membership_requested",
                context={
                    "membership": membership,
                    "contact": contact,
                    "requests_url": requests_url,
                },
            )


def on_membership_decided(sender, *, membership, **kwargs) -> None:
    """The person hears the decision in their own language, whoever decided."""
    with language_of(membership.user):
        send_templated_email(
            to=membership.user.email,
            template=f"accounts/emails/membership_{membership.status}",
            context={
                "membership": membership,
                "person": membership.user,
                "my_account_url": absolute_url(reverse("accounts:my_account")),
            },
        )


def connect() -> None:
    membership_requested.connect(on_membership_requested, dispatch_uid="home.membership_requested")
    membership_decided.connect(on_membership_decided, dispatch_uid="home.membership_decided")
