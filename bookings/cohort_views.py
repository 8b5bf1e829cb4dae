"""The trainers' admin pages: My sessions, a session's cohort, its register by day, walk-ins,
completing and reopening, exports and messages.

Every page is about one session (or lists the sessions the person runs). Trainers reach only
the sessions they deliver: any other id is a 404, whichever page or export is asked for.
Each action calls one service in bookings.services and shows its refusal as an error.
"""

import segno
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts.spreadsheets import SafeSpreadsheetExportMixin

from . import attendance, exports, selectors, services
from .admin_forms import (
    AddPersonForm,
    CapacityForm,
    MessageForm,
    MoveBookingForm,
    MySessionsFilterForm,
    RegisterForm,
    WalkInAddressForm,
    WalkInForm,
)
from .forms import ReasonForm
from .models import Attendance, Booking, Session
from .permissions import (
    user_can_administer_training,
    user_can_correct_register,
    user_can_manage_session,
    user_can_run_cohorts,
)

SESSIONS_PER_PAGE = 50


def _require_cohort_access(user) -> None:
    if not user_can_run_cohorts(user):
        raise PermissionDenied


def _session_url(name: str, session: Session, *args) -> str:
    return reverse(f"bookings_cohorts:{name}", args=[session.pk, *args])


# My sessions


class MySessionsView(WagtailAdminTemplateMixin, TemplateView):
    """The sessions a trainer delivers, upcoming first; every session, with filters, for
    training administrators."""

    template_name = "bookings/admin/my_sessions.html"
    page_title = _("My sessions")
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        _require_cohort_access(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        if user_can_administer_training(self.request.user):
            return gettext("Sessions")
        return gettext("My sessions")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        sessions = selectors.my_sessions(self.request.user)
        filter_form = None
        if user_can_administer_training(self.request.user):
            filter_form = MySessionsFilterForm(self.request.GET or None)
            if filter_form.is_bound and filter_form.is_valid():
                sessions = selectors.filter_my_sessions(sessions, **filter_form.cleaned_data)
        page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(self.request.GET.get("p"))
        return super().get_context_data(
            filter_form=filter_form, page_obj=page, sessions=page.object_list, **kwargs
        )


# One session


class SessionMixin(WagtailAdminTemplateMixin):
    """Loads the session named in the URL, if the person runs it; otherwise a 404."""

    header_icon = "group"

    def load_session(self, pk: int) -> Session:
        return get_object_or_404(Session.objects.select_related("course", "venue"), pk=pk)

    def dispatch(self, request, *args, **kwargs):
        _require_cohort_access(request.user)
        self.session = self.load_session(kwargs["pk"])
        if not user_can_manage_session(request.user, self.session):
            raise Http404(gettext("No session found"))
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("bookings_cohorts:my_sessions"), "label": _("My sessions")},
            {"url": _session_url("cohort", self.session), "label": str(self.session)},
            {"url": "", "label": self.get_page_title()},
        ]

    def cohort_url(self) -> str:
        return _session_url("cohort", self.session)


class CohortView(SessionMixin, TemplateView):
    """Who is coming, who is waiting, who cancelled; the actions on them; the messages."""

    template_name = "bookings/admin/cohort.html"
    page_title = _("Cohort")

    def load_session(self, pk: int) -> Session:
        try:
            return selectors.session_for_cohort(pk)
        except Session.DoesNotExist as missing:
            raise Http404(gettext("No session found")) from missing

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("bookings_cohorts:my_sessions"), "label": _("My sessions")},
            {"url": "", "label": str(self.session)},
        ]

    def get_page_subtitle(self):
        return ""

    def get_page_title(self):
        return str(self.session)

    def get_context_data(self, **kwargs):
        session = self.session
        days = session.ordered_days
        marks = selectors.attendance_by_booking(session)
        confirmed, waiting, other = [], [], []
        for booking in selectors.session_bookings(session):
            if booking.status == Booking.Status.CONFIRMED:
                booking.day_marks = [marks.get(booking.pk, {}).get(day.pk) for day in days]
                confirmed.append(booking)
            elif booking.status == Booking.Status.WAITLISTED:
                waiting.append(booking)
            else:
                other.append(booking)
        confirmed.sort(key=lambda b: (b.user.full_name.casefold(), b.pk))
        user = self.request.user
        return super().get_context_data(
            session=session,
            days=days,
            confirmed=confirmed,
            waiting=waiting,
            other=other,
            places_free=session.confirmed_count < session.capacity,
            messages_sent=selectors.cohort_messages(session),
            is_administrator=user_can_administer_training(user),
            can_reopen=user_can_correct_register(user),
            can_complete=attendance.can_complete(session, days=days, now=timezone.now()),
            **kwargs,
        )


class SessionFormView(SessionMixin, FormView):
    """A form about the session that calls one service; refusals become form errors."""

    template_name = "bookings/admin/action_form.html"
    intro = ""
    submit_label = _("Save")
    destructive = False

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=self.intro,
            submit_label=self.submit_label,
            destructive=self.destructive,
            back_url=self.cohort_url(),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except services.BookingError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.success_url_for())

    def success_url_for(self) -> str:
        return self.cohort_url()


class AddPersonView(SessionFormView):
    form_class = AddPersonForm
    page_title = _("Add a person")
    submit_label = _("Add person")
    intro = _(
        "For invitations and exceptions: the audience, prerequisites and booking window do not "
        "apply, but capacity does (if the session is full they join the waiting list). They "
        "are emailed, and the reason is recorded."
    )

    def perform(self, form) -> str:
        booking = services.add_person(
            session=self.session,
            user=form.person,
            by=self.request.user,
            reason=form.cleaned_data["reason"],
            access_needs=form.cleaned_data["access_needs"],
        )
        return gettext("%(name)s added: %(status)s.") % {
            "name": booking.user,
            "status": booking.get_status_display().lower(),
        }


class CapacityView(SessionFormView):
    form_class = CapacityForm
    page_title = _("Change the number of places")
    submit_label = _("Save places")
    intro = _("Raising the capacity gives the new places to the people waiting, in order.")

    def get_initial(self):
        return {"capacity": self.session.capacity}

    def perform(self, form) -> str:
        session = services.change_capacity(
            session=self.session, capacity=form.cleaned_data["capacity"], by=self.request.user
        )
        return ngettext(
            "The session now has %(count)s place.",
            "The session now has %(count)s places.",
            session.capacity,
        ) % {"count": session.capacity}


class WalkInView(SessionFormView):
    form_class = WalkInForm
    page_title = _("Add a walk-in")
    submit_label = _("Add walk-in")
    intro = _(
        "Someone who came without a booking: they get a place even if the session is full, "
        "are flagged as a walk-in, and are marked present today."
    )

    def perform(self, form) -> str:
        walk_in = services.add_walk_in_person(
            session=self.session,
            by=self.request.user,
            full_name=form.cleaned_data["full_name"],
            email=form.cleaned_data["email"],
            organisation=form.cleaned_data["organisation"],
            access_needs=form.cleaned_data["access_needs"],
        )
        said = {
            services.WalkIn.EXISTING: gettext("%(name)s added as a walk-in, with their account."),
            services.WalkIn.OPENED: gettext(
                "%(name)s added as a walk-in. An account was opened and they have been emailed "
                "a link to set a password."
            ),
            services.WalkIn.ON_PAPER: gettext(
                "%(name)s added as a walk-in, on paper only. Add their email address later "
                "so they get their certificate."
            ),
        }
        return said[walk_in.account] % {"name": walk_in.booking.user}


class MessageCohortView(SessionFormView):
    form_class = MessageForm
    page_title = _("Message the cohort")
    submit_label = _("Send message")

    def get_context_data(self, **kwargs):
        session = selectors.sessions_with_places_left().get(pk=self.session.pk)
        self.intro = " ".join(
            [
                ngettext(
                    "Each of the %(count)s people with a place gets their own email (with your "
                    "name and email address), and the message is kept on the session.",
                    "Each of the %(count)s people with a place gets their own email (with your "
                    "name and email address), and the message is kept on the session.",
                    session.confirmed_count,
                )
                % {"count": session.confirmed_count},
                ngettext(
                    "%(count)s person is on the waiting list.",
                    "%(count)s people are on the waiting list.",
                    session.waitlist_count,
                )
                % {"count": session.waitlist_count},
            ]
        )
        return super().get_context_data(**kwargs)

    def perform(self, form) -> str:
        message = services.message_cohort(
            session=self.session,
            by=self.request.user,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            include_waiting_list=form.cleaned_data["include_waiting_list"],
        )
        return ngettext(
            "Message sent to %(count)s person.",
            "Message sent to %(count)s people.",
            message.recipients_count,
        ) % {"count": message.recipients_count}


class ReopenView(SessionFormView):
    form_class = ReasonForm
    page_title = _("Reopen the session")
    submit_label = _("Reopen")
    intro = _(
        "Reopening lets the register be changed. Completing it again records the outcomes "
        "afresh; nobody gets a second certificate."
    )

    def perform(self, form) -> str:
        services.reopen_session(
            session=self.session, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        return gettext("%(session)s is reopened.") % {"session": self.session}


class CompleteView(SessionMixin, TemplateView):
    """What completing will record for each person, and the button that does it."""

    template_name = "bookings/admin/complete.html"
    page_title = _("Complete the session")

    def get_context_data(self, **kwargs):
        days = self.session.ordered_days
        marks = selectors.attendance_by_booking(self.session)
        rows = []
        for booking in selectors.roster(self.session):
            day_marks = attendance.marks_for_days(days, marks.get(booking.pk, {}))
            outcome = attendance.outcome_of(attendance.statuses_of(day_marks))
            rows.append({"booking": booking, "marks": day_marks, "outcome": outcome})
        return super().get_context_data(
            session=self.session, days=days, rows=rows, back_url=self.cohort_url(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        try:
            summary = services.complete_session(session=self.session, by=request.user)
        except services.BookingError as refusal:
            return self.render_to_response(self.get_context_data(error=refusal.message))
        messages.success(
            request,
            gettext(
                "Session completed: %(completed)s completed, %(not_completed)s did not "
                "complete, %(no_shows)s did not attend."
            )
            % {
                "completed": summary.completed,
                "not_completed": summary.not_completed,
                "no_shows": summary.no_shows,
            },
        )
        return redirect(self.cohort_url())


# The register


class RegisterView(SessionMixin, TemplateView):
    template_name = "bookings/admin/register.html"
    page_title = _("Register")

    def dispatch(self, request, *args, **kwargs):
        self.day_pk = kwargs["day_pk"]
        return super().dispatch(request, *args, **kwargs)

    def load_session(self, pk: int) -> Session:
        session = get_object_or_404(
            Session.objects.select_related("course", "venue").prefetch_related("days"), pk=pk
        )
        self.day = next((day for day in session.ordered_days if day.pk == self.day_pk), None)
        if self.day is None:
            raise Http404(gettext("That day is not one of this session's days"))
        return session

    def get_page_title(self):
        return gettext("Register for %(date)s") % {"date": date_format(self.day.date, "j F Y")}

    def register_state(self) -> str:
        return attendance.register_state(
            self.session,
            self.day,
            may_correct=user_can_correct_register(self.request.user),
            today=timezone.localdate(),
        )

    def check_in_url(self) -> str:
        path = reverse("bookings:check_in", args=[self.day.pk])
        return self.request.build_absolute_uri(f"{path}?code={self.day.check_in_code}")

    def get_context_data(self, form=None, **kwargs):
        bookings = list(selectors.register_for_day(self.session, self.day))
        form = form or RegisterForm(bookings=bookings)
        check_in_url = self.check_in_url()
        labels = dict(Attendance.Status.choices)
        rows = [
            {
                "booking": booking,
                "field": form[f"status_{booking.pk}"],
                "seen": form[f"seen_{booking.pk}"],
                "checked_in": booking.attendance_source == Attendance.Source.CHECK_IN,
                "status_label": labels.get(booking.attendance_status, gettext("Not marked")),
            }
            for booking in bookings
        ]
        return super().get_context_data(
            session=self.session,
            day=self.day,
            days=self.session.ordered_days,
            form=form,
            rows=rows,
            state=self.register_state(),
            is_today=self.day.date == timezone.localdate(),
            check_in_url=check_in_url,
            check_in_path=reverse("bookings:check_in", args=[self.day.pk]),
            check_in_qr=segno.make(check_in_url, error="m").png_data_uri(scale=5, border=2),
            choices=Attendance.Status.choices,
            back_url=self.cohort_url(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        bookings = list(selectors.register_for_day(self.session, self.day))
        form = RegisterForm(request.POST, bookings=bookings)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            if request.POST.get("action") == "mark_all_present":
                result = services.mark_all_present(
                    session=self.session,
                    day=self.day,
                    by=request.user,
                    seen_versions=form.seen_versions(changed_only=False),
                )
                message = gettext(
                    "Everyone is marked present. Change anyone who is not, then save."
                )
            else:
                result = services.save_register(
                    session=self.session,
                    day=self.day,
                    marks=form.marks(),
                    by=request.user,
                    seen_versions=form.seen_versions(),
                )
                message = ngettext(
                    "Register saved (%(count)s changed).",
                    "Register saved (%(count)s changed).",
                    len(result.changed),
                ) % {"count": len(result.changed)}
        except services.BookingError as refusal:
            form.add_error(None, refusal.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, message)
        if result.not_applied:
            names = ", ".join(booking.user.full_name for booking in result.not_applied)
            messages.warning(
                request,
                gettext(
                    "Not saved for %(names)s: someone else changed their mark after you opened "
                    "this page. Their mark is kept; check it below and change it again if needed."
                )
                % {"names": names},
            )
        return redirect(_session_url("register", self.session, self.day.pk))


# Actions on one booking of the session


class BookingFormView(SessionFormView):
    """A form about one booking; the session is the booking's, checked like any other."""

    def dispatch(self, request, *args, **kwargs):
        _require_cohort_access(request.user)
        self.booking = get_object_or_404(
            Booking.objects.select_related("session__course", "session__venue", "user"),
            pk=kwargs["booking_pk"],
        )
        self.session = self.booking.session
        if not user_can_manage_session(request.user, self.session):
            raise Http404(gettext("No booking found"))
        return super(SessionMixin, self).dispatch(request, *args, **kwargs)


class RemovePersonView(BookingFormView):
    form_class = ReasonForm
    submit_label = _("Remove from the session")
    destructive = True

    def get_page_title(self):
        return gettext("Remove %(name)s") % {"name": self.booking.user}

    def get_context_data(self, **kwargs):
        self.intro = gettext(
            "%(name)s's booking is cancelled and they are emailed, with this reason. A "
            "confirmed place goes to the first person waiting."
        ) % {"name": self.booking.user}
        return super().get_context_data(**kwargs)

    def perform(self, form) -> str:
        services.cancel(
            booking=self.booking, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        return gettext("%(name)s is removed from the session.") % {"name": self.booking.user}


class WalkInAddressView(BookingFormView):
    """Add the email address of a walk-in recorded on paper."""

    form_class = WalkInAddressForm
    submit_label = _("Add email address")
    intro = _(
        "They are invited to set a password, and get their certificate for a session they "
        "have completed."
    )

    def get_page_title(self):
        return gettext("Add an email address for %(name)s") % {"name": self.booking.user}

    def perform(self, form) -> str:
        person = services.add_address_to_walk_in(
            booking=self.booking, email=form.cleaned_data["email"], by=self.request.user
        )
        return gettext("%(name)s now has the email address %(email)s.") % {
            "name": person,
            "email": person.email,
        }


class MovePersonView(BookingFormView):
    form_class = MoveBookingForm
    submit_label = _("Move")
    intro = _(
        "They take a place on the other session if one is free, or join its waiting list, and "
        "are emailed. A place they free here goes to the first person waiting."
    )

    def get_page_title(self):
        return gettext("Move %(name)s to another session") % {"name": self.booking.user}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "booking": self.booking}

    def perform(self, form) -> str:
        booking = services.move_booking(
            booking=self.booking,
            to_session=form.cleaned_data["to_session"],
            by=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return gettext("%(name)s moved to %(session)s: %(status)s.") % {
            "name": booking.user,
            "session": booking.session,
            "status": booking.get_status_display().lower(),
        }


class PromoteView(BookingFormView):
    """A POST-only action from the cohort page's waiting list."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            booking = services.promote_from_waiting_list(booking=self.booking, by=request.user)
        except services.BookingError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(
                request,
                gettext("%(name)s now has a place and has been emailed.") % {"name": booking.user},
            )
        return redirect(self.cohort_url())


# Exports


class RosterExportView(SessionMixin, SafeSpreadsheetExportMixin, View):
    """The confirmed attendees as CSV or XLSX (?export=csv or ?export=xlsx)."""

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            raise Http404(gettext("Choose csv or xlsx"))
        self.days = self.session.ordered_days
        self.export_headings = exports.roster_headings(self.days)
        self.list_export = list(self.export_headings)
        self.marks = selectors.attendance_by_booking(self.session)
        return self.as_spreadsheet(selectors.roster(self.session), request.GET["export"])

    def get_filename(self) -> str:
        return exports.file_stem("roster", self.session)

    def to_row_dict(self, item: Booking) -> dict:
        return exports.roster_row(item, days=self.days, marks=self.marks.get(item.pk, {}))


class SignInSheetView(SessionMixin, View):
    """A printable sheet: one row per attendee, a signature column per day."""

    def load_session(self, pk: int) -> Session:
        return get_object_or_404(
            Session.objects.select_related("course", "venue").prefetch_related("days", "trainers"),
            pk=pk,
        )

    def get(self, request, *args, **kwargs):
        response = HttpResponse(
            exports.sign_in_sheet_pdf(self.session), content_type="application/pdf"
        )
        name = exports.file_stem("sign-in-sheet", self.session) + ".pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
