"""The coordinators' weekly digest: the dashboard panel's counts by email, for those who opt in.

Plain text with counts and admin links only: network names, never a submitter's,
project contact's or mentor's details.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from cms.plugins import PeriodicJob

from .models import CoordinatorDigest
from .panels import (
    is_national_moderator,
    moderated_networks,
    network_workloads,
    overdue_everywhere,
)

SUBJECT = "Peer Support Hub: your networks this week"
# A retried or early run must not send a second copy in the same week.
RESEND_AFTER = timedelta(days=6)


def admin_url(name, *args):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _plural(count, word):
    return f"{count} {word}{'' if count == 1 else 's'}"


def network_lines(workload):
    lines = [workload.network.title]
    waiting = f"- {_plural(workload.pending, 'submission')} waiting for a decision"
    if workload.overdue:
        waiting += f" ({workload.overdue} over 14 days)"
    lines.append(f"{waiting}: {admin_url('networks_submissions:queue')}")
    unchecked = f"- {_plural(workload.unchecked, 'listing')} not checked for 12 months"
    if workload.out_of_date:
        unchecked += f", {workload.out_of_date} already shown as “may be out of date”"
    lines.append(f"{unchecked}: {admin_url('wagtailadmin_explore', workload.network.pk)}")
    lines.append(f"- {_plural(workload.offers_ending, 'mentoring offer')} ending within 14 days")
    lines.append(f"- {_plural(workload.events_next_week, 'event')} in the next 7 days")
    return lines


def digest_text(workloads, overdue, now):
    """The email body for one coordinator: their networks, then (National) the overdue flag."""
    lines = [
        f"What needs doing in your networks on Peer Support Hub, {timezone.localdate(now):%-d %B %Y}.",
        "",
    ]
    for workload in workloads:
        lines += [*network_lines(workload), ""]
    if overdue:
        lines.append("Submissions waiting over 14 days, in any network:")
        lines += [f"- {title}: {count}" for title, count in overdue]
        lines.append("")
    lines.append(
        "You get this email because you asked for it on the admin dashboard. To stop it, "
        f"use “Stop my weekly digest” there: {admin_url('wagtailadmin_home')}"
    )
    return "\n".join(lines)


def send_digests(now):
    """Email each opted-in, active user who can still publish in a network; returns how many."""
    sent = 0
    due = CoordinatorDigest.objects.filter(weekly=True, user__is_active=True).exclude(
        last_sent_at__gte=now - RESEND_AFTER
    )
    for digest in due.select_related("user"):
        user = digest.user
        networks = moderated_networks(user)
        if not networks or not user.email:
            continue
        overdue = overdue_everywhere(now) if is_national_moderator(user) else []
        body = digest_text(network_workloads(networks, now), overdue, now)
        send_mail(SUBJECT, body, None, [user.email])
        CoordinatorDigest.objects.filter(pk=digest.pk).update(last_sent_at=now)
        sent += 1
    return sent


class CoordinatorDigestJob(PeriodicJob):
    """Weekly: each opted-in coordinator's counts by email."""

    name = "networks-coordinator-digest"
    description = "Email coordinators who opted in their networks' weekly counts."
    interval = timedelta(days=7)

    def run(self, now):
        return f"Sent {_plural(send_digests(now), 'digest')}."
