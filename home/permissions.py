from accounts.permissions import user_is_training_admin


def user_can_manage_outbox(user) -> bool:
    """See the emails waiting or failed (with their errors), and retry or cancel them."""
    return user_is_training_admin(user)
