"""``manage.py catalogue_index rebuild|check|drain``: the catalogue's database and engine."""

from django.core.management.base import BaseCommand, CommandError

from search import sync


class Command(BaseCommand):
    help = (
        "rebuild: rebuild entries from every source, then (with an engine) a new index "
        "swapped in by alias. check: report drift. drain: replay the engine outbox."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "check", "drain"])
        parser.add_argument("--database-only", action="store_true", help="Leave the engine alone.")

    def handle(self, action, database_only=False, **options):
        use_engine = sync.engine_enabled() and not database_only
        # Prefixed: a method named "check" would replace BaseCommand.check, which
        # manage.py calls to run the system checks.
        getattr(self, f"run_{action}")(use_engine)

    def _progress(self, label):
        def report(*args):
            done = args[-1]
            if done % 100 == 0:
                self.stdout.write(f"  {label} {' '.join(map(str, args[:-1]))}: {done}")

        return report

    def run_rebuild(self, use_engine):
        self.stdout.write("Rebuilding catalogue entries from every source…")
        # With the engine rebuilt whole below, queueing each document for it is wasted work.
        report = sync.rebuild_database(
            progress=self._progress("stored"), queue_engine=not use_engine
        )
        for kind, count in report.stored.items():
            self.stdout.write(f"  {kind}: {count}")
        self.stdout.write(f"  removed: {report.removed}")
        if use_engine:
            from search.backends.engine import EngineUnavailable, get_engine

            self.stdout.write("Building a new engine index…")
            try:
                name, total = get_engine().rebuild(progress=self._progress("indexed"))
            except EngineUnavailable as error:
                # Nothing was queued for the engine, so a later drain would not catch up.
                raise CommandError(
                    f"The engine did not answer: {error}. The database is rebuilt; the engine "
                    "index is not: run `manage.py catalogue_index rebuild` again."
                ) from error
            self.stdout.write(f"  indexed {total} into {name}; alias swapped")
        self.stdout.write(self.style.SUCCESS("Rebuild complete."))

    def _report_drift(self, label, drift):
        counts = ", ".join(f"{len(ids)} {name}" for name, ids in drift.items())
        self.stdout.write(f"{label}: {counts}")
        for name, ids in drift.items():
            for document_id in ids[:20]:
                self.stdout.write(f"  {name}: {document_id}")
        return any(drift.values())

    def run_check(self, use_engine):
        drifted = self._report_drift("Database against sources", sync.database_drift())
        if use_engine:
            from search.backends.engine import EngineUnavailable, get_engine
            from search.models import IndexOutbox

            try:
                drift = get_engine().drift()
            except EngineUnavailable as error:
                raise CommandError(f"The engine did not answer: {error}") from error
            drifted |= self._report_drift("Engine against database", drift)
            self.stdout.write(f"Outbox: {IndexOutbox.objects.count()} change(s) waiting")
        if drifted:
            raise CommandError("Drift found: run `manage.py catalogue_index rebuild`.")
        self.stdout.write(self.style.SUCCESS("No drift."))

    def run_drain(self, use_engine):
        if not use_engine:
            self.stdout.write("No engine configured: nothing to drain.")
            return
        report = sync.drain_outbox(limit=10_000)
        self.stdout.write(
            f"Applied {report.applied}, failed {report.failed}, {report.remaining} waiting."
        )
        for error in report.errors:
            self.stdout.write(f"  {error}")
