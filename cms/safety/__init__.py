"""Shared security helpers: login throttling glue and a guard for server-side fetches."""
