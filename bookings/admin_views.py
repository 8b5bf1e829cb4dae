"""Admin pages for the actions that change bookings: each calls one service and shows its
refusal as a form error. Only training administrators reach them."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton

from accounts.models import User

from . import selectors, services
from .forms import ReasonForm
from .models import Booking, Session
from .permissions import user_can_administer_training


class SessionAdminForm(WagtailAdminModelForm):
    """Checks the days (in order, end after start, none in the past for a new session) and
    that the capacity is not below the confirmed places, before anything is saved."""

    def clean(self):
        cleaned_data = super().clean()
        days_formset = self.formsets.get("days")
        if days_formset is not None and days_formset.is_valid():
            days = [
                services.DayTimes(
                    f.cleaned_data["date"], f.cleaned_data["start_time"], f.cleaned_data["end_time"]
                )
                for f in days_formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            days.sort(key=lambda day: (day.date, day.start_time))
            try:
                services.check_session_days(days, is_new=self.instance.pk is None)
            except ValidationError as error:
                for message in error.messages:
                    self.add_error(None, message)
        capacity = cleaned_data.get("capacity")
        if self.instance.pk and capacity:
            try:
                services.check_capacity(self.instance, capacity)
            except services.CapacityBelowConfirmed as refusal:
                self.add_error("capacity", refusal.message)
        return cleaned_data


class SessionCreateView(generic.CreateView):
    def save_instance(self):
        session = self.form.save()
        services.session_created(session=session, by=self.request.user)
        return session


class SessionEditView(generic.EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            Button(
                "Bookings",
                url=reverse("bookings_session:bookings", args=[self.object.pk]),
                icon_name="group",
                priority=5,
            ),
            *super().header_more_buttons,
        ]

    def save_instance(self):
        return services.update_session(
            session=self.form.instance, by=self.request.user, apply_changes=self.form.save
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.BookingError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)


class InterestIndexView(generic.IndexView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "Demand by course", url=reverse("bookings_interest:demand"), icon_name="table"
            ),
        ]


class TrainingAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_administer_training(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


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


class SessionBookingsView(TrainingAdminMixin, FormView):
    """Everyone booked on a session, with the actions for each, and 'add a person'."""

    template_name = "bookings/admin/session_bookings.html"
    form_class = AddPersonForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = get_object_or_404(
            selectors.sessions_with_places_left().select_related("course", "venue"),
            pk=kwargs["pk"],
        )

    def get_page_title(self):
        return f"Bookings: {self.session}"

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("bookings_session:index"), "label": "Sessions"},
            {
                "url": reverse("bookings_session:edit", args=[self.session.pk]),
                "label": str(self.session),
            },
            {"url": "", "label": "Bookings"},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session, bookings=selectors.session_bookings(self.session), **kwargs
        )

    def form_valid(self, form):
        try:
            booking = services.add_person(
                session=self.session,
                user=form.person,
                by=self.request.user,
                reason=form.cleaned_data["reason"],
                access_needs=form.cleaned_data["access_needs"],
            )
        except services.BookingError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request, f"{booking.user} added: {booking.get_status_display().lower()}."
        )
        return redirect("bookings_session:bookings", pk=self.session.pk)


class CancelSessionView(TrainingAdminMixin, FormView):
    template_name = "bookings/admin/action_form.html"
    form_class = ReasonForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = get_object_or_404(Session, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Cancel session: {self.session}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro="Every booking on this session is cancelled and everyone is emailed, with "
            "this reason. This cannot be undone.",
            submit_label="Cancel the session",
            destructive=True,
            back_url=reverse("bookings_session:bookings", args=[self.session.pk]),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.cancel_session(
                session=self.session, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except services.BookingError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.session} is cancelled; everyone booked was emailed.")
        return redirect("bookings_session:index")


class BookingActionView(TrainingAdminMixin, FormView):
    template_name = "bookings/admin/action_form.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.booking = get_object_or_404(
            Booking.objects.select_related("session__course", "user"), pk=kwargs["pk"]
        )

    def back_url(self) -> str:
        return reverse("bookings_session:bookings", args=[self.booking.session_id])

    def get_context_data(self, **kwargs):
        return super().get_context_data(back_url=self.back_url(), **kwargs)

    def form_valid(self, form):
        try:
            message = self.perform(form)
        except services.BookingError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.back_url())


class CancelBookingView(BookingActionView):
    form_class = ReasonForm

    def get_page_title(self):
        return f"Cancel the booking of {self.booking.user}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=f"{self.booking.user} is emailed. A confirmed place goes to the first person "
            "waiting.",
            submit_label="Cancel the booking",
            destructive=True,
            **kwargs,
        )

    def perform(self, form) -> str:
        services.cancel(
            booking=self.booking, by=self.request.user, reason=form.cleaned_data["reason"]
        )
        return f"The booking of {self.booking.user} is cancelled."


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


class MoveBookingView(BookingActionView):
    form_class = MoveBookingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "booking": self.booking}

    def get_page_title(self):
        return f"Move the booking of {self.booking.user}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro="They take a place on the other session if one is free, or join its waiting "
            "list. A place they free here goes to the first person waiting.",
            submit_label="Move the booking",
            **kwargs,
        )

    def perform(self, form) -> str:
        booking = services.move_booking(
            booking=self.booking,
            to_session=form.cleaned_data["to_session"],
            by=self.request.user,
            reason=form.cleaned_data["reason"],
        )
        return f"{booking.user} moved to {booking.session}: {booking.get_status_display().lower()}."


class DemandView(TrainingAdminMixin, TemplateView):
    """Registered interest per course and organisation, for planning new sessions."""

    template_name = "bookings/admin/demand.html"
    page_title = "Demand for new sessions"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=selectors.demand_by_course_and_organisation(), **kwargs
        )
