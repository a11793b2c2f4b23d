"""Organisations named in the 2013 scoping study, for the demo directory.

Names and descriptions are real in outline; every contact detail is invented
and harmless (example.org addresses, Ofcom's drama numbers 01632 960xxx).
"""

ORGANISATIONS = [
    (
        "Self-Help Nottingham",
        True,
        "Supports and promotes local self-help groups, with an enquiry service, workshops and networking.",
    ),
    (
        "Sheffield SHIP",
        True,
        "Helps self-help and peer support groups in Sheffield to start and grow.",
    ),
    ("Recovery Devon", True, "A recovery network in Devon offering intentional peer support."),
    (
        "Dorset Mental Health Forum",
        True,
        "A user-led forum that develops peer support across Dorset.",
    ),
    (
        "Hearing Voices Network",
        True,
        "A network of self-help groups for people who hear voices or have other unusual perceptions.",
    ),
    (
        "North Staffordshire User Group",
        True,
        "A user-run group where volunteers with lived experience support each other.",
    ),
    ("Hayaan Project", False, "Trains volunteer peer educators in London's Somali community."),
    (
        "Network for Change",
        True,
        "A user-led network in the East Midlands campaigning for independent peer support.",
    ),
    ("St Mungo's Bath", False, "Supports the development of peer support groups in Bath."),
    ("Suffolk Mind", False, "A local Mind offering training and peer support in Suffolk."),
    ("Mind in Harrow", False, "A local Mind supporting peer-led groups in north-west London."),
    ("Bromley Mind", False, "A local Mind with peer support projects in south-east London."),
    (
        "National Survivor User Network",
        True,
        "A national network of service user and survivor groups.",
    ),
]


def contact_for(index):
    slug = ORGANISATIONS[index][0].lower().replace("'", "").replace(" ", "-")
    return f"hello@{slug}.example.org", f"01632 960{100 + index:03d}"
