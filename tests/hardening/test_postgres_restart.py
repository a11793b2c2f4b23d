"""PostgreSQL restarts under load: requests fail cleanly and the site recovers by itself.

A gunicorn (2 workers, persistent connections) serves the demo site from a
throwaway cluster while four clients request pages in a loop; the cluster is
stopped, left down for a few seconds and started again. During the outage every
answer is a 503 with the crisis lines (never a traceback or a hung request);
afterwards the same gunicorn processes answer 200 again.
(tests/cms/test_database_outage.py covers a database that is down from the start.)
"""

import threading
import time
from collections import Counter

import pytest

from .conftest import fetch, gunicorn, site_env
from .throwaway_postgres import wait_until

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

PATHS = ["/", "/courses/", "/networks/directory/", "/guidance/what-peer-support-is/"]
OUTAGE_SECONDS = 4


class LoadLoop:
    """Clients requesting ``PATHS`` round-robin until stopped; every answer is recorded."""

    def __init__(self, base, clients=4):
        self.base = base
        self.answers = []  # (time, status, body or error)
        self.running = True
        self.threads = [threading.Thread(target=self.client, args=(i,)) for i in range(clients)]

    def client(self, offset):
        count = offset
        while self.running:
            path = PATHS[count % len(PATHS)]
            count += 1
            try:
                status, body = fetch(self.base + path, timeout=30)
            except OSError as error:
                status, body = None, repr(error)
            self.answers.append((time.monotonic(), status, body))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.running = False
        for thread in self.threads:
            thread.join(timeout=60)


def test_a_restart_under_load_answers_503_then_recovers(demo_postgres):
    with gunicorn(site_env(demo_postgres.url("site"))) as (base, server):
        workers_before = server.pid
        with LoadLoop(base) as load:
            time.sleep(2)
            demo_postgres.stop(mode="fast")
            stopped_at = time.monotonic()
            time.sleep(OUTAGE_SECONDS)
            demo_postgres.start()
            started_at = time.monotonic()
            recovered = wait_until(
                lambda: any(t > started_at and s == 200 for t, s, _ in load.answers[-8:]), 30
            )
            time.sleep(4)
        assert server.poll() is None and server.pid == workers_before

    statuses = Counter(status for _, status, _ in load.answers)
    print(f"\nanswers during the restart test: {dict(statuses)}")  # noqa: T201 - the run log
    assert recovered, "no 200 within 30 s of PostgreSQL starting again"
    assert set(statuses) <= {200, 503}, statuses
    during = [a for a in load.answers if stopped_at + 0.5 < a[0] < started_at]
    assert any(status == 503 for _, status, _ in during), "the outage was not noticed"
    for _, status, body in load.answers:
        if status == 503:
            assert "Samaritans" in body and "116 123" in body
            assert "Traceback" not in body
    # Once one request succeeds, every later one does (a request in flight may still fail).
    recovered_at = min(t for t, status, _ in load.answers if t > started_at and status == 200)
    after = [status for t, status, _ in load.answers if t > recovered_at + 1]
    assert after and all(status == 200 for status in after), after
