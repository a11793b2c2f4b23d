"""Editor-managed synonym sets, as both backends apply them."""

import re

from django.core.cache import cache

from .models import SynonymSet

CACHE_KEY = "search:synonym-sets"


def synonym_sets():
    """Every set's terms: ``[["peer support", "mutual aid", …], …]`` (cached)."""
    sets = cache.get(CACHE_KEY)
    if sets is None:
        sets = [terms for terms in (s.term_list() for s in SynonymSet.objects.all()) if terms]
        cache.set(CACHE_KEY, sets, 300)
    return sets


def clear_synonym_cache():
    cache.delete(CACHE_KEY)


def synonym_rules():
    """The sets as Solr-format rules for the engine's ``synonym_graph`` filter."""
    return [", ".join(terms) for terms in synonym_sets() if len(terms) > 1]


WORD = re.compile(r"[\w']+")


def query_clauses(text):
    """Split a query into clauses, each a list of alternatives that may match.

    A phrase from a synonym set becomes one clause of the whole set; every other
    word is a clause of its own. ``"mutual aid Leeds"`` with the set above gives
    ``[["peer support", "mutual aid", …], ["leeds"]]``.
    """
    words = [word.lower() for word in WORD.findall(text)]
    phrase_sets = []
    for terms in synonym_sets():
        for term in terms:
            phrase_sets.append((WORD.findall(term), terms))
    # Longest phrases first, so "self help group" wins over "group".
    phrase_sets.sort(key=lambda item: -len(item[0]))
    clauses, index = [], 0
    while index < len(words):
        for phrase, terms in phrase_sets:
            if phrase and words[index : index + len(phrase)] == phrase:
                clauses.append(list(terms))
                index += len(phrase)
                break
        else:
            clauses.append([words[index]])
            index += 1
    return clauses
