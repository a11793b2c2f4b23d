"""Reading what the site emailed, as the person receiving it would."""

import re

SIGNED_LINK = re.compile(r"https?://[^\s/]+(/links/[a-z-]+/[^\s/]+/)")


def signed_link_in(message):
    """The path of the signed link in an email's body."""
    return SIGNED_LINK.search(message.body).group(1)
