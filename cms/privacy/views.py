"""The public page behind every signed link: GET shows what it will do, POST does it."""

from django.db import transaction
from django.http import Http404
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from cms.hooks import signed_link_actions

from .links import LinkError, MissingTarget, mark_used, read_token


def _error(request, error):
    return TemplateResponse(
        request, "cms/privacy/link_error.html", {"error": error}, status=error.status
    )


@never_cache
def signed_link(request, purpose, token):
    action = signed_link_actions.get(purpose)
    if action is None:
        raise Http404("No such link.")
    try:
        link = read_token(purpose, token)
        obj = action.get_object(link.object_id)
        if obj is None:
            raise MissingTarget
    except LinkError as error:
        return _error(request, error)
    choices = action.choices_for(obj)
    context = {"action": action, "object": obj, "choices": choices, **action.describe(obj)}
    if request.method != "POST":
        return TemplateResponse(request, "cms/privacy/link_action.html", context)
    choice = request.POST.get("choice", "")
    if choice not in dict(choices):
        context["choice_error"] = "Choose one of the buttons."
        return TemplateResponse(request, "cms/privacy/link_action.html", context, status=400)
    try:
        with transaction.atomic():
            mark_used(link)
            context["outcome"] = action.perform(obj, choice)
    except LinkError as error:
        return _error(request, error)
    return TemplateResponse(request, "cms/privacy/link_done.html", context)
