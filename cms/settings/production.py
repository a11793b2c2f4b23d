"""Production: ``base`` as it stands, plus the checks that must hold there."""

from .base import *  # noqa: F403
