"""Every rule about booking places, one module per part of the job (after pretix's
`base/services/`). Views, admin views, commands and the demo call these through this package:
`from bookings import services`.

- errors.py: the typed refusals
- locks.py: the row locks, and the order they are taken in
- eligibility.py: who may book which session, and when
- places.py: booking and cancelling
- waiting_list.py: the queue's order, promotions and what people are told
- quotas.py: ring-fenced places held for organisations, and their release
- approval.py: line-manager approval links
- hand_over.py: giving a place to a colleague
- administration.py: adding, moving and cancelling for others
- sessions.py: creating and changing sessions
- interest.py: interest in courses with no dates
- reminders.py: reminders before a session
- register.py: attendance, walk-ins and self check-in
- walk_ins.py: walk-ins without an account (opened for them, or recorded on paper)
- completion.py: completing and reopening sessions
- messages.py: messages to a cohort
- charges.py: the ledger of charges for places wasted
"""

from .administration import add_person, cancel_session, move_booking
from .approval import (
    approval_token,
    approve_booking,
    booking_for_approval,
    decline_booking,
)
from .charges import (
    ChargeTerms,
    charge_terms,
    credit_charge,
    mark_invoiced,
    waive_charge,
)
from .completion import CompletionSummary, complete_session, reopen_session
from .eligibility import (
    check_booking_window,
    check_can_book,
    check_eligibility,
    check_no_active_booking,
    check_no_overlap,
    check_session_bookable,
)
from .errors import (
    AlreadyBooked,
    ApprovalLinkInvalid,
    AttendanceRefused,
    BookingClosed,
    BookingError,
    CancellationClosed,
    CapacityBelowConfirmed,
    CheckInRefused,
    CompletionRefused,
    InterestNotNeeded,
    InvalidCheckInCode,
    InvalidSubstitute,
    ManagerEmailRequired,
    MessageRefused,
    NotAllowed,
    NotASessionDay,
    NotBookedOnSession,
    NotEligible,
    OverlappingBooking,
    RegisterClosed,
    RegisterNotOpen,
    SessionNotBookable,
    TooManyCheckInAttempts,
)
from .hand_over import hand_over
from .interest import (
    notify_interested_people,
    open_sessions_awaiting_interest_email,
    register_interest,
)
from .messages import message_cohort
from .places import book, cancel
from .register import (
    CHECK_IN_MAX_FAILURES,
    RegisterResult,
    add_walk_in,
    check_in,
    mark_all_present,
    mark_attendance,
    normalise_check_in_code,
    save_register,
)
from .reminders import send_due_reminders
from .sessions import (
    DayTimes,
    change_capacity,
    check_capacity,
    check_session_days,
    create_session,
    fill_in_new_session_defaults,
    session_created,
    update_session,
)
from .waiting_list import (
    promote_from_waiting_list,
    release_held_places,
    waitlist_position_of,
)
from .walk_ins import WalkIn, add_address_to_walk_in, add_walk_in_person

__all__ = [
    "CHECK_IN_MAX_FAILURES",
    "AlreadyBooked",
    "ApprovalLinkInvalid",
    "AttendanceRefused",
    "BookingClosed",
    "BookingError",
    "CancellationClosed",
    "CapacityBelowConfirmed",
    "CheckInRefused",
    "ChargeTerms",
    "CompletionRefused",
    "CompletionSummary",
    "DayTimes",
    "InterestNotNeeded",
    "InvalidCheckInCode",
    "InvalidSubstitute",
    "ManagerEmailRequired",
    "MessageRefused",
    "NotASessionDay",
    "NotAllowed",
    "NotBookedOnSession",
    "NotEligible",
    "OverlappingBooking",
    "RegisterClosed",
    "RegisterNotOpen",
    "RegisterResult",
    "SessionNotBookable",
    "TooManyCheckInAttempts",
    "WalkIn",
    "add_person",
    "add_address_to_walk_in",
    "add_walk_in",
    "add_walk_in_person",
    "approval_token",
    "approve_booking",
    "book",
    "booking_for_approval",
    "cancel",
    "cancel_session",
    "change_capacity",
    "charge_terms",
    "check_booking_window",
    "check_can_book",
    "check_capacity",
    "check_eligibility",
    "check_in",
    "check_no_active_booking",
    "check_no_overlap",
    "check_session_bookable",
    "check_session_days",
    "complete_session",
    "create_session",
    "credit_charge",
    "decline_booking",
    "fill_in_new_session_defaults",
    "hand_over",
    "mark_all_present",
    "mark_attendance",
    "mark_invoiced",
    "message_cohort",
    "move_booking",
    "normalise_check_in_code",
    "notify_interested_people",
    "open_sessions_awaiting_interest_email",
    "promote_from_waiting_list",
    "register_interest",
    "release_held_places",
    "reopen_session",
    "save_register",
    "send_due_reminders",
    "session_created",
    "update_session",
    "waitlist_position_of",
    "waive_charge",
]
