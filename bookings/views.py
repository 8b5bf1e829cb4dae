"""Public pages: training dates, a session, booking, My bookings, and the manager's approval."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.audiences import audiences_of
from accounts.models import User
from courses.models import CoursePage
from home import site_cache
from home.page_cache import PLACES_TIMEOUT, anonymous_page, shows_places

from . import selectors, services
from .calendar import PUBLISH, booking_calendar
from .forms import BookingForm, CheckInForm, HandOverForm, SessionFilterForm
from .models import Booking, Session, SessionDay
from .permissions import user_can_manage_session

SESSIONS_PER_PAGE = 25


@anonymous_page
def session_list(request: HttpRequest) -> HttpResponse:
    """The list is the same for everyone of the same audiences who asks for the same filters
    and page (signed in, it starts with the sessions those audiences may book): the template
    keeps it (wagtailcache) until places or content change, or PLACES_TIMEOUT passes, and the
    sessions are only read when it is rendered."""
    shows_places(request)
    form = SessionFilterForm(request.GET or None, user=request.user)

    def page_of_sessions():
        sessions = selectors.upcoming_sessions()
        if form.is_bound and form.is_valid():
            sessions = selectors.filter_sessions(sessions, **form.filters())
        return Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("page"))

    page = SimpleLazyObject(page_of_sessions)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "bookings/session_list.html",
        {
            "filter_form": form,
            "page_obj": page,
            "sessions": SimpleLazyObject(lambda: page.object_list),
            "query": query,
            "list_version": site_cache.places_version(request),
            "list_audiences": ",".join(sorted(audiences_of(request.user)))
            if request.user.is_authenticated
            else "",
            # Held places count for the verified organisation's members (filter_sessions).
            "list_organisation": getattr(request.user, "organisation_id", None) or "",
            "list_timeout": PLACES_TIMEOUT,
        },
    )


@dataclass(frozen=True)
class BookingChoice:
    """What the session page offers this visitor."""

    kind: str  # sign_in, book, join_waitlist, booked, refused
    reason: str = ""
    booking: Booking | None = None


def booking_choice(request: HttpRequest, session: Session) -> BookingChoice:
    user = request.user
    now = timezone.now()
    booking = selectors.active_booking(user=user, session=session)
    if booking is not None:
        return BookingChoice("booked", booking=booking)
    try:
        services.check_session_bookable(session, now=now)
        services.check_booking_window(session, now=now)
        if not user.is_authenticated:
            return BookingChoice("sign_in")
        services.check_can_book(user=user, session=session, now=now)
    except services.BookingError as refusal:
        return BookingChoice("refused", reason=refusal.message)
    has_place = session.places_left > 0 or (
        session.held_left > 0 and selectors.held_places_for(session, person=user, now=now) > 0
    )
    return BookingChoice("book" if has_place else "join_waitlist")


def _session_or_404(pk: int) -> Session:
    try:
        return selectors.session_for_page(pk)
    except Session.DoesNotExist as error:
        raise Http404("No such session") from error


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(pk)
    if not session.course.live:
        raise Http404("No such session")
    choice = booking_choice(request, session)
    shows_joining_details = (
        choice.booking is not None and choice.booking.status == Booking.Status.CONFIRMED
    ) or user_can_manage_session(request.user, session)
    return render(
        request,
        "bookings/session_detail.html",
        {"session": session, "choice": choice, "shows_joining_details": shows_joining_details},
    )


@login_required
def book_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = _session_or_404(pk)
    choice = booking_choice(request, session)
    if choice.kind not in ("book", "join_waitlist"):
        if choice.reason:
            messages.error(request, choice.reason)
        return redirect("bookings:session_detail", pk=session.pk)
    needs_approval = session.course.requires_manager_approval
    form = BookingForm(
        request.POST if request.method == "POST" else None, needs_approval=needs_approval
    )
    if request.method == "POST" and form.is_valid():
        try:
            booking = services.book(
                user=request.user,
                session=session,
                access_needs=form.cleaned_data["access_needs"],
                line_manager_email=form.cleaned_data.get("line_manager_email", ""),
            )
        except services.BookingError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _booked_message(booking))
            return redirect("bookings:my_bookings")
    return render(
        request,
        "bookings/book_session.html",
        {"session": session, "form": form, "choice": choice},
    )


def _booked_message(booking: Booking) -> str:
    title = booking.session.course.in_reader_language.title
    if booking.status == Booking.Status.CONFIRMED:
        return _(
            "Your place on %(title)s is confirmed. We have emailed you a calendar invitation."
        ) % {"title": title}
    if booking.status == Booking.Status.WAITLISTED:
        position = services.waitlist_position_of(booking)
        return _("You are number %(position)s on the waiting list for %(title)s.") % {
            "position": position,
            "title": title,
        }
    return _("We have asked your line manager to approve your booking on %(title)s.") % {
        "title": title
    }


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    upcoming, past = [], []
    for booking in selectors.bookings_of(request.user):
        is_upcoming = booking.is_active and booking.first_date and booking.first_date >= today
        (upcoming if is_upcoming else past).append(booking)
    past.reverse()
    return render(request, "bookings/my_bookings.html", {"upcoming": upcoming, "past": past})


def _own_booking(request: HttpRequest, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("session__course", "session__venue", "user"),
        pk=pk,
        user=request.user,
    )


@login_required
def cancel_booking(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _own_booking(request, pk)
    error = ""
    if request.method == "POST":
        try:
            services.cancel(booking=booking, by=request.user)
        except services.BookingError as refusal:
            error = refusal.message
        else:
            messages.success(
                request,
                _("Your booking on %(title)s is cancelled.")
                % {"title": booking.session.course.in_reader_language.title},
            )
            return redirect("bookings:my_bookings")
    if not booking.is_active:
        messages.error(request, _("This booking is already cancelled."))
        return redirect("bookings:my_bookings")
    return render(request, "bookings/cancel_booking.html", {"booking": booking, "error": error})


@login_required
def download_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _own_booking(request, pk)
    if booking.status != Booking.Status.CONFIRMED:
        raise Http404("Only a confirmed booking has calendar events")
    response = HttpResponse(
        booking_calendar(booking, method=PUBLISH), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="training-{booking.session_id}.ics"'
    return response


@login_required
def hand_over_booking(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _own_booking(request, pk)
    if booking.status != Booking.Status.CONFIRMED:
        messages.error(request, _("Only a confirmed place can be handed to a colleague."))
        return redirect("bookings:my_bookings")
    form = HandOverForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        colleague = None
        if request.user.organisation_id:
            colleague = User.objects.filter(
                email__iexact=form.cleaned_data["email"],
                organisation_id=request.user.organisation_id,
                is_active=True,
            ).first()
        if colleague is None:
            form.add_error(
                "email",
                _(
                    "We could not find anyone in your organisation with that email address. "
                    "Your colleague needs an account first."
                ),
            )
        else:
            try:
                services.hand_over(booking=booking, colleague=colleague, by=request.user)
            except services.BookingError as refusal:
                form.add_error("email", refusal.message)
            else:
                messages.success(
                    request,
                    _("%(colleague)s now has your place on %(title)s.")
                    % {
                        "colleague": colleague,
                        "title": booking.session.course.in_reader_language.title,
                    },
                )
                return redirect("bookings:my_bookings")
    return render(request, "bookings/hand_over.html", {"booking": booking, "form": form})


def approval(request: HttpRequest, token: str, decision: str) -> HttpResponse:
    """The line manager's link: no sign-in. GET only shows the booking; POST decides, so a
    link scanner opening the email cannot approve or decline by itself."""
    if decision not in ("approve", "decline"):
        raise Http404("No such decision")
    try:
        booking = services.booking_for_approval(token)
    except services.ApprovalLinkInvalid as refusal:
        return render(
            request, "bookings/approval_invalid.html", {"reason": refusal.message}, status=410
        )
    if request.method == "POST":
        try:
            if decision == "approve":
                booking = services.approve_booking(token=token)
            else:
                booking = services.decline_booking(token=token)
        except services.ApprovalLinkInvalid as refusal:
            return render(
                request, "bookings/approval_invalid.html", {"reason": refusal.message}, status=410
            )
        return render(request, "bookings/approval_done.html", {"booking": booking})
    return render(request, "bookings/approval.html", {"booking": booking, "decision": decision})


@login_required
@require_POST
def register_interest(request: HttpRequest, course_pk: int) -> HttpResponse:
    course = get_object_or_404(CoursePage.objects.live(), pk=course_pk)
    try:
        services.register_interest(user=request.user, course=course)
    except services.BookingError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _("Thank you. We will email you when a new session of %(title)s opens for booking.")
            % {"title": course.title},
        )
    return redirect(course.get_url(request) or reverse("bookings:session_list"))


@login_required
def check_in(request: HttpRequest, day_pk: int) -> HttpResponse:
    """Self check-in from the QR code on the register: the code arrives in the link and the
    person confirms with one button (a GET never changes anything)."""
    day = get_object_or_404(SessionDay.objects.select_related("session__course"), pk=day_pk)
    if selectors.checked_in(user=request.user, day=day):
        return render(request, "bookings/check_in_done.html", {"day": day})
    form = CheckInForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.check_in(user=request.user, day=day, code=form.cleaned_data["code"])
        except services.BookingError as refusal:
            form.add_error("code", refusal.message)
        else:
            return render(request, "bookings/check_in_done.html", {"day": day})
    return render(request, "bookings/check_in.html", {"day": day, "form": form})
