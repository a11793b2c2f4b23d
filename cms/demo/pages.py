"""Demo copy for the home page and the standard pages every site needs."""

HOME_INTRO = (
    "<p>Find peer support groups, training and guidance for mental health peer support "
    "in England and Wales. Peer support is help from people who have been there too.</p>"
)

ABOUT = (
    "about",
    "About this site",
    "Who runs Peer Support Hub and what it is for.",
    [
        (
            "paragraph",
            "<p>Peer Support Hub helps people find mental health peer support, and helps groups find training, share resources and support each other.</p>",
        ),
        (
            "paragraph",
            "<p>It grew out of a 2013 study that mapped peer support across England. The study asked for an up-to-date directory, a map of training courses, and ways for groups to network by region. This site is our answer.</p>",
        ),
        (
            "paragraph",
            "<p>The site is independent. It is not part of the NHS and it is not a crisis service.</p>",
        ),
    ],
)

PRIVACY_NOTICE = (
    "privacy-notice",
    "Privacy notice",
    "What we collect, why, how long we keep it and your rights.",
    [
        (
            "paragraph",
            "<p>We collect as little as we can. We do not use analytics, advertising or tracking cookies. The only cookies are the ones that keep forms secure and keep staff signed in.</p>",
        ),
        ("heading", {"text": "What we collect", "level": "h2"}),
        (
            "paragraph",
            "<ul><li>Listings that groups send us, and the contact address they give for them.</li><li>Messages sent through our contact forms. We pass these on and do not keep the message itself.</li><li>Search terms, without full postcodes, to see what people look for. We keep these for 90 days.</li></ul>",
        ),
        ("heading", {"text": "Why we can use it", "level": "h2"}),
        (
            "paragraph",
            "<p>We rely on legitimate interests to run a public directory, and on consent for listings groups send us. Some listings may suggest health information, so we show only an area, not an address, unless a group chooses otherwise.</p>",
        ),
        ("heading", {"text": "Your rights", "level": "h2"}),
        (
            "paragraph",
            "<p>You can ask to see, correct or delete what we hold about you. Write to hello@peersupporthub.example.org. You can also complain to the Information Commissioner\u2019s Office.</p>",
        ),
    ],
)

ACCESSIBILITY_STATEMENT = (
    "accessibility-statement",
    "Accessibility statement",
    "How accessible this site is and how to tell us about problems.",
    [
        (
            "paragraph",
            "<p>We want everyone to be able to use this site. We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA.</p>",
        ),
        (
            "paragraph",
            "<ul><li>Every page works without JavaScript.</li><li>Every map has a list that shows the same places.</li><li>You can zoom to 400% without the page breaking.</li><li>You can use the site with a keyboard or a screen reader.</li></ul>",
        ),
        ("heading", {"text": "Tell us about a problem", "level": "h2"}),
        (
            "paragraph",
            "<p>If something does not work for you, email hello@peersupporthub.example.org. We will reply within 10 working days.</p>",
        ),
    ],
)
