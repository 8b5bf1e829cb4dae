"""The row lock that makes an enrolment's completion happen exactly once.

Services call it as `locks.lock_enrolment(...)`, looked up on this module at call time, so a
test can replace it to show what the lock prevents.
"""

from .models import ProgrammeEnrolment


def lock_enrolment(enrolment_id: int) -> ProgrammeEnrolment:
    return (
        ProgrammeEnrolment.objects.select_for_update(of=("self",))
        .select_related("person", "programme")
        .get(pk=enrolment_id)
    )
