"""News from accounts for the apps above it (accounts sends no email itself: it sits below
home, which owns email; home.account_emails receives these).

- membership_requested(sender=Membership, membership, contacts): a request waits for one of
  `contacts` (the organisation contacts of the organisation or one above it) to decide.
- membership_decided(sender=Membership, membership): a request was approved or refused
  (`membership.status` says which; `membership.reason` why it was refused).
"""

from django.dispatch import Signal

membership_requested = Signal()
membership_decided = Signal()
