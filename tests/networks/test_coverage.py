"""Where peer support is: counts by region and local authority against a fixture
table, the gaps, the CSV (dated, formula-safe), bad parameters and query counts."""

import csv
import datetime
import io

from django.db import transaction
from django.utils import timezone

import pytest

from cms.models import Region, Topic
from networks.coverage import NO_REGION, NOT_MAPPED, coverage_table
from networks.models import Community, ProjectIndexPage
from tests.factories.cms import OrganisationFactory
from tests.factories.networks import ProjectPageFactory, child_index, networks_index

pytestmark = pytest.mark.django_db

URL = "/networks/coverage/"
CSV_URL = "/networks/coverage/csv/"
TYPES = ("self_help", "mutual", "formal", "mentoring", "development", "online")

# network, region, type, format, setting, joining, district, area, communities, topics, age
FIXTURE = [
    ("london", "london", "mutual", "group", "community", "drop_in", "E1", "Tower Hamlets", ["bme"], ["Recovery"], 30),
    ("london", "london", "self_help", "one_to_one", "community", "contact_first", "SE1", "Southwark", ["women"], [], 30),
    ("london", "london", "formal", "both", "inpatient", "referral", "E1", "Tower Hamlets", [], [], 30),
    ("london", "london", "mutual", "group", "community", "drop_in", "E1", "Tower Hamlets", [], [], 600),
    ("yorkshire-and-the-humber", "yorkshire-and-the-humber", "mentoring", "group", "community", "contact_first", "LS6", "Leeds", ["women"], ["Hearing voices"], 30),
    ("wales", None, "self_help", "group", "community", "members_only", "CF10", "Cardiff", [], [], 30),
    ("national-online", None, "online", "one_to_one", "online", "contact_first", "", "", ["lgbt"], [], 30),
]  # fmt: skip


def make_project(network, region, kind, group_format, setting, joining, district, area,
                 communities, topics, age, **extra):  # fmt: skip
    return ProjectPageFactory(
        parent=child_index(ProjectIndexPage, network),
        region=Region.objects.get(slug=region) if region else None,
        organisation=OrganisationFactory(),
        project_type=kind,
        group_format=group_format,
        setting=setting,
        how_to_join=joining,
        district=district,
        postcode=district,
        area_name=area,
        last_checked=timezone.localdate() - datetime.timedelta(days=age),
        communities=list(Community.objects.filter(slug__in=communities)),
        topics=list(Topic.objects.filter(name__in=topics)),
        **extra,
    )


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    """The fixture table's projects, plus a draft that must not count; rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        for row in FIXTURE:
            make_project(*row)
        draft = make_project(*FIXTURE[0])
        draft.unpublish()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def coverage(directory):
    return coverage_table(networks_index())


def counts_by_type(row):
    return dict(zip(TYPES, row.by_type, strict=True))


def test_counts_per_region(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    regions = {row.region: row for row in response.context["coverage"].regions}
    london = regions["London"]
    assert london.total == 4
    assert counts_by_type(london) == dict.fromkeys(TYPES, 0) | {
        "mutual": 2,
        "self_help": 1,
        "formal": 1,
    }
    # (group, one to one): "both" counts in each.
    assert london.by_format == (3, 2)
    assert london.not_mapped == 1
    assert london.out_of_date == 1
    assert regions["Yorkshire and The Humber"].total == 1
    # A project with no region counts in its network's region.
    assert regions["Wales"].total == 1
    assert regions["Wales"].not_mapped == 1
    assert regions[NO_REGION].total == 1
    # Every region is listed, with or without projects; the draft is not counted.
    assert regions["North East"].total == 0
    assert sum(row.total for row in regions.values()) == len(FIXTURE)


def test_counts_per_community(coverage):
    names = coverage.communities
    london = next(row for row in coverage.regions if row.region == "London")
    by_community = dict(zip(names, london.by_community, strict=True))
    assert by_community["Black and minority ethnic communities"] == 1
    assert by_community["Women"] == 1
    assert by_community["LGBT+ people"] == 0


def test_counts_per_local_authority(coverage):
    rows = {(row.region, row.local_authority): row for row in coverage.rows}
    tower_hamlets = rows[("London", "Tower Hamlets")]
    # Area-only projects count in their district's authority; the inpatient one does not.
    assert tower_hamlets.total == 2
    assert tower_hamlets.lad_code == "E09000030"
    assert tower_hamlets.out_of_date == 1
    assert rows[("London", "Southwark")].total == 1
    assert rows[("London", NOT_MAPPED)].total == 1
    assert rows[("Yorkshire and The Humber", "Leeds")].lad_code == "E08000035"
    assert rows[("Wales", NOT_MAPPED)].total == 1
    assert rows[(NO_REGION, NOT_MAPPED)].total == 1
    # Authority rows add up to the region rows.
    assert sum(row.total for row in coverage.rows) == len(FIXTURE)
    # Within a region, named authorities come before the "not mapped" line.
    london = [row.local_authority for row in coverage.rows if row.region == "London"]
    assert london == ["Southwark", "Tower Hamlets", NOT_MAPPED]


def test_gaps(client, coverage):
    without = dict(coverage.regions_without_type)
    assert "London" not in without["Mutual peer support"]
    assert "Yorkshire and The Humber" in without["Mutual peer support"]
    assert "North East" in without["Peer mentoring"]
    assert NO_REGION not in without["Peer mentoring"]
    regions = {row.region: row for row in coverage.regions}
    assert "Recovery" not in regions["London"].missing_topics
    assert "Recovery" in regions["Yorkshire and The Humber"].missing_topics
    assert "Hearing voices" not in regions["Yorkshire and The Humber"].missing_topics
    assert "Women" not in regions["London"].missing_communities
    assert "Carers" in regions["London"].missing_communities
    html = client.get(URL).content.decode()
    assert "Regions with no project of a type" in html
    assert "No project in the directory yet." in html


def test_the_page_links_the_map_csv_and_directory(client, directory):
    html = client.get(URL).content.decode()
    assert 'data-geojson-url="/networks/directory/geojson/"' in html
    assert 'href="/networks/coverage/csv/"' in html
    assert f"Data as of {timezone.localdate():%-d %B %Y}" in html
    assert "coverage/" in client.get("/networks/").content.decode()
    assert "coverage/" in client.get("/networks/directory/").content.decode()


def test_filtering_the_authorities_by_region(client, directory):
    response = client.get(URL, {"region": "london"})
    rows = response.context["coverage"].rows
    assert {row.region for row in rows} == {"London"}
    # The regions and their gaps stay national.
    assert len(response.context["coverage"].regions) > 1
    html = response.content.decode()
    assert 'data-geojson-url="/networks/directory/geojson/?region=london"' in html
    assert 'href="/networks/coverage/csv/?region=london"' in html


@pytest.mark.parametrize("bad", ["atlantis", "<script>", "x" * 500])
def test_an_unknown_region_is_a_400_with_a_message(client, directory, bad):
    response = client.get(URL, {"region": bad})
    assert response.status_code == 400
    assert "Choose a region from the list." in response.content.decode()
    response = client.get(CSV_URL, {"region": bad})
    assert response.status_code == 400
    assert response.content.decode() == "Choose a region from the list."


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_download(client, directory):
    response = client.get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="directory-coverage-{today}.csv"'
    )
    rows = read_csv(response)
    assert rows[0] == [f"Live projects in the peer support directory, as of {today}"]
    header = rows[1]
    assert header[:4] == ["Region", "Local authority code", "Local authority", "Projects"]
    tower_hamlets = dict(
        zip(header, next(r for r in rows[2:] if r[2] == "Tower Hamlets"), strict=True)
    )
    assert tower_hamlets["Region"] == "London"
    assert tower_hamlets["Local authority code"] == "E09000030"
    assert tower_hamlets["Projects"] == "2"
    assert tower_hamlets["Mutual peer support"] == "2"
    assert tower_hamlets["Serving: Black and minority ethnic communities"] == "1"
    assert tower_hamlets["May be out of date (unchecked for 18 months)"] == "1"
    assert len(rows) == 2 + len(coverage_table(networks_index()).rows)


def test_csv_of_one_region(client, directory):
    response = client.get(CSV_URL, {"region": "yorkshire-and-the-humber"})
    rows = read_csv(response)
    assert "in Yorkshire and The Humber, as of" in rows[0][0]
    assert "directory-coverage-yorkshire-and-the-humber-" in response["Content-Disposition"]
    assert [row[:4] for row in rows[2:]] == [
        ["Yorkshire and The Humber", "E08000035", "Leeds", "1"]
    ]


def test_csv_cells_are_escaped_against_formulas(client, directory):
    # A town-only place keeps its own name as the authority: a user-supplied string.
    make_project("london", "london", "mutual", "group", "community", "drop_in",
                 "=HYPERLINK(\"http://x\")", "=HYPERLINK(\"http://x\")", [], [], 30)  # fmt: skip
    rows = read_csv(client.get(CSV_URL))
    assert ["London", "", '\'=HYPERLINK("http://x")'] in [row[:3] for row in rows]
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_query_count_does_not_grow_with_projects(client, directory, django_assert_num_queries):
    # site (1), route root → home → networks (3), privacy check: aliases + view
    # restrictions (2), three site settings (3); then the coverage: .public()'s
    # view-restriction lookup (1), the networks' regions (1), the projects (1),
    # their communities (1) and topics (1), every community (1), topic (1) and
    # region (1); the region filter's options (1). The CSV has neither the three
    # settings nor the filter's options (14).
    client.get(URL)
    with django_assert_num_queries(18):
        client.get(URL)
    for row in FIXTURE:
        make_project(*row)
    with django_assert_num_queries(18):
        assert client.get(URL).status_code == 200
    with django_assert_num_queries(14):
        assert client.get(CSV_URL).status_code == 200
