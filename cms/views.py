"""Error pages that never need the database, so crisis signposting always shows."""

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader


def render_without_database(request, template_name, status):
    """Render an error page with a context that reads nothing from the database."""
    template = loader.get_template(template_name)
    context = {
        "request": request,
        "error_page": True,
        "CSP_NONCE": getattr(request, "csp_nonce", ""),
    }
    return HttpResponse(template.render(context), status=status)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render_without_database(request, "500.html", status=500)


def service_unavailable(request):
    response = render_without_database(request, "503.html", status=503)
    response["Retry-After"] = "60"
    return response
