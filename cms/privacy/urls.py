from django.urls import path

from .relay import report_misuse, report_misuse_sent
from .views import signed_link

urlpatterns = [
    path("links/<slug:purpose>/<str:token>/", signed_link, name="signed_link"),
    path("contact/report-misuse/", report_misuse, name="report_misuse"),
    path("contact/report-misuse/sent/", report_misuse_sent, name="report_misuse_sent"),
]
