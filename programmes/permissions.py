"""Who may do what with programmes and enrolments."""

from accounts.permissions import user_is_training_admin


def user_can_administer_programmes(user) -> bool:
    """Configure programmes, enrol people, see everyone's progress, record exemptions."""
    return user_is_training_admin(user)


def user_can_view_enrolment(user, enrolment) -> bool:
    """The person enrolled, and administrators."""
    return user.is_authenticated and (
        enrolment.person_id == user.pk or user_can_administer_programmes(user)
    )


def user_can_download_evidence(user, exemption) -> bool:
    return user_can_view_enrolment(user, exemption.enrolment)
