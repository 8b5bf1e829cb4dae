from django.urls import path

from . import views

app_name = "bookings"

urlpatterns = [
    path("training/sessions/", views.session_list, name="session_list"),
    path("training/sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("training/sessions/<int:pk>/book/", views.book_session, name="book"),
    path(
        "training/courses/<int:course_pk>/interest/",
        views.register_interest,
        name="register_interest",
    ),
    path("training/approvals/<str:token>/<str:decision>/", views.approval, name="approval"),
    path("training/check-in/<int:day_pk>/", views.check_in, name="check_in"),
    path("my-learning/bookings/", views.my_bookings, name="my_bookings"),
    path("my-learning/bookings/<int:pk>/cancel/", views.cancel_booking, name="cancel"),
    path("my-learning/bookings/<int:pk>/hand-over/", views.hand_over_booking, name="hand_over"),
    path(
        "my-learning/bookings/<int:pk>/calendar.ics",
        views.download_calendar,
        name="calendar",
    ),
]
