"""Real servers on loopback for the 催办 tests: an SMTP server (aiosmtpd, with STARTTLS or
implicit TLS and a login), an HTTP receiver answering as 企业微信, 钉钉 and 飞书 robots do, and a
fresh ledger on SQLite or PostgreSQL (a database of its own, dropped afterwards)."""
from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest

from taizhang.notify.settings import NotifySettings
from taizhang.parse.model import Assignment, Deadline, Document, Period, Task
from taizhang.store import Ledger

TODAY = dt.date(2026, 3, 2)  # a Monday
MORNING = dt.datetime(2026, 3, 2, 9, 0)
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
SMTP_USER, SMTP_PASSWORD = "duchashi@example.gov.cn", "smtp-pass-Secret-42"
DING_SECRET = "SEC0123456789abcdefTEST"
FEISHU_SECRET = "feishuSigningSecret99"


def _assign(text: str, lead: str, *, support: tuple[str, ...] = (), due: str | None = None,
            rrule: str | None = None) -> Assignment:
    deadline = (Deadline(due or "按月", due, rrule, "recurring" if rrule else "date"),)
    return Assignment(text=text, span=(0, 1), lead=(lead,), support=support, deadlines=deadline)


def document(*, extra: int = 0, many: int = 0) -> Document:
    """沈阳市: one item due soon, one overdue, one monthly report missing, one far off;
    ``extra`` more overdue items of 市发展改革委 (a later version), ``many`` overdue items of
    市营商局 (to overflow a robot's size limit)."""
    specs = [
        ("推行管委会模式", _assign("推行“管委会+平台公司”运营管理模式。", "市发展改革委",
                                 support=("市财政局",), due="2026-03-05")),
        ("开展产业优势调查", _assign("开展产业优势调查。", "市发展改革委", due="2026-02-20")),
        ("按月调度项目进展", _assign("按月调度项目进展情况。", "市财政局", rrule="FREQ=MONTHLY")),
        ("优化营商环境", _assign("持续优化营商环境。", "市营商局", due="2026-06-30")),
    ]
    specs += [(f"新增超期任务{i}", _assign(f"新增超期任务{i}的具体内容。", "市发展改革委",
                                          due="2026-02-25")) for i in range(extra)]
    specs += [(f"营商环境专项整治第{i}项“重点”事项[{i}]",
               _assign(f"营商环境专项整治第{i}项。", "市营商局", due="2026-01-31"))
              for i in range(many)]
    tasks = tuple(Task(key=f"一/({i + 1})", section=("一、主要任务",), title=title, text=a.text,
                       span=(0, 1), assignments=(a,)) for i, (title, a) in enumerate(specs))
    return Document(source="notify.txt", text=f"催办测试文件正文{extra}-{many}",
                    title="沈阳市催办测试工作方案", doc_number="沈政办发〔2026〕1号",
                    issuer="沈阳市人民政府办公厅", issued_on="2025-12-20",
                    period=Period("2026-01-01", "2026-12-31"), tasks=tasks)


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[list[str]]:
    made: list[str] = []
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:  # fails loudly when PG is down
        conn.execute("SELECT 1")
    yield made
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path, pg_databases: list[str]) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'notify.db'}"
    name = f"taizhang_notify_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    pg_databases.append(name)
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'notify.db'}"


def seeded(url: str, **kw: Any) -> Ledger:
    ledger = Ledger(url)
    ledger.ingest(document(**kw), actor="test")
    return ledger


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:
    lg = seeded(db_url)
    yield lg
    lg.close()


@pytest.fixture
def sqlite_ledger(sqlite_url: str) -> Iterator[Ledger]:
    lg = seeded(sqlite_url)
    yield lg
    lg.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- TLS: a self-signed certificate for 127.0.0.1, trusted by the client through its CA file ---

@pytest.fixture(scope="session")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
                critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@dataclass
class Mailbox:
    """What the SMTP server received, and how to reach it."""

    port: int
    security: str
    cafile: str
    messages: list[Any] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    def settings(self, **over: Any) -> NotifySettings:
        base = dict(smtp_host="127.0.0.1", smtp_port=self.port, smtp_security=self.security,
                    smtp_user=SMTP_USER, smtp_password=SMTP_PASSWORD, smtp_cafile=self.cafile,
                    smtp_from="台账督查室 <duchashi@example.gov.cn>", backoff=0.01, timeout=5.0,
                    base_url="https://taizhang.example.gov.cn")
        return NotifySettings(**(base | over))


def _smtp(security: str, certificate: tuple[Path, Path]) -> Iterator[Mailbox]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(certificate[0]), str(certificate[1]))
    box = Mailbox(free_port(), security, str(certificate[0]))

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            box.messages.append(envelope)
            return "250 OK"

    def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                      auth_data: Any) -> AuthResult:
        ok = auth_data.login == SMTP_USER.encode() and auth_data.password == SMTP_PASSWORD.encode()
        box.logins.append(auth_data.login.decode())
        return AuthResult(success=ok, handled=False)  # False: the server answers 535 itself

    kwargs: dict[str, Any] = {"authenticator": authenticator, "auth_require_tls": True}
    if security == "starttls":
        kwargs |= {"tls_context": ctx, "require_starttls": True}
    else:
        kwargs |= {"ssl_context": ctx, "auth_require_tls": False}
    controller = Controller(Handler(), hostname="127.0.0.1", port=box.port, **kwargs)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(certificate: tuple[Path, Path]) -> Iterator[Mailbox]:
    """STARTTLS on a plain port, login required after it."""
    yield from _smtp("starttls", certificate)


@pytest.fixture
def smtps_server(certificate: tuple[Path, Path]) -> Iterator[Mailbox]:
    """Implicit TLS (as on port 465)."""
    yield from _smtp("ssl", certificate)


# --- the group robots ---------------------------------------------------------------------------

@dataclass
class Hit:
    path: str
    raw_query: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))


@dataclass
class Robots:
    """An HTTP server answering as the three robots; a token containing ``fail500`` answers 500,
    ``badsign`` the robot's signature error."""

    port: int
    hits: list[Hit] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wecom(self, token: str = "wecomKey0001") -> str:
        return f"{self.base}/cgi-bin/webhook/send?key={token}"

    def dingtalk(self, token: str = "dingToken0001") -> str:
        return f"{self.base}/robot/send?access_token={token}"

    def feishu(self, token: str = "feishuHook0001") -> str:
        return f"{self.base}/open-apis/bot/v2/hook/{token}"

    def settings(self, **over: Any) -> NotifySettings:
        base = dict(robot_hosts=("127.0.0.1",), backoff=0.01, timeout=5.0,
                    base_url="https://taizhang.example.gov.cn")
        return NotifySettings(**(base | over))


@pytest.fixture
def robots() -> Iterator[Robots]:
    box = Robots(free_port())

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(min(length, 1_000_000))
            parts = urlsplit(self.path)
            box.hits.append(Hit(parts.path, parts.query, parse_qs(parts.query), dict(self.headers),
                                body))
            if "fail500" in self.path:
                self._answer(500, b"internal error")
                return
            feishu = parts.path.startswith("/open-apis/")
            if "badsign" in self.path:
                answer = ({"code": 19021, "msg": "sign match fail or timestamp is not within one hour from current time"}
                          if feishu else {"errcode": 310000, "errmsg": "sign not match"})
            else:
                answer = {"code": 0, "msg": "success", "data": {}} if feishu else \
                    {"errcode": 0, "errmsg": "ok"}
            self._answer(200, json.dumps(answer).encode())

        def _answer(self, status: int, data: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = ThreadingHTTPServer(("127.0.0.1", box.port), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield box
    finally:
        server.shutdown()
        server.server_close()
