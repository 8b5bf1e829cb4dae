"""Who may do what with sessions and bookings."""

from accounts.permissions import (
    user_is_organisation_contact,
    user_is_trainer,
    user_is_training_admin,
)


def user_can_administer_training(user) -> bool:
    """Plan sessions, add people directly, move bookings, cancel sessions, see demand."""
    return user_is_training_admin(user)


def user_can_manage_session(user, session) -> bool:
    """Training administrators manage every session; trainers the sessions they deliver."""
    if not user.is_authenticated:
        return False
    if user_is_training_admin(user):
        return True
    return user_is_trainer(user) and session.trainers.filter(pk=user.pk).exists()


def user_can_cancel_booking(user, booking) -> bool:
    """Whose booking this is, or an administrator (the closing time is a rule in services)."""
    return user.is_authenticated and (booking.user_id == user.pk or user_is_training_admin(user))


def user_can_hand_over_booking(user, booking) -> bool:
    return user_can_cancel_booking(user, booking)


def user_can_run_cohorts(user) -> bool:
    """Reach 'My sessions' in the admin: trainers and training administrators, through the
    cohort permissions their groups hold (bookings/migrations/0004_cohort_permissions.py).
    Which sessions they may open is user_can_manage_session's decision."""
    return (
        user.is_authenticated
        and (user_is_trainer(user) or user_is_training_admin(user))
        and user.has_perm("bookings.change_attendance")
    )


def user_can_correct_register(user) -> bool:
    """Change attendance after the session is completed, and reopen a completed session."""
    return user_is_training_admin(user)


def user_can_lower_capacity(user) -> bool:
    """Trainers may raise their session's capacity; only administrators lower it."""
    return user_is_training_admin(user)


def user_can_see_ledger(user) -> bool:
    """Training administrators see every charge; an organisation contact their own
    organisation's (and everything below it: accounts.permissions.organisations_managed_by)."""
    return user_is_training_admin(user) or user_is_organisation_contact(user)


def user_can_change_charges(user) -> bool:
    """Waive, mark invoiced and credit."""
    return user_is_training_admin(user)
