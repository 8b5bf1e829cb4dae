"""The "Training" admin menu: sessions, bookings, venues and interest.

Booking state never changes through a generic edit form: there is no add or delete view for
bookings and their edit form only holds access needs. Everything else done to the people on a
session (adding, removing, moving, promoting) is on the session's cohort page
(bookings.cohort_views), whose actions call bookings.services.
"""

from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.formats import format_date_list, format_time

from . import admin_views, selectors
from .models import Booking, CourseInterest, Session, Venue


class WhenColumn(Column):
    """The session's days and start, as a person writes them: "16 and 17 November 2026,
    9:30am"."""

    def get_value(self, instance):
        days = instance.ordered_days
        if not days:
            return ""
        dates = format_date_list(day.date for day in days)
        return f"{dates}, {format_time(days[0].start_time)}"


class PlacesColumn(Column):
    """Places taken of the capacity, and how many wait: "12 of 20", "20 of 20, 3 waiting"."""

    def get_value(self, instance):
        taken = gettext("%(taken)s of %(capacity)s") % {
            "taken": instance.confirmed_count,
            "capacity": instance.capacity,
        }
        if not instance.waitlist_count:
            return taken
        return ngettext(
            "%(taken)s, %(count)s waiting", "%(taken)s, %(count)s waiting", instance.waitlist_count
        ) % {"taken": taken, "count": instance.waitlist_count}


class SessionIndexView(generic.IndexView):
    def get_base_queryset(self):
        # The days: each row's buttons are labelled with the session's name, its first day.
        return (
            selectors.sessions_with_places_left(super().get_base_queryset())
            .select_related("course", "venue")
            .prefetch_related("days")
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        buttons.insert(
            0,
            MenuItem(
                _("Cohort"),
                url=reverse("bookings_cohorts:cohort", args=[instance.pk]),
                icon_name="group",
                priority=5,
            ),
        )
        return buttons


class BookingIndexView(generic.IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("user", "session__course")
            .prefetch_related("session__days")
        )

    def get_list_more_buttons(self, instance):
        """Removing and moving are the cohort page's actions, whichever list they start from."""
        buttons = super().get_list_more_buttons(instance)
        if instance.status in (Booking.Status.CONFIRMED, Booking.Status.WAITLISTED):
            buttons.insert(0, _cohort_button(_("Move"), "move", instance, icon="arrow-right"))
        if instance.is_active:
            buttons.insert(0, _cohort_button(_("Remove"), "remove", instance, icon="cross"))
        return buttons


def _cohort_button(label: str, name: str, booking: Booking, *, icon: str) -> MenuItem:
    url = reverse(f"bookings_cohorts:{name}", args=[booking.pk])
    return MenuItem(label, url=url, icon_name=icon, priority=5)


class InterestIndexView(admin_views.InterestIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course", "user", "organisation")


class SessionViewSet(ModelViewSet):
    model = Session
    name = "sessions"
    url_prefix = "training/sessions"
    url_namespace = "bookings_session"
    icon = "date"
    menu_label = _("Sessions")
    add_to_admin_menu = False
    index_view_class = SessionIndexView
    add_view_class = admin_views.SessionCreateView
    edit_view_class = admin_views.SessionEditView
    copy_view_enabled = False
    # A field name first, so Wagtail makes it the title column, with the row's links.
    # The title column names each session by its course and first day (Session.__str__).
    list_display = [
        "__str__",
        WhenColumn("when", label=_("When"), sort_key="first_date"),
        Column("venue", label=_("Venue"), sort_key="venue__name"),
        PlacesColumn("places", label=_("Places taken")),
        Column("language", label=_("Delivered in"), accessor="language_name", sort_key="language"),
        Column("status", label=_("Status"), accessor="get_status_display", sort_key="status"),
    ]
    list_filter = ["status", "venue", "language"]
    ordering = "-first_date"
    edit_handler = ObjectList(Session.panels, base_form_class=admin_views.SessionAdminForm)

    def get_common_view_kwargs(self, **kwargs):
        # Sessions are cancelled (telling everyone), never deleted.
        return {**super().get_common_view_kwargs(**kwargs), "delete_url_name": None}

    def get_urlpatterns(self):
        return [
            pattern for pattern in super().get_urlpatterns() if pattern.name not in {"delete"}
        ] + [
            path("<int:pk>/cancel/", admin_views.CancelSessionView.as_view(), name="cancel"),
        ]


class BookingViewSet(ModelViewSet):
    model = Booking
    name = "bookings"
    url_prefix = "training/bookings"
    url_namespace = "bookings_booking"
    icon = "tick-inverse"
    menu_label = _("Bookings")
    add_to_admin_menu = False
    # Bookings are written under a hot lock; nothing needs their references listed.
    add_to_reference_index = False
    index_view_class = BookingIndexView
    copy_view_enabled = False
    list_display = [
        "user",
        Column("session", label=_("Session")),
        Column("status", label=_("Status"), accessor="get_status_display"),
        DateColumn("created_at", label=_("Booked")),
    ]
    list_filter = ["status"]
    search_fields = ["user__full_name", "user__email", "session__course__title"]
    search_backend_name = None
    panels = [FieldPanel("access_needs")]

    def get_common_view_kwargs(self, **kwargs):
        return {
            **super().get_common_view_kwargs(**kwargs),
            "add_url_name": None,
            "delete_url_name": None,
        }

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in {"add", "delete"}
        ]


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "is_online", "room_capacity"]
    copy_view_enabled = False


class InterestViewSet(ModelViewSet):
    model = CourseInterest
    name = "interest"
    url_prefix = "training/interest"
    url_namespace = "bookings_interest"
    icon = "help"
    menu_label = _("Interest")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = InterestIndexView
    list_display = [
        Column("course", label=_("Course")),
        Column("user", label=_("Person")),
        Column("organisation", label=_("Organisation")),
        DateColumn("created_at", label=_("Registered")),
        DateColumn("notified_at", label=_("Emailed about new dates")),
    ]
    list_filter = ["organisation"]
    form_fields = ["notified_at"]

    def get_common_view_kwargs(self, **kwargs):
        return {
            **super().get_common_view_kwargs(**kwargs),
            "add_url_name": None,
            "edit_url_name": None,
            "delete_url_name": None,
        }

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name not in {"add", "edit", "delete"}
        ] + [path("demand/", admin_views.DemandView.as_view(), name="demand")]


class TrainingViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Training")
    menu_icon = "date"
    menu_order = 150
    items = (SessionViewSet, BookingViewSet, VenueViewSet, InterestViewSet)
