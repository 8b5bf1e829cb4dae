"""The Training menu's own pages: creating and editing sessions, cancelling one, demand.
Each action calls one service and shows its refusal as a form error. The people on a
session are managed on its cohort page (bookings.cohort_views)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton

from courses.models import CoursePage
from home.forms import child_ids_are_malformed, clear_malformed_choices

from . import selectors, services
from .forms import ReasonForm
from .models import Session
from .permissions import user_can_administer_training
from .working_days import why_not_a_working_day


def _positive_int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


class SessionAdminForm(WagtailAdminModelForm):
    """Checks the days (in order, end after start, none in the past for a new session) and
    that the capacity is not below the confirmed places, before anything is saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        clear_malformed_choices(self)
        if self.instance.pk is None and "capacity" in self.fields:
            self.fields["capacity"].required = False
            self.fields["capacity"].help_text = _(
                "Leave blank to use the course's default number of places."
            )
        if "language" in self.fields:
            self.fields["language"].required = False

    def clean_language(self) -> str:
        """Not given (a form without the field): the session keeps its language, or a new one
        is delivered in the site's default language."""
        return self.cleaned_data.get("language") or self.instance.language

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None:
            self._fill_in_defaults(cleaned_data)
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
        held_formset = self.formsets.get("reservations")
        if held_formset is not None and held_formset.is_valid() and capacity:
            held = sum(
                f.cleaned_data.get("places") or 0
                for f in held_formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            )
            if held > capacity:
                self.add_error(
                    None,
                    gettext(
                        "%(held)s places are held for organisations, more than the session's "
                        "%(capacity)s places."
                    )
                    % {"held": held, "capacity": capacity},
                )
        if self.instance.pk and capacity:
            try:
                services.check_capacity(self.instance, capacity)
            except services.CapacityBelowConfirmed as refusal:
                self.add_error("capacity", refusal.message)
        return cleaned_data

    def _fill_in_defaults(self, cleaned_data) -> None:
        """A new session takes its course's places and its venue's joining instructions
        when those are left blank (services.fill_in_new_session_defaults)."""
        draft = Session(
            course=cleaned_data.get("course"),
            venue=cleaned_data.get("venue"),
            capacity=cleaned_data.get("capacity"),
            joining_instructions=cleaned_data.get("joining_instructions") or "",
        )
        services.fill_in_new_session_defaults(draft)
        cleaned_data["capacity"] = draft.capacity
        cleaned_data["joining_instructions"] = draft.joining_instructions


def warn_about_non_working_days(request, session: Session) -> None:
    """Warn (without refusing: some events do run then) about any day on a weekend or bank
    holiday."""
    for number, day in enumerate(session.ordered_days, start=1):
        reason = why_not_a_working_day(day.date)
        if reason:
            date = date_format(day.date, "j F Y")
            messages.warning(
                request,
                gettext("Day %(number)s (%(date)s) is %(reason)s. Check that is right.")
                % {"number": number, "date": date, "reason": reason},
            )


class MalformedDaysRefused:
    """The session forms refuse a submission whose days are not named by ids (a crafted
    request) with 400 instead of letting modelcluster raise."""

    def post(self, request, *args, **kwargs):
        if child_ids_are_malformed(request.POST, "days"):
            return HttpResponseBadRequest(gettext("The days of this session were sent malformed."))
        return super().post(request, *args, **kwargs)


class SessionCreateView(MalformedDaysRefused, generic.CreateView):
    def get_initial(self):
        """From a course's "Add a session" link (?course=<id>): that course, with its
        default number of places."""
        initial = super().get_initial()
        course = CoursePage.objects.filter(pk=_positive_int(self.request.GET.get("course"))).first()
        if course is not None:
            initial.update(course=course, capacity=course.default_capacity)
        return initial

    def save_instance(self):
        session = self.form.save()
        services.session_created(session=session, by=self.request.user)
        warn_about_non_working_days(self.request, session)
        return session


class SessionEditView(MalformedDaysRefused, generic.EditView):
    @cached_property
    def header_more_buttons(self):
        return [
            Button(
                _("Cohort"),
                url=reverse("bookings_cohorts:cohort", args=[self.object.pk]),
                icon_name="group",
                priority=5,
            ),
            *super().header_more_buttons,
        ]

    def save_instance(self):
        session = services.update_session(
            session=self.form.instance, by=self.request.user, apply_changes=self.form.save
        )
        warn_about_non_working_days(self.request, session)
        return session

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
                _("Demand by course"), url=reverse("bookings_interest:demand"), icon_name="table"
            ),
        ]


class TrainingAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_administer_training(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CancelSessionView(TrainingAdminMixin, FormView):
    template_name = "bookings/admin/action_form.html"
    form_class = ReasonForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = get_object_or_404(Session, pk=kwargs["pk"])

    def get_page_title(self):
        return gettext("Cancel session: %(session)s") % {"session": self.session}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("bookings_session:index"), "label": _("Sessions")},
            {
                "url": reverse("bookings_session:edit", args=[self.session.pk]),
                "label": str(self.session),
            },
            {"url": "", "label": _("Cancel the session")},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            intro=_(
                "Every booking on this session is cancelled and everyone is emailed, with "
                "this reason. This cannot be undone."
            ),
            submit_label=_("Cancel the session"),
            destructive=True,
            back_url=reverse("bookings_cohorts:cohort", args=[self.session.pk]),
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
        messages.success(
            self.request,
            gettext("%(session)s is cancelled; everyone booked was emailed.")
            % {"session": self.session},
        )
        return redirect("bookings_session:index")


class DemandView(TrainingAdminMixin, TemplateView):
    """Registered interest per course and organisation, for planning new sessions."""

    template_name = "bookings/admin/demand.html"
    page_title = _("Demand for new sessions")

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("bookings_interest:index"), "label": _("Interest")},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rows=selectors.demand_by_course_and_organisation(), **kwargs
        )
