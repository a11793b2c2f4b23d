"""Demo content for search: the report's synonym set, then a catalogue rebuild."""

from cms.plugins import DemoContent

from .models import SynonymSet
from .sync import rebuild_database

PEER_SUPPORT_NAMES = "peer support, mutual aid, self-help group, sister circle, peer-led group"


class SearchDemo(DemoContent):
    """Runs last, so every other app's demo pages are in the catalogue."""

    name = "search synonyms and catalogue"
    order = 1000

    def load(self, home_page, stdout):
        SynonymSet.objects.get_or_create(
            name="Peer support", defaults={"terms": PEER_SUPPORT_NAMES}
        )
        report = rebuild_database()
        stored = ", ".join(f"{kind} {count}" for kind, count in report.stored.items())
        stdout.write(f"Catalogue rebuilt: {stored or 'nothing to index'}.")
