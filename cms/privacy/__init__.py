"""The core's privacy tools: signed links, the contact relay, contact-change
confirmation, purges and erasure. Apps use them; see ``docs/privacy.md``."""
