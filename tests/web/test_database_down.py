"""The web app on a database that is read-only, missing or down answers a Chinese 503 page (or
JSON under /api), never a traceback, and comes back by itself when the database does.

Real states, no stand-ins: SQLite connections put in ``query_only`` mode, the SQLite file
deleted under the running app, a PostgreSQL database dropped, a PostgreSQL role without write
rights, and the PostgreSQL server unreachable — through a TCP relay on loopback that the test
stops and starts (the shared server itself keeps running for everyone else).
"""
from __future__ import annotations

import socket
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from taizhang.config import Settings
from taizhang.errors import InputError
from taizhang.store import Ledger
from taizhang.web import create_app

from .conftest import OWN_UNIT, item_of, login, make_client, seed_ledger

PG = "host=127.0.0.1 user=postgres dbname=postgres"


def _is_503_in_chinese(r: object, words: str) -> None:
    assert r.status_code == 503, (r.status_code, r.text[:300])  # type: ignore[attr-defined]
    assert words in r.text and "Traceback" not in r.text, r.text[:300]  # type: ignore[attr-defined]
    assert r.headers["retry-after"] == "30"  # type: ignore[attr-defined]
    assert "content-security-policy" in r.headers  # type: ignore[attr-defined]


def test_read_only_sqlite_reads_and_refuses_writes_in_chinese(ledger: Ledger,
                                                              tmp_path: Path) -> None:
    client = make_client(ledger, tmp_path)
    token = login(client, "fgw")
    item = item_of(ledger, OWN_UNIT)
    event.listen(ledger.engine, "connect",
                 lambda conn, _: conn.execute("PRAGMA query_only = ON"))
    ledger.engine.dispose()  # every connection from now on is read-only
    assert client.get(f"/tasks/{item.id}").status_code == 200  # reading goes on
    r = client.post(f"/tasks/{item.id}/report", data={"csrf_token": token, "percent": "20"})
    _is_503_in_chinese(r, "数据库是只读的")
    api = client.post(f"/api/items/{item.id}/reports", json={"percent": 20},
                      headers={"X-CSRF-Token": token})
    assert api.status_code == 503 and api.json()["error"]["code"] == "DatabaseUnavailable"
    assert ledger.reports(item.id) == []


def test_an_app_that_cannot_keep_a_secret_uses_one_for_this_run_only(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ro.db'}"
    ledger = Ledger(url)
    try:
        event.listen(ledger.engine, "connect",
                     lambda conn, _: conn.execute("PRAGMA query_only = ON"))
        ledger.engine.dispose()
        app = create_app(Settings(db_url=url, evidence_dir=tmp_path / "ev"), ledger=ledger)
        assert app.state.secret_persistent is False and len(app.state.secret) >= 48
        again = create_app(Settings(db_url=url, evidence_dir=tmp_path / "ev"), ledger=ledger)
        assert again.state.secret != app.state.secret  # nothing constant to forge with
    finally:
        ledger.close()


def test_the_sqlite_file_deleted_under_the_app(ledger: Ledger, tmp_path: Path) -> None:
    client = make_client(ledger, tmp_path)
    login(client, "leader")
    path = Path(ledger.engine.url.database)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    _is_503_in_chinese(client.get("/tasks"), "找不到数据库文件")
    api = client.get("/api/items")
    assert api.status_code == 503 and "找不到数据库文件" in api.json()["error"]["message"]
    assert not path.exists()  # no empty ledger was made in its place


class Relay:
    """A TCP relay on loopback to the PostgreSQL server, which the test can cut and restore."""

    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None

    def start(self) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(16)
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", 5432))
            self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def stop(self) -> None:
        if self.listener is not None:
            try:  # wakes the thread blocked in accept(); close() alone would not (Linux)
                self.listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.listener.close()
            self.listener = None
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self.sockets.clear()


@pytest.fixture
def relayed() -> Iterator[tuple[Ledger, Relay, str]]:
    name = f"taizhang_down_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    relay = Relay()
    relay.start()
    lg = Ledger(f"postgresql+psycopg://postgres@127.0.0.1:{relay.port}/{name}")
    try:
        seed_ledger(lg)
        yield lg, relay, name
    finally:
        relay.stop()
        lg.close()
        with psycopg.connect(PG, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_postgresql_down_then_back(relayed: tuple[Ledger, Relay, str], tmp_path: Path) -> None:
    ledger, relay, _ = relayed
    client = make_client(ledger, tmp_path)
    login(client, "leader")
    assert client.get("/tasks").status_code == 200
    relay.stop()
    _is_503_in_chinese(client.get("/tasks"), "数据库")
    _is_503_in_chinese(client.get("/units"), "数据库")
    relay.start()
    codes = [client.get("/tasks").status_code for _ in range(3)]
    assert codes[-1] == 200 and set(codes) <= {200, 503}  # back by itself


@pytest.mark.postgres
def test_postgresql_database_dropped(relayed: tuple[Ledger, Relay, str], tmp_path: Path) -> None:
    ledger, _, name = relayed
    client = make_client(ledger, tmp_path)
    login(client, "leader")
    with psycopg.connect(PG, autocommit=True) as c:
        c.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    responses = [client.get("/tasks") for _ in range(2)]
    _is_503_in_chinese(responses[-1], "数据库不存在")


@pytest.mark.postgres
def test_postgresql_role_without_write_rights(pg_ledger: Ledger, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from taizhang.cli import group

    role = f"taizhang_ro_{uuid.uuid4().hex[:8]}"
    name = pg_ledger.engine.url.database
    with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={name}", autocommit=True) as c:
        c.execute(f'CREATE ROLE "{role}" LOGIN')
        c.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
    url = f"postgresql+psycopg://{role}@127.0.0.1:5432/{name}"
    try:
        ro = Ledger(url)
        try:
            client = make_client(ro, tmp_path)
            r = client.post("/api/login", json={"username": "admin", "password": "correct-horse-9"})
            _is_503_in_chinese(r, "没有写入权限")
            app = create_app(Settings(db_url=url, evidence_dir=tmp_path / "e"), ledger=ro)
            assert app.state.secret_persistent is False
        finally:
            ro.close()
        # serving such a database to the network is refused: no secret could be kept
        result = CliRunner().invoke(group, ["serve", "--db", url, "--host", "0.0.0.0"],
                                    env={"TAIZHANG_SECRET": ""})
        assert isinstance(result.exception, InputError), result.output
        assert "没有可长期保存的会话密钥" in str(result.exception)
    finally:
        with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={name}",
                             autocommit=True) as c:
            c.execute(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"')
            c.execute(f'DROP OWNED BY "{role}"')
        with psycopg.connect(PG, autocommit=True) as c:
            c.execute(f'DROP ROLE IF EXISTS "{role}"')
