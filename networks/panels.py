"""The coordinators' working view: an admin dashboard panel with each network's to-do counts.

Shown to anyone who can publish in a network (``networks_moderated_by``): per
network, submissions waiting (and those waiting over 14 days), listings unchecked
for 12 months (and those already "may be out of date" at 18), mentoring offers
ending within 14 days and events in the next 7 days. National moderators also get
a flag for submissions waiting over 14 days in any network. Counts only: nothing
about the public.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.utils import timezone

from wagtail.admin.ui.components import Component

from .choices import MentoringKind
from .freshness import CHECK_AFTER as UNCHECKED_AFTER
from .models import CoordinatorDigest, EventPage, MentoringPage, ProjectPage, Submission, upcoming
from .models.projects import STALE_AFTER
from .submissions import networks_moderated_by

OVERDUE_AFTER = timedelta(days=14)
OFFERS_ENDING_WITHIN = timedelta(days=14)
EVENTS_WITHIN = timedelta(days=7)
NATIONAL_MODERATORS = "National moderators"


@dataclass
class NetworkWorkload:
    """One network's counts for its coordinators."""

    network: object
    pending: int = 0
    overdue: int = 0
    unchecked: int = 0
    out_of_date: int = 0
    offers_ending: int = 0
    events_next_week: int = 0


def _in_networks(networks):
    return reduce(or_, (Q(path__startswith=network.path) for network in networks))


def _count_by_network(paths, networks):
    # Every network sits at the same depth, so a path's prefix of that length names it.
    length = len(networks[0].path)
    return Counter(path[:length] for path in paths)


def _waiting(networks, now):
    """{network pk: {"pending": n, "overdue": n}} for pending submissions."""
    rows = (
        Submission.objects.filter(
            status=Submission.Status.PENDING, network__in=[n.pk for n in networks]
        )
        .values("network_id")
        .annotate(
            pending=Count("pk"), overdue=Count("pk", filter=Q(created_at__lt=now - OVERDUE_AFTER))
        )
    )
    return {row["network_id"]: row for row in rows}


def _unchecked(inside, networks, today):
    """Counters of live listings unchecked for 12 months, and of those past 18."""
    rows = list(
        ProjectPage.objects.live()
        .filter(inside, last_checked__lt=today - UNCHECKED_AFTER)
        .values_list("path", "last_checked")
    )
    stale_before = today - STALE_AFTER
    out_of_date = [path for path, checked in rows if checked < stale_before]
    return (
        _count_by_network([path for path, _ in rows], networks),
        _count_by_network(out_of_date, networks),
    )


def _offers_ending(inside, networks, today):
    ending = today + OFFERS_ENDING_WITHIN
    offers = (
        MentoringPage.objects.live()
        .filter(inside, kind=MentoringKind.OFFER)
        .open_on(today)
        .exclude(Q(expires_on__gt=ending) | Q(renewed_until__gt=ending))
    )
    return _count_by_network(offers.values_list("path", flat=True), networks)


def _events_next_week(inside, networks, now):
    events = (
        upcoming(EventPage.objects.live().filter(inside))
        .filter(next_start__lt=now + EVENTS_WITHIN)
        .select_related(None)
        .prefetch_related(None)
    )
    return _count_by_network(events.values_list("path", flat=True), networks)


def network_workloads(networks, now=None):
    """``NetworkWorkload`` for each of ``networks``, in their order: four queries."""
    networks = list(networks)
    if not networks:
        return []
    now = now or timezone.now()
    today = timezone.localdate(now)
    inside = _in_networks(networks)
    waiting = _waiting(networks, now)
    unchecked, out_of_date = _unchecked(inside, networks, today)
    offers = _offers_ending(inside, networks, today)
    events = _events_next_week(inside, networks, now)
    return [
        NetworkWorkload(
            network=network,
            pending=waiting.get(network.pk, {}).get("pending", 0),
            overdue=waiting.get(network.pk, {}).get("overdue", 0),
            unchecked=unchecked[network.path],
            out_of_date=out_of_date[network.path],
            offers_ending=offers[network.path],
            events_next_week=events[network.path],
        )
        for network in networks
    ]


def is_national_moderator(user):
    return user.is_superuser or user.groups.filter(name=NATIONAL_MODERATORS).exists()


def overdue_everywhere(now=None):
    """(network title, count) of submissions waiting over 14 days, in any network."""
    now = now or timezone.now()
    return list(
        Submission.objects.filter(
            status=Submission.Status.PENDING, created_at__lt=now - OVERDUE_AFTER
        )
        .values_list("network__title")
        .annotate(count=Count("pk"))
        .order_by("network__title")
    )


def moderated_networks(user):
    return list(networks_moderated_by(user).select_related("region").order_by("path"))


class CoordinatorPanel(Component):
    """The dashboard panel: the user's networks' counts and the digest switch."""

    name = "network_coordinator"
    template_name = "networks/panels/coordinator.html"
    order = 90

    def __init__(self, networks):
        self.networks = networks

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        national = is_national_moderator(user)
        return {
            "request": request,
            "csrf_token": parent_context["csrf_token"],
            "workloads": network_workloads(self.networks),
            "overdue_everywhere": overdue_everywhere() if national else [],
            "digest_on": CoordinatorDigest.objects.filter(user=user, weekly=True).exists(),
            "unchecked_months": 12,
            "stale_months": 18,
        }


def add_coordinator_panel(request, panels):
    """``construct_homepage_panels``: only for people who can publish in a network."""
    networks = moderated_networks(request.user)
    if networks:
        panels.append(CoordinatorPanel(networks))
