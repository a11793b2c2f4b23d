"""The directory as an Open Referral UK (HSDS 3.0 UK profile) API.

``api`` is the django-ninja router mounted at ``/api/v1/openreferral/``;
``mapping`` turns projects, organisations, topics and communities into HSDS
objects; ``queries`` selects and filters what may be published. See the
"Open Referral UK" section of docs/networks.md.
"""
