"""The demo's courses: invented titles, venues and dates in real towns of every region.

Providers are the organisations the core demo creates (named in the 2013 scoping
study) and a few clearly fictional ones marked "(demo)", with example.org
addresses and Ofcom's drama numbers (01632 960xxx).
"""

# Fictional providers for regions the core demo's organisations do not reach:
# (name, description, email/website slug, phone).
DEMO_PROVIDERS = [
    (
        "Tyne and Wear Peer Learning (demo)",
        "A fictional user-led training co-operative in the North East, for the demo.",
        "tyne-wear-peer-learning",
        "01632 960801",
    ),
    (
        "Teesside Lived Experience Network (demo)",
        "A fictional network of peer supporters across Teesside and County Durham.",
        "teesside-lived-experience",
        "01632 960802",
    ),
    (
        "Sussex and Kent Recovery College (demo)",
        "A fictional recovery college running co-produced courses in the South East.",
        "sussex-kent-recovery-college",
        "01632 960803",
    ),
    (
        "Thames Valley Peer Network (demo)",
        "A fictional network of peer support groups around Oxford and Reading.",
        "thames-valley-peer-network",
        "01632 960804",
    ),
    (
        "Rhwydwaith Cymheiriaid Cymru / Peer Network Wales (demo)",
        "A fictional bilingual peer support network working across Wales.",
        "peer-network-wales",
        "01632 960805",
    ),
]

TYNE = DEMO_PROVIDERS[0][0]
TEES = DEMO_PROVIDERS[1][0]
SUSSEX = DEMO_PROVIDERS[2][0]
THAMES = DEMO_PROVIDERS[3][0]
WALES = DEMO_PROVIDERS[4][0]

ONLINE = ("", "", "", True)


def session(days, hour, hours, postcode="", venue="", visibility="public"):
    """(days ahead, start hour, hours, postcode, venue, visibility, online)."""
    if not postcode:
        return (days, hour, hours, *ONLINE)
    return (days, hour, hours, postcode, venue, visibility, False)


def course(slug, title, provider, summary, topics, sessions, **options):
    """One demo course as the tuple ``CourseDemo.create_course`` reads.

    Options: ``recognition`` (accredited, cpd, none), ``body`` (the index of a demo
    awarding body), ``certifier``, ``level``, ``credits``, ``delivery``, ``cost``
    as ``(free|paid, amount, bursaries)``.
    """
    recognition = options.get("recognition", "none")
    extra = {"accredited": options.get("body", 0), "cpd": options.get("certifier", "")}
    return (
        slug,
        title,
        provider,
        summary,
        recognition,
        extra.get(recognition, ""),
        options.get("level", ""),
        options.get("credits"),
        options.get("delivery", "in_person"),
        options.get("cost", ("free", None, False)),
        topics,
        sessions,
    )


MORE_COURSES = [
    # North East
    course(
        "peer-support-foundations-newcastle",
        "Foundations of peer support",
        TYNE,
        "Six weekly evenings on what makes support peer support: mutuality, choice and hope.",
        ["Peer support practice", "Recovery"],
        [
            session(8, 18, 3, "NE1 4ST", "Newcastle city library room"),
            session(15, 18, 3, "NE1 4ST", "Newcastle city library room"),
        ],
    ),
    course(
        "award-in-peer-mentoring-sunderland",
        "Award in peer mentoring",
        TYNE,
        "An accredited award for volunteers who mentor people new to peer support roles.",
        ["Peer mentoring", "Training and accreditation"],
        [session(26, 10, 6, "SR1 3SD", "Sunderland community campus", "area")],
        recognition="accredited",
        body=1,
        level="2",
        credits=4,
        cost=("paid", "95", True),
    ),
    course(
        "lived-experience-leadership-teesside",
        "Lived experience leadership",
        TEES,
        "For people with lived experience who chair groups, sit on panels or lead projects.",
        ["Making the case to commissioners", "Governance"],
        [
            session(19, 10, 5, "TS1 2AZ", "Middlesbrough central hub"),
            session(47, 10, 5, "DH1 3NJ", "Durham riverside rooms", "area"),
        ],
        recognition="cpd",
        certifier="Lived experience leadership programme (demo endorser)",
    ),
    course(
        "self-management-taster-darlington",
        "Self-management taster morning",
        TEES,
        "A relaxed morning trying out self-management tools you can take back to your group.",
        ["Self-management"],
        [session(4, 10, 3, "DL1 1QX", "Darlington market hall room")],
    ),
    # South East
    course(
        "co-producing-courses-brighton",
        "Co-producing recovery courses",
        SUSSEX,
        "How peer trainers and professionals write and deliver a recovery college course together.",
        ["Recovery", "Training and accreditation"],
        [
            session(14, 10, 6, "BN1 1UE", "Brighton seafront learning centre"),
            session(56, 10, 6, "CT1 2RB", "Canterbury community hall", "area"),
        ],
        recognition="accredited",
        body=2,
        level="4",
        credits=10,
        delivery="blended",
        cost=("paid", "220", True),
    ),
    course(
        "lgbt-peer-support-brighton",
        "Peer support with LGBT+ communities",
        SUSSEX,
        "Running welcoming peer groups for LGBT+ people, with practice in safe-space agreements.",
        ["LGBT communities", "Peer support practice"],
        [session(23, 18, 3, "BN1 1UE", "Brighton seafront learning centre", "area")],
        recognition="cpd",
        certifier="CPD certified (demo certifier)",
    ),
    course(
        "carers-peer-groups-southampton",
        "Peer groups for carers",
        SUSSEX,
        "Setting up and sustaining peer groups for family members and friends who care.",
        ["Carers", "Self-help groups"],
        [
            session(31, 13, 3, "SO14 7DU", "Southampton civic centre room"),
            session(38, 13, 3, "PO1 2AL", "Portsmouth library meeting room", "on_request"),
        ],
    ),
    course(
        "evaluating-peer-projects-oxford",
        "Measuring what matters",
        THAMES,
        "Simple, honest ways for small peer projects to show their difference to funders.",
        ["Evaluation", "Fundraising"],
        [
            session(17, 10, 4, "OX1 1DP", "Oxford community centre"),
            session(52, 10, 4, "RG1 1QH", "Reading town hall room", "area"),
        ],
        cost=("paid", "35", True),
    ),
    course(
        "online-peer-support-skills",
        "Peer support online: skills for moderators",
        THAMES,
        "Three online sessions on hosting video groups and moderating peer forums safely.",
        ["Online peer support"],
        [session(6, 19, 2), session(13, 19, 2), session(20, 19, 2)],
        delivery="online",
    ),
    # Wales
    course(
        "peer-support-level-3-cardiff",
        "Certificate in peer support (Wales)",
        WALES,
        "An accredited certificate for peer support workers in Wales, taught in English or Welsh.",
        ["Peer support practice", "Training and accreditation"],
        [
            session(22, 10, 6, "CF10 1EP", "Cardiff central library room"),
            session(29, 10, 6, "CF10 1EP", "Cardiff central library room"),
        ],
        recognition="accredited",
        body=1,
        level="3",
        credits=12,
        delivery="blended",
        cost=("paid", "160", True),
    ),
    course(
        "starting-a-group-swansea",
        "Starting a peer group in your community",
        WALES,
        "A day for people in south-west Wales who want to start a local peer support group.",
        ["Self-help groups", "Organisational capacity"],
        [session(11, 10, 5, "SA1 3SN", "Swansea waterfront venue", "area")],
    ),
    course(
        "rural-peer-support-bangor",
        "Peer support in rural communities",
        WALES,
        "Reaching people in rural north and mid Wales: travel, isolation and meeting online.",
        ["Peer support practice", "Online peer support"],
        [
            session(34, 10, 5, "LL57 1UT", "Bangor community rooms"),
            session(62, 10, 5, "SY23 2AZ", "Aberystwyth arts centre room", "area"),
        ],
        recognition="cpd",
        certifier="Wales peer practice endorsement (demo)",
    ),
    course(
        "governance-for-groups-newport",
        "Governance for small user-led groups",
        WALES,
        "Constitutions, committees and keeping good records, for small groups in south-east Wales.",
        ["Governance"],
        [session(44, 18, 2, "NP20 1HG", "Newport riverfront room", "on_request")],
    ),
    # Yorkshire and the Humber, East Midlands
    course(
        "group-starter-sheffield",
        "Starting and running a self-help group",
        "Sheffield SHIP",
        "Everything from booking a room to sharing the facilitator role, from people who have done it.",
        ["Self-help groups", "Organisational capacity"],
        [
            session(9, 10, 4, "S1 2HE", "Sheffield central community centre"),
            session(65, 18, 3, "S1 2HE", "Sheffield central community centre"),
        ],
    ),
    course(
        "peer-support-hull",
        "Peer support conversations",
        "Sheffield SHIP",
        "Practising the conversations peer supporters have most: first contact, endings and setbacks.",
        ["Peer support practice"],
        [session(27, 10, 4, "HU1 1UU", "Hull city centre rooms", "area")],
        recognition="cpd",
        certifier="CPD certified (demo certifier)",
    ),
    course(
        "independent-peer-support-derby",
        "Keeping peer support independent",
        "Network for Change",
        "How user-led groups keep their independence while working with services and funders.",
        ["Making the case to commissioners", "Governance"],
        [
            session(16, 10, 5, "DE1 1BA", "Derby community venue"),
            session(58, 10, 5, "LE1 5FQ", "Leicester meeting rooms", "area"),
        ],
    ),
    course(
        "peer-support-qualification-lincoln",
        "Level 2 award in peer support",
        "Network for Change",
        "A short accredited award introducing the values and skills of peer support.",
        ["Peer support practice", "Training and accreditation"],
        [session(36, 10, 6, "LN1 1HP", "Lincoln library room")],
        recognition="accredited",
        body=0,
        level="2",
        credits=3,
        cost=("paid", "75", True),
    ),
    # South West, North West, West Midlands, East of England, London
    course(
        "peer-groups-bath",
        "Peer groups for people facing homelessness",
        "St Mungo's Bath",
        "Starting and facilitating peer groups in hostels, day centres and outreach settings.",
        ["Self-help groups", "Peer support practice"],
        [session(24, 10, 5, "BA1 1SU", "Bath community rooms", "area")],
    ),
    course(
        "hearing-voices-liverpool",
        "Hearing voices: understanding and support",
        "Hearing Voices Network",
        "An introduction for peer supporters to accepting, non-judgemental approaches to voices.",
        ["Hearing voices"],
        [
            session(12, 10, 6, "L1 8JQ", "Liverpool city centre venue"),
            session(49, 10, 6, "PR1 2HE", "Preston meeting hall", "area"),
        ],
        recognition="cpd",
        certifier="Hearing voices facilitator programme (demo)",
        cost=("paid", "45", True),
    ),
    course(
        "young-peer-leaders-coventry",
        "Young peer leaders",
        "North Staffordshire User Group",
        "For young adults who want to lead peer activities and speak up for other young people.",
        ["Young people", "Making the case to commissioners"],
        [
            session(18, 16, 3, "CV1 1FY", "Coventry youth venue", "area"),
            session(25, 16, 3, "WV1 1RE", "Wolverhampton youth venue", "area"),
        ],
    ),
    course(
        "inpatient-peer-work-norwich",
        "Peer work on inpatient wards",
        "Suffolk Mind",
        "What peer workers in inpatient and forensic settings need to know: safety, trust and boundaries.",
        ["Inpatient and forensic settings", "Peer support practice"],
        [session(29, 10, 6, "NR1 3AD", "Norwich learning centre")],
        recognition="accredited",
        body=2,
        level="5",
        credits=15,
        cost=("paid", "320", True),
    ),
    course(
        "bme-peer-support-southwark",
        "Peer support in Black and minority ethnic communities",
        "Hayaan Project",
        "Culturally grounded peer support: trust, language and working with faith and community groups.",
        ["BME communities", "Peer support practice"],
        [
            session(21, 18, 3, "SE1 7PB", "Southwark community centre", "area"),
            session(28, 18, 3, "N1 9GU", "Islington community room", "area"),
        ],
        recognition="cpd",
        certifier="Community mental health endorsement (demo)",
    ),
    course(
        "fundraising-for-user-led-groups",
        "Fundraising for user-led groups (online)",
        "National Survivor User Network",
        "Finding and writing small grant applications, in three online afternoons.",
        ["Fundraising", "Organisational capacity"],
        [session(7, 14, 2), session(14, 14, 2), session(21, 14, 2)],
        delivery="online",
    ),
    course(
        "peer-support-in-cornwall",
        "Peer support across Cornwall",
        "Recovery Devon",
        "A day for peer supporters in Cornwall, with time to plan local groups together.",
        ["Peer support practice", "Self-help groups"],
        [session(41, 10, 5, "TR1 2SL", "Truro community hall", "area")],
    ),
]
