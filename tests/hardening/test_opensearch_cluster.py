"""A data node of a three-node OpenSearch cluster stops while searches run.

The cluster is our own (``opensearch.sh start --nodes 3`` with its own
``OPENSEARCH_STATE_DIR``; the shared node is never touched). The catalogue-style
index has three shards and one replica. Our engine client is configured as the
site configures it — all three hosts in ``OPENSEARCH_URL`` and one retry — and a
query loop runs while a node that is not the cluster manager is stopped: no
search fails (one that succeeds on its retry counts as a success) and none shows
part of the results (a reply some shards failed to join is asked again); retries
are counted from the client's failure log and reported.
"""

import json
import logging
import os
import shutil
import subprocess
import threading
import time
import urllib.request

import pytest

from search.backends.clients import EngineUnavailable, connection_from_settings, make_client
from tests.conftest import require_service

from .conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.engine]

SCRIPT = ROOT / "tools" / "opensearch" / "opensearch.sh"
INDEX = "hardening-catalogue"
DOCUMENTS = 300


def opensearch(*args, state_dir, timeout=300):
    return subprocess.run(
        [str(SCRIPT), *args],
        env={**os.environ, "OPENSEARCH_STATE_DIR": str(state_dir)},
        capture_output=True, text=True, timeout=timeout, check=True,
    ).stdout.strip()  # fmt: skip


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    require_service(
        shutil.which("java") and shutil.which("mvn"), "Java 17 and Maven for OpenSearch"
    )
    state_dir = tmp_path_factory.mktemp("opensearch-3")
    try:
        opensearch("start", "--nodes", "3", "--clean", "--cluster-name", "hardening",
                   "--timeout", "240", state_dir=state_dir)  # fmt: skip
        urls = opensearch("url", "--all", state_dir=state_dir).split()
        yield state_dir, urls
    finally:
        opensearch("stop", state_dir=state_dir, timeout=120)


def get_json(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


class FailureLog(logging.Handler):
    """Counts the client's logged request failures: each one led to a retry or an error."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


def test_a_data_node_stops_during_a_query_loop(cluster, settings):
    state_dir, urls = cluster
    assert len(urls) == 3
    settings.PEER_SUPPORT_SEARCH = {
        **settings.PEER_SUPPORT_SEARCH, "ENGINE_URL": ",".join(urls), "RETRIES": 1,
        "TIMEOUT_SECONDS": 5,
    }  # fmt: skip
    client = make_client(connection_from_settings())
    assert client.connection.all_hosts == urls and client.connection.retries == 1
    client.create_index(INDEX, {"settings": {"number_of_shards": 3, "number_of_replicas": 1}})
    client.bulk(
        {"_index": INDEX, "_id": i, "title": f"peer support group {i}", "n": i}
        for i in range(DOCUMENTS)
    )
    client.refresh(INDEX)
    health = get_json(f"{urls[0]}/_cluster/health/{INDEX}?wait_for_status=green&timeout=60s")
    assert health["status"] == "green"

    manager = get_json(f"{urls[0]}/_cat/cluster_manager?format=json")[0]["node"]
    victim = next(i for i in (2, 3, 1) if f"node-{i}" != manager)

    failures, partial, searches = [], 0, 0
    log = FailureLog()
    logging.getLogger("opensearch").addHandler(log)
    running = True

    def query_loop():
        nonlocal partial, searches
        body = {"query": {"match": {"title": "peer support"}}, "size": 5}
        while running:
            try:
                result = client.search(INDEX, body)
            except EngineUnavailable as error:
                failures.append(str(error))
            else:
                searches += 1
                partial += result["_shards"]["failed"] > 0
                if result["hits"]["total"]["value"] != DOCUMENTS:
                    failures.append(f"{result['hits']['total']} hits")
            time.sleep(0.01)

    threads = [threading.Thread(target=query_loop)]  # one per process, like a gunicorn worker
    try:
        for thread in threads:
            thread.start()
        time.sleep(2)
        answer = opensearch("stop-node", str(victim), state_dir=state_dir)
        assert answer.startswith("ok"), answer
        time.sleep(8)
    finally:
        running = False
        for thread in threads:
            thread.join(timeout=60)
        logging.getLogger("opensearch").removeHandler(log)

    print(  # noqa: T201 - the figures for the run log
        f"\n3-node fault: stopped node-{victim} (manager {manager}); {searches} searches, "
        f"{len(failures)} failed, {partial} with failed shards, {log.count} retried requests"
    )
    assert failures == []
    assert partial == 0
    assert searches > 50
    assert log.count > 0, "no request went to the stopped node: the fault was not exercised"
