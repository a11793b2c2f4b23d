"""The fixed vocabularies of courses: recognition, levels, delivery, audiences, access."""

ACCREDITED = "accredited"
CPD = "cpd"
NOT_ACCREDITED = "none"
RECOGNITION_CHOICES = [
    (ACCREDITED, "Accredited"),
    (CPD, "CPD-certified or endorsed"),
    (NOT_ACCREDITED, "Not accredited"),
]

# RQF (England) and CQFW (Wales) levels share numbers up to 8; peer support
# training runs from Entry level to Level 7.
LEVEL_CHOICES = [("entry", "Entry level"), *[(str(n), f"Level {n}") for n in range(1, 8)]]

IN_PERSON = "in_person"
ONLINE = "online"
BLENDED = "blended"
DELIVERY_CHOICES = [(IN_PERSON, "In person"), (ONLINE, "Online"), (BLENDED, "Blended")]

FREE = "free"
PAID = "paid"
COST_CHOICES = [(FREE, "Free"), (PAID, "Paid")]

AUDIENCE_CHOICES = [
    ("peer_workers", "Peer workers"),
    ("volunteers", "Volunteers"),
    ("facilitators", "Group facilitators"),
    ("managers", "Managers"),
    ("commissioners", "Commissioners"),
]

PUBLIC = "public"
AREA_ONLY = "area"
ON_REQUEST = "on_request"
VISIBILITY_CHOICES = [
    (PUBLIC, "Public address"),
    (AREA_ONLY, "Area only (the postcode district)"),
    (ON_REQUEST, "On request (the postcode district is shown)"),
]

# Session boolean field name → label; the finder filters on each.
ACCESSIBILITY_FEATURES = [
    ("step_free", "Step-free access"),
    ("hearing_loop", "Hearing loop"),
    ("bsl", "British Sign Language (BSL) interpretation"),
    ("accessible_toilet", "Accessible toilet"),
    ("quiet_room", "Quiet room"),
]

DAYTIME = "daytime"
EVENING = "evening"
WEEKEND = "weekend"
TIME_OF_DAY_CHOICES = [
    (DAYTIME, "Weekday daytime"),
    (EVENING, "Evening (from 5pm)"),
    (WEEKEND, "Weekend"),
]
