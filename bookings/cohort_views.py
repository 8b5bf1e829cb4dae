"""The trainers' admin pages: My sessions, a session's cohort, its register by day, walk-ins,
completing and reopening, exports and messages.

Every page is about one session (or lists the sessions the person runs). Trainers reach only
the sessions they deliver: any other id is a 404, whichever page or export is asked for.
Each action calls one service in bookings.services and shows its refusal as an error.
"""

import segno
from django import forms
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.generic import FormView, TemplateView, View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from accounts import roles
from accounts.models import User
from certificates.pdf import html_to_pdf, in_arabic_script
from courses.models import CoursePage

from . import selectors, services
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


class MySessionsFilterForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(), required=False, empty_label="All courses"
    )
    trainer = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, empty_label="All trainers"
    )
    date_from = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        choices=[("", "Any status"), *Session.Status.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.order_by("title")
        trainers = Group.objects.filter(name=roles.TRAINER)
        self.fields["trainer"].queryset = User.objects.filter(groups__in=trainers).order_by(
            "full_name"
        )

    def clean(self):
        cleaned_data = super().clean()
        date_from, date_to = cleaned_data.get("date_from"), cleaned_data.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", "The end of the range must be on or after its start.")
        return cleaned_data


class MySessionsView(WagtailAdminTemplateMixin, TemplateView):
    """The sessions a trainer delivers, upcoming first; every session, with filters, for
    training administrators."""

    template_name = "bookings/admin/my_sessions.html"
    page_title = "My sessions"
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        _require_cohort_access(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return "Sessions" if user_can_administer_training(self.request.user) else "My sessions"

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
            raise Http404("No session found")
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("bookings_cohorts:my_sessions"), "label": "My sessions"},
            {"url": _session_url("cohort", self.session), "label": str(self.session)},
            {"url": "", "label": self.get_page_title()},
        ]

    def cohort_url(self) -> str:
        return _session_url("cohort", self.session)


class CohortView(SessionMixin, TemplateView):
    """Who is coming, who is waiting, who cancelled; the actions on them; the messages."""

    template_name = "bookings/admin/cohort.html"
    page_title = "Cohort"

    def load_session(self, pk: int) -> Session:
        try:
            return selectors.session_for_cohort(pk)
        except Session.DoesNotExist as missing:
            raise Http404("No session found") from missing

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("bookings_cohorts:my_sessions"), "label": "My sessions"},
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
            can_complete=session.status == Session.Status.SCHEDULED
            and bool(days)
            and timezone.now() >= days[-1].ends_at,
            **kwargs,
        )


class SessionFormView(SessionMixin, FormView):
    """A form about the session that calls one service; refusals become form errors."""

    template_name = "bookings/admin/action_form.html"
    intro = ""
    submit_label = "Save"
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


class AddPersonForm(forms.Form):
    email = forms.EmailField(label="Email address of the person to add")
    reason = forms.CharField(
        label="Reason",
        help_text="Recorded in the booking's history, e.g. 'Invited by the project board'.",
        max_length=500,
    )
    access_needs = forms.CharField(
        label="Access or dietary needs", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = User.objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise ValidationError("Nobody has an account with that email address.")
        self.person = person
        return email


class AddPersonView(SessionFormView):
    form_class = AddPersonForm
    page_title = "Add a person"
    submit_label = "Add person"
    intro = (
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
        return f"{booking.user} added: {booking.get_status_display().lower()}."


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label="Number of places", min_value=1, max_value=1000)


class CapacityView(SessionFormView):
    form_class = CapacityForm
    page_title = "Change the number of places"
    submit_label = "Save places"
    intro = "Raising the capacity gives the new places to the people waiting, in order."

    def get_initial(self):
        return {"capacity": self.session.capacity}

    def perform(self, form) -> str:
        session = services.change_capacity(
            session=self.session, capacity=form.cleaned_data["capacity"], by=self.request.user
        )
        return f"The session now has {session.capacity} places."


class WalkInForm(AddPersonForm):
    """A walk-in needs no reason: turning up on the day is the reason."""

    reason = None


class WalkInView(SessionFormView):
    form_class = WalkInForm
    page_title = "Add a walk-in"
    submit_label = "Add walk-in"
    intro = (
        "Someone who came without a booking: they get a place even if the session is full, "
        "are flagged as a walk-in, and are marked present today. They need an account."
    )

    def perform(self, form) -> str:
        booking = services.add_walk_in(
            session=self.session,
            user=form.person,
            by=self.request.user,
            access_needs=form.cleaned_data["access_needs"],
        )
        return f"{booking.user} added as a walk-in."


class MessageForm(forms.Form):
    subject = forms.CharField(max_length=150)
    body = forms.CharField(
        label="Message", widget=forms.Textarea(attrs={"rows": 8}), max_length=5000
    )
    include_waiting_list = forms.BooleanField(
        label="Also send to the people on the waiting list", required=False
    )


class MessageCohortView(SessionFormView):
    form_class = MessageForm
    page_title = "Message the cohort"
    submit_label = "Send message"

    def get_context_data(self, **kwargs):
        session = selectors.sessions_with_places_left().get(pk=self.session.pk)
        self.intro = (
            f"Each of the {session.confirmed_count} people with a place gets their own email "
            f"(with your name and email address), and the message is kept on the session. "
            f"{session.waitlist_count} people are on the waiting list."
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
        return f"Message sent to {message.recipients_count} people."


class ReopenView(SessionFormView):
    form_class = ReasonForm
    page_title = "Reopen the session"
    submit_label = "Reopen"
    intro = (
        "Reopening lets the register be changed. Completing it again records the outcomes "
        "afresh; nobody gets a second certificate."
    )

    def perform(self, form) -> str:
        services.reopen_session(
            session=self.session, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        return f"{self.session} is reopened."


class CompleteView(SessionMixin, TemplateView):
    """What completing will record for each person, and the button that does it."""

    template_name = "bookings/admin/complete.html"
    page_title = "Complete the session"

    def get_context_data(self, **kwargs):
        days = self.session.ordered_days
        marks = selectors.attendance_by_booking(self.session)
        rows = []
        for booking in selectors.roster(self.session):
            statuses = [marks.get(booking.pk, {}).get(day.pk) for day in days]
            present = sum(1 for a in statuses if a and a.status == Attendance.Status.PRESENT)
            rows.append({"booking": booking, "marks": statuses, "present": present})
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
            f"Session completed: {summary.completed} completed, {summary.not_completed} did "
            f"not complete, {summary.no_shows} did not attend.",
        )
        return redirect(self.cohort_url())


# The register


class RegisterForm(forms.Form):
    """One optional choice per person with a place; a person left blank stays unmarked."""

    def __init__(self, *args, bookings: list[Booking], **kwargs):
        super().__init__(*args, **kwargs)
        self.bookings = bookings
        for booking in bookings:
            self.fields[f"status_{booking.pk}"] = forms.ChoiceField(
                label=booking.user.full_name,
                choices=Attendance.Status.choices,
                required=False,
                widget=forms.RadioSelect,
                initial=booking.attendance_status,
            )

    def marks(self) -> dict[int, str]:
        return {
            booking.pk: self.cleaned_data[f"status_{booking.pk}"]
            for booking in self.bookings
            if self.cleaned_data.get(f"status_{booking.pk}")
        }


class RegisterView(SessionMixin, TemplateView):
    template_name = "bookings/admin/register.html"
    page_title = "Register"

    def dispatch(self, request, *args, **kwargs):
        self.day_pk = kwargs["day_pk"]
        return super().dispatch(request, *args, **kwargs)

    def load_session(self, pk: int) -> Session:
        session = get_object_or_404(
            Session.objects.select_related("course", "venue").prefetch_related("days"), pk=pk
        )
        self.day = next((day for day in session.ordered_days if day.pk == self.day_pk), None)
        if self.day is None:
            raise Http404("That day is not one of this session's days")
        return session

    def get_page_title(self):
        return f"Register for {self.day.date:%-d %B %Y}"

    def register_state(self) -> str:
        """open, not_yet, closed or cancelled: what the page offers."""
        if self.session.status == Session.Status.CANCELLED:
            return "cancelled"
        if self.day.date > timezone.localdate():
            return "not_yet"
        if self.session.status == Session.Status.COMPLETED and not user_can_correct_register(
            self.request.user
        ):
            return "closed"
        return "open"

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
                "checked_in": booking.attendance_source == Attendance.Source.CHECK_IN,
                "status_label": labels.get(booking.attendance_status, "Not marked"),
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
                services.mark_all_present(session=self.session, day=self.day, by=request.user)
                message = "Everyone is marked present. Change anyone who is not, then save."
            else:
                changed = services.save_register(
                    session=self.session, day=self.day, marks=form.marks(), by=request.user
                )
                message = f"Register saved ({len(changed)} changed)."
        except services.BookingError as refusal:
            form.add_error(None, refusal.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(request, message)
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
            raise Http404("No booking found")
        return super(SessionMixin, self).dispatch(request, *args, **kwargs)


class RemovePersonView(BookingFormView):
    form_class = ReasonForm
    submit_label = "Remove from the session"
    destructive = True

    def get_page_title(self):
        return f"Remove {self.booking.user}"

    def get_context_data(self, **kwargs):
        self.intro = (
            f"{self.booking.user}'s booking is cancelled and they are emailed, with this "
            "reason. A confirmed place goes to the first person waiting."
        )
        return super().get_context_data(**kwargs)

    def perform(self, form) -> str:
        services.cancel(
            booking=self.booking, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        return f"{self.booking.user} is removed from the session."


class MoveBookingForm(forms.Form):
    to_session = forms.ModelChoiceField(queryset=Session.objects.none(), label="Move to")
    reason = forms.CharField(label="Reason", required=False, max_length=500)

    def __init__(self, *args, booking: Booking, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_session"].queryset = (
            selectors.upcoming_sessions()
            .filter(course__translation_key=booking.session.course.translation_key)
            .exclude(pk=booking.session_id)
        )


class MovePersonView(BookingFormView):
    form_class = MoveBookingForm
    submit_label = "Move"
    intro = (
        "They take a place on the other session if one is free, or join its waiting list, and "
        "are emailed. A place they free here goes to the first person waiting."
    )

    def get_page_title(self):
        return f"Move {self.booking.user} to another session"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "booking": self.booking}

    def perform(self, form) -> str:
        booking = services.move_booking(
            booking=self.booking,
            to_session=form.cleaned_data["to_session"],
            by=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return f"{booking.user} moved to {booking.session}: {booking.get_status_display().lower()}."


class PromoteView(BookingFormView):
    """A POST-only action from the cohort page's waiting list."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            booking = services.promote_from_waiting_list(booking=self.booking, by=request.user)
        except services.BookingError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, f"{booking.user} now has a place and has been emailed.")
        return redirect(self.cohort_url())


# Exports


def _csv_safe(value):
    """Spreadsheet programs run a CSV cell starting with = + - @ as a formula: quote it."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


class RosterExportView(SessionMixin, SpreadsheetExportMixin, View):
    """The confirmed attendees as CSV or XLSX (?export=csv or ?export=xlsx)."""

    base_fields = {
        "name": "Name",
        "email": "Email",
        "organisation": "Organisation",
        "team": "Team or service",
        "job_title": "Job title",
        "access_needs": "Access or dietary needs",
        "walk_in": "Walk-in",
    }
    custom_value_preprocess = {
        **SpreadsheetExportMixin.custom_value_preprocess,
        str: {SpreadsheetExportMixin.FORMAT_CSV: _csv_safe},
    }

    def get(self, request, *args, **kwargs):
        if not self.is_export:
            raise Http404("Choose csv or xlsx")
        self.days = self.session.ordered_days
        self.list_export = [
            *self.base_fields,
            *(f"day_{day.pk}" for day in self.days),
            "outcome",
        ]
        self.export_headings = {
            **self.base_fields,
            **{
                f"day_{day.pk}": f"Day {n}: {day.date:%-d %B %Y}"
                for n, day in enumerate(self.days, start=1)
            },
            "outcome": "Outcome",
        }
        self.marks = selectors.attendance_by_booking(self.session)
        return self.as_spreadsheet(selectors.roster(self.session), request.GET["export"])

    def get_filename(self) -> str:
        first = self.session.first_day
        date = f"-{first.date:%Y-%m-%d}" if first else ""
        return f"roster-{slugify(self.session.course.title)}{date}"

    def to_row_dict(self, item: Booking) -> dict:
        person = item.user
        marks = self.marks.get(item.pk, {})
        row = {
            "name": person.full_name,
            "email": person.email,
            "organisation": person.organisation.name if person.organisation else "",
            "team": person.team,
            "job_title": person.job_title,
            "access_needs": item.access_needs,
            "walk_in": "Yes" if item.is_walk_in else "",
        }
        for day in self.days:
            mark = marks.get(day.pk)
            row[f"day_{day.pk}"] = mark.get_status_display() if mark else ""
        row["outcome"] = item.get_outcome_display()
        return row


SIGN_IN_SHEET_TEMPLATE = "bookings/pdf/sign_in_sheet.html"


def sign_in_sheet_html(session: Session) -> str:
    rows = [
        {"booking": booking, "arabic_script": in_arabic_script(booking.user.full_name)}
        for booking in selectors.roster(session)
    ]
    return render_to_string(
        SIGN_IN_SHEET_TEMPLATE,
        {
            "session": session,
            "days": session.ordered_days,
            "trainers": sorted(session.trainers.all(), key=lambda t: t.full_name),
            "rows": rows,
            "printed_on": timezone.localdate(),
        },
    )


class SignInSheetView(SessionMixin, View):
    """A printable sheet: one row per attendee, a signature column per day."""

    def load_session(self, pk: int) -> Session:
        return get_object_or_404(
            Session.objects.select_related("course", "venue").prefetch_related("days", "trainers"),
            pk=pk,
        )

    def get(self, request, *args, **kwargs):
        content = html_to_pdf(sign_in_sheet_html(self.session))
        response = HttpResponse(content, content_type="application/pdf")
        first = self.session.first_day
        date = f"-{first.date:%Y-%m-%d}" if first else ""
        name = f"sign-in-sheet-{slugify(self.session.course.title)}{date}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
