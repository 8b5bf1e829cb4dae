"""Admin URLs of the charges ledger, under /admin/charges/ (bookings/wagtail_hooks.py)."""

from django.urls import path

from . import ledger_views as views

app_name = "bookings_ledger"

urlpatterns = [
    path("", views.LedgerView.as_view(), name="ledger"),
    path("invoiced/", views.MarkInvoicedView.as_view(), name="mark_invoiced"),
    path("<int:pk>/waive/", views.WaiveChargeView.as_view(), name="waive"),
    path("<int:pk>/credit/", views.CreditChargeView.as_view(), name="credit"),
]
