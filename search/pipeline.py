"""Batches handed to a worker thread while the caller prepares the next one.

Both rebuilds alternate Python work (building documents) with waiting on another
process (the database storing them, the engine indexing them). Handing each batch to
a second thread lets the two overlap on a machine with more than one core.
"""

from concurrent.futures import ThreadPoolExecutor

from django.db import connections


class OneAhead:
    """Runs ``function(batch)`` for each submitted batch, at most one in flight.

    With ``in_thread=False`` each batch runs at once in the caller's thread. A
    batch's error is raised by the next ``submit`` or by ``close``; nothing after a
    failed batch runs. ``results`` holds each finished batch's return value, in order.
    """

    def __init__(self, function, *, in_thread=True):
        self.function = function
        self.pool = ThreadPoolExecutor(max_workers=1) if in_thread else None
        self.pending = None
        self.results = []

    def submit(self, batch, **options):
        self.wait()
        if self.pool is None:
            self.results.append(self.function(batch, **options))
        else:
            self.pending = self.pool.submit(self.function, batch, **options)

    def wait(self):
        """Block until the batch in flight is done; raise its error."""
        pending, self.pending = self.pending, None
        if pending is not None:
            self.results.append(pending.result())

    def close(self):
        try:
            self.wait()
        finally:
            if self.pool is not None:
                # The worker's own database connection, if the function opened one.
                self.pool.submit(connections.close_all).result()
                self.pool.shutdown()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
