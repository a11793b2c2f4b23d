"""Public URLs of the networks' privacy tools: the relay forms."""

from django.urls import path

from .privacy_views import TARGETS, relay_form, relay_sent

urlpatterns = []
for kind in TARGETS:
    urlpatterns += [
        path(
            f"contact/{kind}/<int:pk>/",
            relay_form,
            {"kind": kind},
            name=f"relay_{kind}",
        ),
        path(
            f"contact/{kind}/<int:pk>/sent/",
            relay_sent,
            {"kind": kind},
            name=f"relay_{kind}_sent",
        ),
    ]
