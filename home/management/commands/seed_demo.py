from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

# Each of these apps may have a `demo` module with an idempotent `seed(*, stdout)`; they run
# in this order, so later apps can build on earlier ones' content.
DEMO_APPS = [
    "accounts",
    "home",
    "elearning",
    "courses",
    "bookings",
    "programmes",
    "certificates",
    "impact",
]


NO_EMAIL = "django.core.mail.backends.dummy.EmailBackend"


class Command(BaseCommand):
    help = "Create or refresh the demo content and demo accounts. Safe to run repeatedly."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password: it only runs with "
                "DEBUG on, or with --force."
            )
        # Seeding sends no email: the completions it records would otherwise email the demo
        # people their certificates.
        with transaction.atomic(), override_settings(EMAIL_BACKEND=NO_EMAIL):
            for app in DEMO_APPS:
                if find_spec(f"{app}.demo") is not None:
                    import_module(f"{app}.demo").seed(stdout=self.stdout)

        from accounts.demo import DEMO_PASSWORD, DEMO_USERS

        self.stdout.write(self.style.SUCCESS("Demo content is ready. Demo sign-ins:"))
        for person in DEMO_USERS:
            self.stdout.write(f"  {person.role:<24} {person.email}")
        self.stdout.write(f"  Password for all of them: {DEMO_PASSWORD}")
