"""The catalogue index described with elasticsearch-dsl: mapping, analysis, documents.

One index holds every kind of catalogue entry. Text uses an English analyzer
(possessives, stop words, stemming) rebuilt from its parts, so the search-time
analyzer can add the editors' synonym sets as a ``synonym_graph`` filter.
"""

from elasticsearch_dsl import (
    Boolean,
    Completion,
    Date,
    Document,
    GeoPoint,
    Index,
    Keyword,
    Long,
    Object,
    Text,
    analyzer,
    normalizer,
    token_filter,
)

from .models import topic_slug
from .synonyms import synonym_rules

SEARCH_ANALYZER = "catalogue_search"

possessive = token_filter("catalogue_possessive", "stemmer", language="possessive_english")
english_stop = token_filter("catalogue_stop", "stop", stopwords="_english_")
english_stemmer = token_filter("catalogue_stemmer", "stemmer", language="english")
english_text = analyzer(
    "catalogue_text",
    tokenizer="standard",
    filter=[possessive, "lowercase", english_stop, english_stemmer],
)
lowercase = normalizer("catalogue_lowercase", filter=["lowercase"])


def search_analyzer(rules):
    """The query-time analyzer: ``english_text`` plus the synonym sets, if any."""
    filters = [possessive, "lowercase"]
    if rules:
        filters.append(token_filter("catalogue_synonyms", "synonym_graph", synonyms=rules))
    return analyzer(
        SEARCH_ANALYZER, tokenizer="standard", filter=[*filters, english_stop, english_stemmer]
    )


def text_field(**kwargs):
    return Text(analyzer=english_text, search_analyzer=SEARCH_ANALYZER, **kwargs)


class CatalogueIndexDocument(Document):
    """One catalogue entry in the engine; ``_id`` is ``"<kind>:<object_id>"``."""

    kind = Keyword()
    object_id = Long()
    title = text_field(fields={"raw": Keyword(normalizer=lowercase)}, copy_to="all_text")
    summary = text_field(copy_to="all_text")
    body = text_field(copy_to="all_text")
    # Everything searchable at once, so every word must match somewhere (as the
    # database backend does), while the per-field clauses rank title first.
    all_text = text_field()
    topics = Keyword(copy_to="all_text")
    topic_slugs = Keyword()
    region = Keyword(copy_to="all_text")
    region_slug = Keyword()
    url = Keyword(index=False)
    locations = GeoPoint(multi=True)
    places = Object(enabled=False)
    dates = Date(multi=True)
    starts_at = Date()
    ends_at = Date()
    accreditation = Keyword()
    accredited = Boolean()
    delivery = Keyword()
    cost = Keyword()
    # ``extra_keywords`` flattened to "name=value" terms, so any source's facets filter.
    keywords = Keyword(multi=True, normalizer=lowercase)
    suggest = Completion(analyzer="simple")
    updated_at = Date()


def build_index(name, rules=None):
    """An ``Index`` (not yet created) with the mapping, settings and current synonyms."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(CatalogueIndexDocument)
    index.analyzer(search_analyzer(synonym_rules() if rules is None else rules))
    return index


def analysis_settings(rules=None):
    """The ``analysis`` settings alone, to update synonyms on a closed index."""
    return build_index("unused", rules).to_dict()["settings"]["analysis"]


def suggest_inputs(title, topics):
    """Completion inputs: the title, each topic, and the title from each later word.

    The completion suggester matches from the start of an input only, so
    "aid group" is offered for "Leeds mutual aid group" through its suffixes.
    """
    words = title.split()
    suffixes = [" ".join(words[i:]) for i in range(1, min(len(words), 6))]
    return [value[:200] for value in dict.fromkeys([title, *topics, *suffixes]) if value]


def keyword_term(name, value):
    return f"{name}={value}"


def keyword_terms(extra_keywords):
    """The ``keywords`` field's terms for a document's ``extra_keywords``."""
    return [
        keyword_term(name, value)
        for name, values in sorted((extra_keywords or {}).items())
        for value in values
    ]


def entry_to_document(entry):
    """The index document for a ``CatalogueEntry`` (prefetch its locations and dates)."""
    locations = list(entry.locations.all())
    return CatalogueIndexDocument(
        meta={"id": entry.document_id},
        kind=entry.kind,
        object_id=entry.object_id,
        title=entry.title,
        summary=entry.summary,
        body=entry.body,
        topics=list(entry.topics),
        topic_slugs=[topic_slug(topic) for topic in entry.topics],
        region=entry.region or None,
        region_slug=entry.region_slug or None,
        url=entry.url,
        locations=[{"lat": loc.latitude, "lon": loc.longitude} for loc in locations],
        places=[
            {"lat": loc.latitude, "lon": loc.longitude, "label": loc.label} for loc in locations
        ],
        dates=[row.starts_at for row in entry.date_rows.all()],
        starts_at=entry.starts_at,
        ends_at=entry.ends_at,
        accreditation=entry.accreditation or None,
        accredited=entry.accredited,
        delivery=entry.delivery or None,
        cost=entry.cost or None,
        keywords=keyword_terms(entry.extra_keywords),
        suggest={"input": suggest_inputs(entry.title, entry.topics)},
        updated_at=entry.updated_at,
    )
