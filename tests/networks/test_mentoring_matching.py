"""Mentoring matching: which offers are suggested for a request, in what order, and why."""

import pytest

from cms.models import Topic
from networks.matching import Entry, rank, suggestions_for
from networks.models import MentoringIndexPage
from tests.factories.networks import MentoringPageFactory, child_index, network


def entry(
    pk,
    title="Offer",
    topics=("governance",),
    formats=("online",),
    where=("London", "London"),
    project=None,
):
    network_title, region = where
    return Entry(pk, title, frozenset(topics), frozenset(formats), network_title, region, project)


LONDON = ("London", "London")
LONDON_SOUTH = ("South London peer network", "London")
WALES = ("Wales", "Wales")
NATIONAL = ("National & online", "")

REQUEST = entry(
    0, "Our request", topics=("governance", "fundraising"), formats=("online", "face_to_face")
)

# (case, request, offers, expected [(title, score)] best first)
CASES = [
    (
        "more shared topics rank first",
        REQUEST,
        [entry(1, "One topic"), entry(2, "Two topics", topics=("governance", "fundraising"))],
        [("Two topics", 9), ("One topic", 6)],
    ),
    (
        "no shared topic, no suggestion",
        REQUEST,
        [entry(1, "Evaluation only", topics=("evaluation",))],
        [],
    ),
    (
        "no way of meeting in common, no suggestion",
        REQUEST,
        [entry(1, "Telephone only", formats=("telephone",))],
        [],
    ),
    (
        "face to face counts only within the region",
        REQUEST,
        [
            entry(1, "Cardiff, face to face", formats=("face_to_face",), where=WALES),
            entry(2, "Cardiff, also online", formats=("face_to_face", "online"), where=WALES),
            entry(3, "Hackney, face to face", formats=("face_to_face",), where=LONDON),
        ],
        [("Hackney, face to face", 6), ("Cardiff, also online", 4)],
    ),
    (
        "the same network beats the same region, which beats another region",
        REQUEST,
        [
            entry(1, "A Welsh offer", where=WALES),
            entry(2, "B another London network", where=LONDON_SOUTH),
            entry(3, "C same network", where=LONDON),
        ],
        [("C same network", 6), ("B another London network", 5), ("A Welsh offer", 4)],
    ),
    (
        "a national offer scores like the same region",
        REQUEST,
        [entry(1, "A Welsh offer", where=WALES), entry(2, "B national", where=NATIONAL)],
        [("B national", 5), ("A Welsh offer", 4)],
    ),
    (
        "ties go to the title, then the id",
        REQUEST,
        [entry(3, "beta"), entry(2, "Alpha"), entry(1, "beta")],
        [("Alpha", 6), ("beta", 6), ("beta", 6)],
    ),
    (
        "a project's own offer is not suggested to its own request",
        entry(0, "Request", project=7),
        [entry(1, "Own offer", project=7), entry(2, "Other offer", project=8)],
        [("Other offer", 6)],
    ),
]


@pytest.mark.parametrize(
    ("case", "request_entry", "offers", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_ranking(case, request_entry, offers, expected):
    result = rank(request_entry, offers)
    assert [(s.offer.title, s.score) for s in result] == expected
    # The same offers in any order give the same ranking.
    assert rank(request_entry, list(reversed(offers))) == result


def test_ties_are_ordered_by_id_after_title():
    result = rank(REQUEST, [entry(3, "beta"), entry(1, "beta")])
    assert [s.offer.pk for s in result] == [1, 3]


def test_the_reasons_are_in_words():
    [suggestion] = rank(
        REQUEST,
        [
            entry(
                1, "Offer", topics=("fundraising", "governance"), formats=("face_to_face", "online")
            )
        ],
    )
    assert suggestion.reasons == (
        "Shared topics: fundraising and governance",
        "Both can meet face to face and online",
        "Same network: London",
    )
    [remote] = rank(REQUEST, [entry(2, "Offer", formats=("online", "telephone"), where=NATIONAL)])
    assert remote.reasons == (
        "Shared topic: governance",
        "Both can meet online",
        "Offered nationally",
    )


@pytest.mark.django_db
class TestSuggestionsFromPages:
    def topics(self, *slugs):
        return list(Topic.objects.filter(slug__in=slugs))

    def test_open_offers_are_read_from_every_network(self):
        request = MentoringPageFactory(
            kind="request",
            title="Need help with a bid",
            topics=self.topics("fundraising"),
            online=True,
        )
        near = MentoringPageFactory(
            title="Bid writing", topics=self.topics("fundraising", "governance")
        )
        far = MentoringPageFactory(
            title="Welsh bid help",
            topics=self.topics("fundraising"),
            parent=child_index(MentoringIndexPage, "wales"),
        )
        MentoringPageFactory(title="Other topic", topics=self.topics("evaluation"))
        MentoringPageFactory(
            kind="request", title="Another request", topics=self.topics("fundraising")
        )
        suggestions = suggestions_for(request)
        assert [s.page.pk for s in suggestions] == [near.pk, far.pk]
        assert suggestions[0].reasons[-1] == "Same network: London"
        assert network("wales").title not in " ".join(suggestions[0].reasons)

    def test_the_coordinator_sees_them_on_the_request_in_the_admin(self, admin_client):
        request = MentoringPageFactory(kind="request", topics=self.topics("governance"))
        MentoringPageFactory(title="Trustee mentoring", topics=self.topics("governance"))
        content = admin_client.get(f"/admin/pages/{request.pk}/edit/").content.decode()
        assert "Suggested offers" in content
        assert "Trustee mentoring" in content and "Shared topic: governance" in content

    def test_an_offer_has_no_suggestions_panel(self, admin_client):
        offer = MentoringPageFactory(topics=self.topics("governance"))
        content = admin_client.get(f"/admin/pages/{offer.pk}/edit/").content.decode()
        assert "Suggested offers" not in content
