"""Crisis signposting that renders even when the database cannot be read.

The editable copy lives in ``CrisisSignposting`` (a site setting); these
built-in values are the fallback for error pages and database outages.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class CrisisLine:
    name: str
    how: str
    href: str = ""


BUILT_IN_HEADING = "Need help now?"
BUILT_IN_INTRO = "This site is not a crisis service. If you need urgent help:"
BUILT_IN_LINES = (
    CrisisLine("Emergency", "Call 999 if your life or someone else's is at risk", "tel:999"),
    CrisisLine(
        "NHS 111 (England)",
        "Call 111 and choose the mental health option (option 2)",
        "tel:111",
    ),
    CrisisLine("NHS 111 Wales", "Call 111 and press 2 for mental health support", "tel:111"),
    CrisisLine("Samaritans", "Call 116 123, free, any time", "tel:116123"),
    CrisisLine("Shout", "Text SHOUT to 85258", "sms:85258?body=SHOUT"),
)


def built_in_signposting():
    return {"heading": BUILT_IN_HEADING, "intro": BUILT_IN_INTRO, "lines": BUILT_IN_LINES}
