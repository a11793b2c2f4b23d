"""Validators shared by course pages and sessions."""

from django.core.validators import URLValidator

web_url_validator = URLValidator(
    schemes=["http", "https"],
    message="Enter a web address starting with https:// (or http://).",
)
