"""The fixed vocabularies of the directory, named after the report's features."""

from django.db import models


class ProjectType(models.TextChoices):
    SELF_HELP = "self_help", "Self-help group"
    MUTUAL = "mutual", "Mutual peer support"
    FORMAL = "formal", "Formal peer support"
    MENTORING = "mentoring", "Peer mentoring"
    DEVELOPMENT = "development", "Supporting the development of peer support"
    ONLINE = "online", "Online peer support"


class GroupFormat(models.TextChoices):
    GROUP = "group", "Group"
    ONE_TO_ONE = "one_to_one", "One to one"
    BOTH = "both", "Group and one to one"


class Leadership(models.TextChoices):
    PEER_LED = "peer_led", "Peer-led"
    STAFF_NURTURED = "staff_nurtured", "Nurtured by staff"


class Setting(models.TextChoices):
    COMMUNITY = "community", "In the community"
    INPATIENT = "inpatient", "Inpatient"
    FORENSIC = "forensic", "Forensic or secure"
    ONLINE = "online", "Online"


class Formality(models.TextChoices):
    FORMAL = "formal", "Formal"
    INFORMAL = "informal", "Informal"


class SupporterRole(models.TextChoices):
    DISTINCT = "distinct", "Distinct peer supporter role"
    MUTUAL = "mutual", "Mutual: everyone gives and receives"


class HowToJoin(models.TextChoices):
    DROP_IN = "drop_in", "Drop in"
    CONTACT_FIRST = "contact_first", "Contact first"
    REFERRAL = "referral", "By referral"
    MEMBERS_ONLY = "members_only", "Members only"


class VenueVisibility(models.TextChoices):
    PUBLIC = "public", "Public address"
    AREA = "area", "Area only"
    ON_REQUEST = "on_request", "Address on request"


class ResourceKind(models.TextChoices):
    TOOLKIT = "toolkit", "Toolkit"
    TEMPLATE = "template", "Template"
    GUIDE = "guide", "Guide"
    POLICY = "policy", "Policy"
    EVALUATION = "evaluation", "Evaluation tool"
    LINK = "link", "Link"


class MentoringKind(models.TextChoices):
    OFFER = "offer", "Offer"
    REQUEST = "request", "Request"


# Settings and ways of joining that are described, never placed on a map.
UNMAPPED_SETTINGS = frozenset({Setting.INPATIENT, Setting.FORENSIC, Setting.ONLINE})
UNMAPPED_JOINING = frozenset({HowToJoin.MEMBERS_ONLY})

# The report's mentoring topics, as slugs of the core's seeded Topic rows.
MENTORING_TOPIC_SLUGS = (
    "organisational-capacity",
    "peer-support-practice",
    "governance",
    "evaluation",
    "making-the-case-to-commissioners",
    "fundraising",
)
