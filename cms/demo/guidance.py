"""Demo guidance, written for this site from the 2013 scoping study's findings.

Each page is a list of (block type, value) pairs for ``GuidanceStreamBlock``.
Kept in plain language: short sentences, everyday words.
"""

SOURCE = "Mind, Mental health peer support in England: Piecing together the jigsaw (2013)"

GUIDANCE_PAGES = [
    {
        "title": "What peer support is",
        "slug": "what-peer-support-is",
        "summary": "Peer support is help that people with experience of mental health problems give each other. This page explains the idea and why it matters.",
        "topics": ["Peer support practice", "Recovery"],
        "body": [
            (
                "paragraph",
                "<p>Peer support happens when people who have been through similar things help each other. In mental health, the peers share experience of mental distress. Nobody has to be the expert. Help can flow both ways, and it can change direction from one week to the next.</p>",
            ),
            ("heading", {"text": "Why it helps", "level": "h2"}),
            (
                "paragraph",
                "<p>Studies have found that peer support can build hope, confidence and self-esteem. People often feel less alone and less judged. Many find it easier to manage their own mental health. Peer workers say the role helps their own recovery too.</p>",
            ),
            (
                "callout",
                {
                    "variant": "inset",
                    "heading": "Not a crisis service",
                    "text": "<p>Peer support groups are not set up to help in an emergency. If you need help now, use the numbers in the \u201cNeed help now?\u201d box on every page.</p>",
                },
            ),
            ("heading", {"text": "Many names for the same thing", "level": "h2"}),
            (
                "paragraph",
                "<p>Groups do not always call what they do \u201cpeer support\u201d. You may see self-help, mutual aid, mutual support or a sister circle. Search on this site treats these words as meaning the same thing, so you can find groups whatever they call themselves.</p>",
            ),
            (
                "quote",
                {
                    "quote": "We sit together as equals. Some weeks I give more, some weeks I take more. That is fine.",
                    "attribution": "A group member",
                    "source": "Demonstration quote",
                },
            ),
        ],
    },
    {
        "title": "Kinds of peer support",
        "slug": "kinds-of-peer-support",
        "summary": "From small self-help groups to paid peer worker roles: the main ways peer support is offered in England.",
        "topics": [
            "Peer support practice",
            "Self-help groups",
            "Peer mentoring",
            "Online peer support",
        ],
        "body": [
            (
                "paragraph",
                "<p>The 2013 scoping study found many models. No one model is best. Each suits different people and places.</p>",
            ),
            ("heading", {"text": "Self-help groups", "level": "h2"}),
            (
                "paragraph",
                "<p>Small groups run by their members. They often form around one shared experience, such as hearing voices or living with depression.</p>",
            ),
            ("heading", {"text": "Mutual peer support", "level": "h2"}),
            (
                "paragraph",
                "<p>Many user-led groups see support as something everyone gives and gets. There is no set helper and no set client.</p>",
            ),
            ("heading", {"text": "Formal peer support", "level": "h2"}),
            (
                "paragraph",
                "<p>Some projects train peer supporters and give them a clear role. They may be paid or unpaid. These projects often follow recovery ideas.</p>",
            ),
            ("heading", {"text": "Peer mentoring", "level": "h2"}),
            (
                "paragraph",
                "<p>A more experienced person guides someone newer. The focus is often on learning a skill or settling into a service.</p>",
            ),
            ("heading", {"text": "Helping peer support grow", "level": "h2"}),
            (
                "paragraph",
                "<p>A few organisations help other groups start and keep going. They offer training, advice and chances to meet other groups.</p>",
            ),
            ("heading", {"text": "Online peer support", "level": "h2"}),
            (
                "paragraph",
                "<p>Online forums and communities let people share tips and support at any hour. Good, caring moderation is what keeps them safe. This site lists online communities but does not host one.</p>",
            ),
        ],
    },
    {
        "title": "Running a peer support group",
        "slug": "running-a-peer-support-group",
        "summary": "Practical points for starting a group and keeping it going: roles, rules, money and support from other groups.",
        "topics": ["Organisational capacity", "Governance", "Fundraising"],
        "body": [
            (
                "paragraph",
                "<p>Most groups start small. A few people meet, agree what they want, and grow from there. Here are some things that help a group last.</p>",
            ),
            ("heading", {"text": "Agree how you work", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>Write down a few simple ground rules, such as keeping what is said in the room.</li><li>Decide who does what, and share the jobs out.</li><li>Agree what to do if someone is in crisis.</li></ul>",
            ),
            ("heading", {"text": "Money", "level": "h2"}),
            (
                "paragraph",
                "<p>Many groups run on very little. Small grants, local trusts and in-kind help such as a free room can go a long way. Keep simple records of what you spend.</p>",
            ),
            ("heading", {"text": "Get support yourselves", "level": "h2"}),
            (
                "paragraph",
                "<p>Your regional network can put you in touch with groups that have done this before. Ask for a mentor, or offer to be one.</p>",
            ),
        ],
    },
    {
        "title": "Making the case to commissioners",
        "slug": "making-the-case-to-commissioners",
        "summary": "How to show people who fund services what your peer support does and why it is worth paying for.",
        "topics": ["Making the case to commissioners", "Evaluation"],
        "body": [
            (
                "paragraph",
                "<p>Commissioners decide which local services get funded. Many want to fund peer support but need to know what it does. You can help them.</p>",
            ),
            ("heading", {"text": "Show what changes", "level": "h2"}),
            (
                "paragraph",
                "<p>Collect short stories and simple numbers. How many people come? What do they say has changed? Ask people before you share their words, and keep them anonymous.</p>",
            ),
            ("heading", {"text": "Point to the research", "level": "h2"}),
            (
                "paragraph",
                "<p>Some studies suggest peer support can cut the time people spend in hospital. That can save money as well as improve lives. Use this with care: the evidence is promising but still limited.</p>",
            ),
            (
                "callout",
                {
                    "variant": "inset",
                    "heading": "Lived experience leads",
                    "text": "<p>Ask that funded services are led by people with experience of mental health problems. This was one of the study\u2019s clear messages.</p>",
                },
            ),
        ],
    },
    {
        "title": "Peer support in Black and minority ethnic communities",
        "slug": "peer-support-in-bme-communities",
        "summary": "Peer support rooted in shared culture, faith or identity. Why narrow definitions can leave these groups out.",
        "topics": ["BME communities", "LGBT communities", "Peer support practice"],
        "body": [
            (
                "paragraph",
                "<p>Many groups in Black and minority ethnic communities offer peer support without using that name. They may be a women\u2019s group, a faith group or a community project. Shared culture and identity can matter as much as shared diagnosis.</p>",
            ),
            (
                "paragraph",
                "<p>The same is true in LGBT communities and other groups that are often left out. A narrow idea of peer support can leave these groups without funding or notice.</p>",
            ),
            ("heading", {"text": "What this site does", "level": "h2"}),
            (
                "paragraph",
                "<p>Our directory lets groups describe who they serve in their own words. Search matches many names for peer support, not just one.</p>",
            ),
        ],
    },
]
