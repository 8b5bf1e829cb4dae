import os

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# database access from it. Test process only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
