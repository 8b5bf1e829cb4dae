"""Send the outbox's due emails: retries, and any email whose delivery task was lost.
Run every minute by deploy/systemd/learning-outbox.timer."""

from django.core.management.base import BaseCommand

from home import outbox


class Command(BaseCommand):
    help = "Send every email the outbox has due now."

    def handle(self, *args, **options) -> None:
        total = outbox.DeliveryRun()
        while True:
            run = outbox.deliver_due()
            total = outbox.DeliveryRun(
                sent=total.sent + run.sent,
                retrying=total.retrying + run.retrying,
                failed=total.failed + run.failed,
            )
            if run.sent + run.retrying + run.failed < outbox.BATCH_SIZE:
                break
        self.stdout.write(f"sent {total.sent}, retrying {total.retrying}, failed {total.failed}")
