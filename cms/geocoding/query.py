"""Cleaning a user's query and telling postcodes, districts and place names apart."""

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from .base import MalformedQuery, OutsideCoverage

MAX_QUERY_LENGTH = 100

# The UK format, loosely: an outward code (A9, A99, AA9, AA99, A9A, AA9A) and an
# inward code (9AA). Deliberately looser than Royal Mail's letter rules, so that a
# well-formed but unknown postcode gets "isn't a postcode we recognise" rather
# than "doesn't look like a postcode".
OUTCODE_PATTERN = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
INCODE_PATTERN = r"[0-9][A-Z]{2}"
_OUTCODE_RE = re.compile(OUTCODE_PATTERN)
_FULL_POSTCODE_RE = re.compile(rf"({OUTCODE_PATTERN})({INCODE_PATTERN})")
_AREA_RE = re.compile(r"[A-Z]+")

# Postcode areas outside Great Britain: they are not in the district data, so
# they are recognised by their letters alone.
OUTSIDE_AREAS = {
    "BT": "Northern Ireland",
    "GY": "Guernsey",
    "JE": "Jersey",
    "IM": "Isle of Man",
}

_PUNCTUATION = frozenset(" '’-,.&()")
_DIGITS = frozenset("0123456789")


@dataclass(frozen=True)
class ParsedQuery:
    """A cleaned query and what it looks like.

    ``kind`` is ``"postcode"`` (``postcode`` holds it as "LS6 3HN"),
    ``"district"`` or ``"place"``. ``outcode`` is set for the first two.
    """

    text: str
    kind: Literal["postcode", "district", "place"]
    outcode: str = ""
    postcode: str = ""

    @property
    def area(self):
        """The postcode area's letters, e.g. "LS" for LS6."""
        return _AREA_RE.match(self.outcode).group() if self.outcode else ""


def clean_query(raw):
    """Trim, collapse whitespace and normalise Unicode; reject what can't be a place."""
    text = (raw or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise MalformedQuery("That's too long for a postcode or a town name.")
    text = " ".join(unicodedata.normalize("NFKC", text).split())
    if not any(ch.isalnum() for ch in text):
        raise MalformedQuery("Enter a postcode or a town name.")
    if any(not (ch.isalpha() or ch in _DIGITS or ch in _PUNCTUATION) for ch in text):
        raise MalformedQuery(
            "Use only letters, numbers, spaces and punctuation such as hyphens and apostrophes."
        )
    return text


def parse_query(raw):
    """Clean ``raw`` and classify it; raises ``MalformedQuery``."""
    text = clean_query(raw)
    compact = text.replace(" ", "").upper()
    if full := _FULL_POSTCODE_RE.fullmatch(compact):
        outcode, incode = full.groups()
        postcode = f"{outcode} {incode}"
        return ParsedQuery(text=postcode, kind="postcode", outcode=outcode, postcode=postcode)
    if _OUTCODE_RE.fullmatch(compact):
        return ParsedQuery(text=compact, kind="district", outcode=compact)
    if any(ch in _DIGITS for ch in text):
        raise MalformedQuery(
            f"'{text}' doesn't look like a UK postcode. "
            "Try a postcode such as 'LS6 3HN', a district such as 'LS6', or a town."
        )
    return ParsedQuery(text=text, kind="place")


def check_postcode_area(parsed):
    """Raise ``OutsideCoverage`` for Northern Ireland, Channel Islands and Isle of Man postcodes."""
    country = OUTSIDE_AREAS.get(parsed.area)
    if country:
        raise OutsideCoverage(parsed.text, country)
