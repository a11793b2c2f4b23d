"""Shared security helpers: login throttling glue and a guard for server-side fetches."""

# PostgreSQL refuses NUL in text: API parameters refuse it as a bad value instead
# (a pydantic/ninja ``pattern``).
NO_NUL = r"^[^\x00]*$"
