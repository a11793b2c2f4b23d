"""Engine clients: one small interface over opensearch-py and elasticsearch-py 8.

The engine backend builds every request with elasticsearch-dsl and hands the plain
body to one of these, chosen in one place (``make_client``) by
``PEER_SUPPORT_SEARCH["ENGINE"]``. Each client turns its library's failures into
``EngineUnavailable`` and treats "not found" as an answer, so the backend never
imports a client library. Replies are plain dicts, read with elasticsearch-dsl.
"""

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

import elasticsearch
import elasticsearch.helpers
import opensearchpy
import opensearchpy.helpers
from elastic_transport import TransportError

ENGINES = ("opensearch", "elasticsearch")


class EngineUnavailable(Exception):
    """The engine did not answer (down, timed out, or refused the request)."""


@dataclass(frozen=True)
class Connection:
    """Where the engine is and how to reach it; credentials are kept out of ``url``."""

    url: str
    auth: tuple[str, str] | None = None
    timeout: float = 2
    verify_certs: bool = True
    ca_certs: str | None = None
    # Every node of a cluster (``url`` is the first); a failed request is retried on
    # another node up to ``retries`` times.
    hosts: tuple[str, ...] = ()
    retries: int = 0

    @property
    def all_hosts(self):
        return list(self.hosts or (self.url,))

    @property
    def uses_tls(self):
        return self.url.startswith("https:")

    def tls_options(self):
        """Certificate options; only for https (elasticsearch-py refuses them otherwise)."""
        if not self.uses_tls:
            return {}
        options = {"verify_certs": self.verify_certs}
        if self.ca_certs:
            options["ca_certs"] = self.ca_certs
        return options

    def __repr__(self):  # never print the password
        user = f"{self.auth[0]}:***@" if self.auth else ""
        return f"Connection({user}{self.url}, timeout={self.timeout})"


def split_credentials(url):
    """``https://user:pa%40ss@host:9200`` → (``https://host:9200``, ("user", "pa@ss"))."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:  # IPv6
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return bare, (unquote(parts.username or ""), unquote(parts.password or ""))


def connection_from_settings(url=None, timeout=None):
    """The engine's connection; ``ENGINE_URL`` may list several nodes, comma-separated."""
    config = settings.PEER_SUPPORT_SEARCH
    urls = [part.strip() for part in (url or config.get("ENGINE_URL", "")).split(",")]
    hosts = [split_credentials(part) for part in urls if part] or [("", None)]
    return Connection(
        url=hosts[0][0],
        auth=hosts[0][1],
        timeout=timeout or config.get("TIMEOUT_SECONDS", 2),
        verify_certs=bool(config.get("VERIFY_CERTS", True)),
        ca_certs=config.get("CA_CERTS") or None,
        hosts=tuple(bare for bare, _ in hosts) if len(hosts) > 1 else (),
        retries=int(config.get("RETRIES", 0)),
    )


class EngineClient:
    """The operations the engine backend needs, with the library's errors translated.

    Subclasses build ``self.raw`` (the library client) and name the library's
    ``failures`` and ``not_found`` exception classes.
    """

    engine = ""
    failures: tuple[type[BaseException], ...] = ()
    not_found: tuple[type[BaseException], ...] = ()

    def __init__(self, connection):
        self.connection = connection
        self.raw = self.build(connection)

    def build(self, connection):
        raise NotImplementedError

    def call(self, method, *args, **kwargs):
        return self._send(method, args, kwargs, missing_ok=False)

    def call_or_none(self, method, *args, **kwargs):
        """``call``, but ``None`` when the engine says the thing is not there."""
        return self._send(method, args, kwargs, missing_ok=True)

    def _send(self, method, args, kwargs, missing_ok):
        try:
            return self.as_dict(method(*args, **kwargs))
        except self.failures as error:
            if missing_ok and isinstance(error, self.not_found):
                return None
            raise self.unavailable(error) from error

    @staticmethod
    def unavailable(error):
        return EngineUnavailable(f"{type(error).__name__}: {error}"[:1000])

    def _scan(self, scan, index, query, size):
        try:
            yield from scan(self.raw, index=index, query=query, size=size)
        except self.failures as error:
            raise self.unavailable(error) from error

    @staticmethod
    def as_dict(result):
        return result

    # --- the interface -------------------------------------------------------------------

    def health(self):
        return self.call(self.raw.cluster.health)

    def search(self, index, body):
        """A reply from every shard, or ``EngineUnavailable``.

        A reply some shards failed to join (a node has just left, and its copies are
        being promoted) would show part of the results as if whole: it is asked once
        more, and if shards still fail the engine counts as unavailable, so the caller
        falls back instead of showing less than there is.
        """
        for _attempt in range(2):
            reply = self.call(self.raw.search, index=index, body=body)
            shards = reply.get("_shards", {})
            if not shards.get("failed"):
                return reply
        raise EngineUnavailable(
            f"{shards['failed']} of {shards.get('total', '?')} shards did not answer"
        )

    def create_index(self, name, body):
        return self.call(self.raw.indices.create, index=name, body=body)

    def delete_index(self, name):
        return self.call_or_none(self.raw.indices.delete, index=name)

    def index_exists(self, name):
        return bool(self.call(self.raw.indices.exists, index=name))

    def refresh(self, index):
        return self.call(self.raw.indices.refresh, index=index)

    def alias_targets(self, alias):
        """The names of the indices ``alias`` points at; [] if there is no such alias."""
        return sorted(self.call_or_none(self.raw.indices.get_alias, name=alias) or {})

    def update_aliases(self, actions):
        return self.call(self.raw.indices.update_aliases, body={"actions": actions})

    def close_index(self, name):
        return self.call(self.raw.indices.close, index=name)

    def open_index(self, name):
        return self.call(self.raw.indices.open, index=name, wait_for_active_shards=1)

    def put_settings(self, name, index_settings):
        return self.call(self.raw.indices.put_settings, index=name, body=index_settings)

    def index_document(self, index, document_id, document):
        """Write one document through an alias, never auto-creating an index."""
        raise NotImplementedError

    def delete_document(self, index, document_id):
        """Delete one document; ``None`` if it wasn't there."""
        return self.call_or_none(self.raw.delete, index=index, id=document_id)

    def bulk(self, actions, chunk_size=500, timeout=60):
        """Send index actions in chunks; the number indexed."""
        raise NotImplementedError

    def scan(self, index, query, size=1000):
        """Every hit for ``query`` (a body), by scrolling."""
        raise NotImplementedError


class OpenSearchClient(EngineClient):
    engine = "opensearch"
    failures = (opensearchpy.OpenSearchException, opensearchpy.helpers.BulkIndexError)
    not_found = (opensearchpy.NotFoundError,)

    def build(self, connection):
        return opensearchpy.OpenSearch(
            hosts=connection.all_hosts,
            http_auth=connection.auth,
            timeout=connection.timeout,
            max_retries=connection.retries,
            retry_on_timeout=connection.retries > 0,
            **connection.tls_options(),
        )

    def index_document(self, index, document_id, document):
        return self.call(
            self.raw.index,
            index=index,
            id=document_id,
            body=document,
            params={"require_alias": "true"},
        )

    def bulk(self, actions, chunk_size=500, timeout=60):
        indexed, _ = self.call(
            opensearchpy.helpers.bulk,
            self.raw,
            actions,
            chunk_size=chunk_size,
            request_timeout=timeout,
        )
        return indexed

    def scan(self, index, query, size=1000):
        return self._scan(opensearchpy.helpers.scan, index, query, size)


class ElasticsearchClient(EngineClient):
    """elasticsearch-py 8. Not yet proven against a live cluster: see docs/search.md."""

    engine = "elasticsearch"
    failures = (
        elasticsearch.ApiError,
        TransportError,
        elasticsearch.helpers.BulkIndexError,
        elasticsearch.helpers.ScanError,
    )
    not_found = (elasticsearch.NotFoundError,)

    def build(self, connection):
        return elasticsearch.Elasticsearch(
            hosts=connection.all_hosts,
            basic_auth=connection.auth,
            request_timeout=connection.timeout,
            max_retries=connection.retries,
            retry_on_timeout=connection.retries > 0,
            **connection.tls_options(),
        )

    @staticmethod
    def as_dict(result):
        # ObjectApiResponse → its body (a dict); HeadApiResponse (exists) → a bool.
        return getattr(result, "body", result)

    def index_document(self, index, document_id, document):
        return self.call(
            self.raw.index, index=index, id=document_id, document=document, require_alias=True
        )

    def bulk(self, actions, chunk_size=500, timeout=60):
        client = self.raw.options(request_timeout=timeout)
        indexed, _ = self.call(elasticsearch.helpers.bulk, client, actions, chunk_size=chunk_size)
        return indexed

    def scan(self, index, query, size=1000):
        return self._scan(elasticsearch.helpers.scan, index, query, size)


CLIENTS = {"opensearch": OpenSearchClient, "elasticsearch": ElasticsearchClient}


def make_client(connection=None, engine=None):
    """The client for ``PEER_SUPPORT_SEARCH["ENGINE"]`` (the one place it is chosen)."""
    engine = engine or settings.PEER_SUPPORT_SEARCH.get("ENGINE", "opensearch")
    try:
        client_class = CLIENTS[engine]
    except KeyError:
        raise ImproperlyConfigured(
            f"PEER_SUPPORT_SEARCH['ENGINE'] is {engine!r}; expected one of {', '.join(ENGINES)}"
        ) from None
    return client_class(connection or connection_from_settings())
