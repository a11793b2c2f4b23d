"""TLS for both engine clients: certificates verified by default, a CA file from settings.

The recorded-reply server is wrapped in TLS with a throwaway self-signed certificate
made by the ``openssl`` command.
"""

import shutil
import ssl
import subprocess

import pytest

from search.backends.clients import EngineUnavailable
from search.backends.engine import clear_engine_cache, get_engine
from tests.search.recorded_engine import recorded, serve_recorded

ENGINES = ["elasticsearch", "opensearch"]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if not shutil.which("openssl"):
        pytest.skip("needs the openssl command")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture
def tls_engine(certificate):
    cert, key = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)

    def wrap(sock):
        return context.wrap_socket(sock, server_side=True)

    with serve_recorded(wrap_socket=wrap) as engine:
        yield engine


@pytest.fixture
def configure(settings):
    def use(engine, url, **extra):
        settings.PEER_SUPPORT_SEARCH = {
            **settings.PEER_SUPPORT_SEARCH,
            "ENGINE": engine,
            "ENGINE_URL": url,
            "TIMEOUT_SECONDS": 2,
            **extra,
        }
        clear_engine_cache()
        return get_engine()

    yield use
    clear_engine_cache()


@pytest.mark.parametrize("engine", ENGINES)
def test_an_unknown_certificate_is_refused_by_default(configure, tls_engine, engine):
    tls_engine.expect("GET", "/_cluster/health", recorded("cluster_health"))
    with pytest.raises(EngineUnavailable):
        configure(engine, tls_engine.url).health()
    assert tls_engine.requests == []  # refused before any request was sent
    tls_engine.expected.clear()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_ca_file_from_settings_is_trusted(configure, tls_engine, certificate, engine):
    tls_engine.expect("GET", "/_cluster/health", recorded("cluster_health"))
    url = tls_engine.url.replace("https://", "https://reader:secret@")
    assert configure(engine, url, CA_CERTS=str(certificate[0])).health()["status"] == "green"
    assert tls_engine.requests[0].headers["authorization"].startswith("Basic ")
    tls_engine.check_done()


@pytest.mark.filterwarnings("ignore")  # both libraries warn, rightly, about no verification
@pytest.mark.parametrize("engine", ENGINES)
def test_verification_can_be_turned_off(configure, tls_engine, engine):
    tls_engine.expect("GET", "/_cluster/health", recorded("cluster_health"))
    assert configure(engine, tls_engine.url, VERIFY_CERTS=False).health()["status"] == "green"
    tls_engine.check_done()
