"""Mentoring matching: for a request, the open offers worth asking, best first, and why.

``rank`` is plain Python over ``Entry`` descriptions, so its rules are tested on a
table; ``suggestions_for`` reads the pages. The rules:

- **Topics**: an offer must share at least one of the request's topics; each
  shared topic scores 3.
- **Format**: they must have a way of meeting in common. Telephone and online
  work anywhere; face to face only within one region. Each usable way scores 1.
- **Place**: the same network scores 2; the same region (another network) 1;
  an offer from the National & online network 1.

Ties go to more shared topics, then the offer's title, then its id, so the
order never changes between requests.
"""

from dataclasses import dataclass, field

from .choices import MentoringKind

FORMAT_LABELS = {"face_to_face": "face to face", "telephone": "by telephone", "online": "online"}
REMOTE = frozenset({"telephone", "online"})


@dataclass(frozen=True)
class Entry:
    """What matching needs to know about a mentoring offer or request."""

    pk: int
    title: str
    topics: frozenset
    formats: frozenset
    network: str = ""
    region: str = ""
    project_id: int | None = None
    page: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Suggestion:
    """An offer suggested for a request, with its score and the reasons, in words."""

    offer: Entry
    score: int
    reasons: tuple

    @property
    def page(self):
        return self.offer.page


def _join(words):
    words = list(words)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _assess(request, offer):
    """``(score, shared topic count, reasons)``, or ``None`` when the offer does not fit."""
    if request.project_id is not None and request.project_id == offer.project_id:
        return None
    shared = sorted(request.topics & offer.topics)
    if not shared:
        return None
    same_region = bool(request.region) and request.region == offer.region
    usable = sorted(
        (request.formats & offer.formats) - (set() if same_region else {"face_to_face"}),
        key=list(FORMAT_LABELS).index,
    )
    if not usable:
        return None
    score = 3 * len(shared) + len(usable)
    reasons = [
        f"Shared topic{'s' if len(shared) > 1 else ''}: {_join(shared)}",
        f"Both can meet {_join(FORMAT_LABELS[f] for f in usable)}",
    ]
    if offer.network and offer.network == request.network:
        score += 2
        reasons.append(f"Same network: {offer.network}")
    elif same_region:
        score += 1
        reasons.append(f"Same region: {offer.region}")
    elif not offer.region:
        score += 1
        reasons.append("Offered nationally")
    return score, len(shared), reasons


def rank(request, offers):
    """The offers that fit ``request``, best first, as ``Suggestion``s."""
    scored = []
    for offer in offers:
        assessment = _assess(request, offer)
        if assessment is not None:
            score, shared, reasons = assessment
            scored.append((-score, -shared, offer.title.casefold(), offer.pk, offer, reasons))
    scored.sort(key=lambda row: row[:4])
    return [Suggestion(row[4], -row[0], tuple(row[5])) for row in scored]


def entry_for(page, networks):
    """An ``Entry`` for a mentoring page; ``networks`` are every network, by tree path."""
    network = next((n for path, n in networks.items() if page.path.startswith(path)), None)
    return Entry(
        pk=page.pk,
        title=page.title,
        topics=frozenset(topic.name.lower() for topic in page.topics.all()),
        formats=frozenset(f for f in FORMAT_LABELS if getattr(page, f)),
        network=network.title if network else "",
        region=network.region.name if network and network.region_id else "",
        project_id=page.project_id,
        page=page,
    )


def suggestions_for(request_page, limit=5, exclude=()):
    """The open offers suggested for a mentoring request, best first (at most ``limit``)."""
    from .models import MentoringPage, NetworkPage

    networks = {n.path: n for n in NetworkPage.objects.select_related("region")}
    offers = (
        MentoringPage.objects.open()
        .filter(kind=MentoringKind.OFFER)
        .exclude(pk__in=[request_page.pk, *exclude])
    )
    request = entry_for(request_page, networks)
    return rank(request, [entry_for(offer, networks) for offer in offers])[:limit]
