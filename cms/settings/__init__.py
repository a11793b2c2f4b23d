"""Settings modules: ``base`` (production-safe), ``dev``, ``test`` and ``production``."""
