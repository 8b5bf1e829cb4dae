"""Background work of the site itself."""

from django_tasks import task

from . import outbox


@task()
def deliver_due_emails() -> dict:
    """Send what the outbox has due (home/outbox.py)."""
    run = outbox.deliver_due()
    return {"sent": run.sent, "retrying": run.retrying, "failed": run.failed}
