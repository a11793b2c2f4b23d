"""A PostgreSQL cluster of our own, in a temporary directory on a free port.

Fault tests stop and restart it, and backup tests restore into it, so they never
touch the shared cluster that other runs use. ``initdb`` and ``pg_ctl`` run as
the ``postgres`` user when the tests run as root (PostgreSQL refuses root).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
USER = "hardening"
PASSWORD = "hardening"


def available():
    return (PG_BIN / "initdb").exists() and (os.geteuid() != 0 or shutil.which("runuser"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    """``start()`` → a running cluster; ``url(name)`` for a database; ``destroy()`` at the end."""

    def __init__(self):
        self.directory = Path(tempfile.mkdtemp(prefix="hardening-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()

    def run(self, *command, check=True):
        if os.geteuid() == 0:
            command = ("runuser", "-u", "postgres", "--", *command)
        return subprocess.run(
            command, check=check, capture_output=True, text=True, cwd="/", timeout=120
        )

    def initialise(self):
        os.chmod(self.directory, 0o777)  # noqa: S103 - the postgres user writes its data here
        password_file = self.directory / "password"
        password_file.write_text(PASSWORD)
        os.chmod(password_file, 0o644)
        self.run(
            str(PG_BIN / "initdb"),
            "-D", str(self.data), "-U", USER, "--pwfile", str(password_file),
            "--auth=md5", "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.directory}'\nfsync = off\n"
                "synchronous_commit = off\nfull_page_writes = off\n"
            )
        return self

    def start(self):
        self.run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", str(self.directory / "log"),
            "-w", "-t", "60", "start",
        )  # fmt: skip
        return self

    def stop(self, mode="fast"):
        self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def create_database(self, name):
        self.psql("postgres", f'CREATE DATABASE "{name}"')

    def psql(self, database, sql):
        env = {**os.environ, "PGPASSWORD": PASSWORD}
        return subprocess.run(
            ["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, "-d", database,
             "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
            check=True, capture_output=True, text=True, env=env, timeout=60,
        ).stdout  # fmt: skip

    def url(self, database):
        return f"postgres://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def destroy(self):
        self.run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop", check=False
        )
        shutil.rmtree(self.directory, ignore_errors=True)


def wait_until(condition, timeout=30, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False
