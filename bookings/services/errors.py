"""Every refusal a bookings service can raise: a typed exception whose message is fit to show
the person who asked."""

from django.utils.translation import gettext_lazy as _


class BookingError(Exception):
    """A refusal with a message fit to show the person who asked."""

    message = _("This cannot be done.")

    def __init__(self, message: str | None = None):
        self.message = str(message or self.message)
        super().__init__(self.message)


class SessionNotBookable(BookingError):
    message = _("This session is not taking bookings.")


class BookingClosed(BookingError):
    message = _("Booking for this session has closed.")


class NotEligible(BookingError):
    """`message` says why: audience, organisation or a course to complete first."""


class AlreadyBooked(BookingError):
    message = _("You already have a booking for this session.")


class OverlappingBooking(BookingError):
    pass


class ManagerEmailRequired(BookingError):
    message = _("Enter your line manager's email address: this course needs their approval.")


class CancellationClosed(BookingError):
    message = _(
        "Booking has closed, so you can no longer cancel online. "
        "Contact the training team if you cannot come."
    )


class NotAllowed(BookingError):
    message = _("You do not have permission to do this.")


class CapacityBelowConfirmed(BookingError):
    pass


class InvalidSubstitute(BookingError):
    pass


class ApprovalLinkInvalid(BookingError):
    message = _("This approval link is not valid.")


class InterestNotNeeded(BookingError):
    message = _("There are places left on a session of this course: book one instead.")


class AttendanceRefused(BookingError):
    message = _("Attendance cannot be recorded here.")


class NotBookedOnSession(AttendanceRefused):
    message = _("Only people with a confirmed place on this session can be marked.")


class NotASessionDay(AttendanceRefused):
    message = _("That day is not one of this session's days.")


class RegisterNotOpen(AttendanceRefused):
    pass


class RegisterClosed(AttendanceRefused):
    message = _(
        "This session is completed, so its register is closed. Ask a training administrator "
        "to correct it."
    )


class CheckInRefused(BookingError):
    message = _("You cannot check in with this code.")


class InvalidCheckInCode(CheckInRefused):
    message = _("That code is not right. Check it with your trainer and try again.")


class TooManyCheckInAttempts(CheckInRefused):
    message = _("Too many wrong codes. Wait 15 minutes, or ask your trainer to mark you present.")


class CompletionRefused(BookingError):
    pass


class MessageRefused(BookingError):
    pass
