"""What the migrations seed on every site: the regions and the report's themes as topics."""

import pytest

from cms.models import Region, Topic

pytestmark = pytest.mark.django_db

ONS_REGIONS_AND_WALES = {
    "north-east": "E12000001",
    "north-west": "E12000002",
    "yorkshire-and-the-humber": "E12000003",
    "east-midlands": "E12000004",
    "west-midlands": "E12000005",
    "east-of-england": "E12000006",
    "london": "E12000007",
    "south-east": "E12000008",
    "south-west": "E12000009",
    "wales": "W92000004",
}

# The themes the 2013 scoping report names for networking, mentoring and practice.
REPORT_THEMES = [
    "Peer support practice",
    "Organisational capacity",
    "Governance",
    "Evaluation",
    "Making the case to commissioners",
    "Fundraising",
    "Recovery",
    "Self-management",
    "Hearing voices",
    "Online peer support",
    "BME communities",
    "LGBT communities",
    "Training and accreditation",
]


def test_the_nine_english_regions_and_wales_with_their_centres():
    regions = {region.slug: region for region in Region.objects.all()}
    assert {slug: region.ons_code for slug, region in regions.items()} == ONS_REGIONS_AND_WALES
    for region in regions.values():
        # Each centre lies within England and Wales' bounding box.
        assert 49.9 < region.latitude < 55.9, region
        assert -5.8 < region.longitude < 1.8, region
    assert regions["london"].latitude == pytest.approx(51.5, abs=0.1)


def test_the_report_themes_are_seeded_as_topics_with_descriptions():
    topics = {topic.name: topic for topic in Topic.objects.all()}
    missing = [theme for theme in REPORT_THEMES if theme not in topics]
    assert not missing, missing
    assert all(topics[theme].description for theme in REPORT_THEMES)
    assert len({topic.slug for topic in topics.values()}) == len(topics)
