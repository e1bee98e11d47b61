"""``taizhang serve`` (the web app) and ``taizhang users`` (its accounts).

Heavy imports (FastAPI, uvicorn, SQLAlchemy, argon2) happen inside the commands so that
``taizhang parse`` does not pay for them.
"""
from __future__ import annotations

import click

from taizhang.cli.ledger_common import parse_date
from taizhang.cli.output import Listing, chosen, emit, output_options
from taizhang.errors import InputError

ROLE_WORDS = {"admin": "admin", "管理员": "admin", "督查室": "admin",
              "reporter": "reporter", "填报员": "reporter", "单位填报员": "reporter",
              "leader": "leader", "领导": "leader"}

db_option = click.option("--db", "db", envvar="TAIZHANG_DB", default=None, metavar="URL",
                         help="数据库地址（默认当前目录的 taizhang.db；也可设环境变量 TAIZHANG_DB）")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址（默认只允许本机访问；对局域网开放请用 0.0.0.0 并配好防火墙）")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="端口")
@click.option("--today", "today", default=None, metavar="YYYY-MM-DD",
              help="按这一天计算亮灯（演示和核对用；默认每天的实际日期）")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="工作进程数（PostgreSQL 时可大于 1）")
@click.option("--remind-at", default=None, metavar="HH:MM", envvar="TAIZHANG_REMIND_AT",
              help="每天这个时刻自动发送催办（也可设环境变量 TAIZHANG_REMIND_AT；多个工作进程只发一次）")
@click.option("--trusted-proxy", "proxies", multiple=True, metavar="地址",
              help="反向代理的地址或网段（可多次给出，或设环境变量 TAIZHANG_TRUSTED_PROXIES，逗号分隔）；"
                   "只有它们发来的 X-Forwarded-Proto/-For 会被采信（https 时 Cookie 加 Secure）")
def serve(db: str | None, host: str, port: int, today: str | None, workers: int,
          remind_at: str | None, proxies: tuple[str, ...]) -> int:
    """启动网页端（总览、文件核对、任务、单位填报、督办、催办、日历；接口在 /api）。"""
    import dataclasses
    import datetime as dt
    import os

    import uvicorn

    from taizhang.config import Settings
    from taizhang.notify.settings import NotifySettings, parse_clock
    from taizhang.store import Ledger

    settings = Settings.from_env(db_url=db)
    if proxies:
        settings = dataclasses.replace(settings, trusted_proxies=settings.trusted_proxies + proxies)
    fixed = parse_date(today, "--today")
    notify = NotifySettings.from_env()
    if remind_at:
        notify = dataclasses.replace(notify, remind_at=parse_clock(remind_at, "--remind-at"))
        os.environ["TAIZHANG_REMIND_AT"] = remind_at  # the worker processes read it too
        click.echo(f"每天 {notify.remind_at:%H:%M} 自动发送催办（见“催办”页面）", err=True)
    # the web app serves a ledger that exists: a mistyped --db stops here, naming the fix
    with Ledger.from_settings(settings, create=False) as ledger:
        users = ledger.list_users()
        kept = settings.secret_key is not None or _stored_secret(ledger)
    if not kept and not is_loopback(host):
        raise InputError(f"监听 {host} 对外开放，但没有可长期保存的会话密钥（数据库无法写入，"
                         "也没有设置 TAIZHANG_SECRET）",
                         hint="请设置环境变量 TAIZHANG_SECRET（至少 32 个字符），或让数据库可写；"
                              "仅本机试用可用 --host 127.0.0.1")
    if not users:
        click.echo("提示：还没有任何用户。请先创建管理员账号，例如：\n"
                   f"  taizhang users add admin --role admin{_db_arg(db)}\n"
                   "然后用该账号登录，再为各单位创建填报员（--role reporter --unit 单位名）。",
                   err=True)
    if not kept:
        click.echo("提示：数据库无法写入，会话密钥只在本次运行有效（重启后需重新登录、日历订阅链接失效）。",
                   err=True)
    click.echo(f"台账网页端：http://{host}:{port}/  （数据库：{_shown_url(settings.db_url)}；按 Ctrl+C 停止）")
    # X-Forwarded-* are handled by the app, from the configured proxies only (web/headers.py):
    # uvicorn's own handling would believe any client on 127.0.0.1
    if workers > 1 or fixed or settings.trusted_proxies:
        # workers are separate processes: hand the settings over through the environment
        os.environ["TAIZHANG_DB"] = settings.db_url
        if settings.trusted_proxies:
            os.environ["TAIZHANG_TRUSTED_PROXIES"] = ",".join(settings.trusted_proxies)
        if fixed:
            os.environ["TAIZHANG_TODAY"] = fixed.isoformat()
        uvicorn.run("taizhang.web.app:app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level="warning", proxy_headers=False)
    else:
        from taizhang.web import create_app

        uvicorn.run(create_app(settings, today=dt.date.today, notify=notify), host=host,
                    port=port, log_level="warning", proxy_headers=False)
    return 0


def _stored_secret(ledger: object) -> bool:
    """True when the ledger keeps (or can now make and keep) its own secret."""
    from taizhang.errors import StorageError

    try:
        ledger.instance_secret()  # type: ignore[attr-defined]
    except StorageError:
        return False
    except Exception as err:  # noqa: BLE001 - a read-only database refuses the first write
        from taizhang.store.failures import storage_failure

        if storage_failure(err) is None:
            raise
        return False
    return True


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1`` and ``localhost`` serve this machine only."""
    import ipaddress

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _shown_url(url: str) -> str:
    """The database URL without its password."""
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for display
        return url.split("@")[-1]


def _db_arg(db: str | None) -> str:
    return f" --db {db}" if db else ""


@click.group()
def users() -> None:
    """管理网页端用户（管理员、单位填报员、领导）。"""


@users.command("add")
@click.argument("username")
@click.option("--role", required=True,
              help="角色：admin（管理员/督查室）、reporter（单位填报员）、leader（领导，只读）")
@click.option("--unit", default=None, help="填报员所属单位（名称或简称，如 市财政局）")
@click.option("--jurisdiction", default=None, help="单位所在地区（同名单位在多个地区时必填，如 沈阳市）")
@click.option("--password", default=None, help="密码（不填则提示输入，不回显）")
@db_option
def add(username: str, role: str, unit: str | None, jurisdiction: str | None,
        password: str | None, db: str | None) -> int:
    """新建用户，例如：taizhang users add caizhengju --role reporter --unit 市财政局"""
    from taizhang.config import Settings
    from taizhang.store import Ledger
    from taizhang.web.auth import check_username, hash_password

    username = check_username(username)
    code = ROLE_WORDS.get(role.strip())
    if code is None:
        raise InputError(f"角色“{role}”无法识别", hint="可选：admin、reporter、leader（或 管理员、填报员、领导）")
    if code == "reporter" and not unit:
        raise InputError("单位填报员必须指定所属单位", hint="请加上 --unit 单位名，例如 --unit 市财政局")
    if code != "reporter" and unit:
        raise InputError(f"角色 {code} 不绑定单位，却给了 --unit {unit}", hint="只有 reporter 需要 --unit")
    if password is None:
        password = click.prompt("密码", hide_input=True, confirmation_prompt="再输入一次")
    hashed = hash_password(password)  # refuses short passwords before anything is written
    with Ledger.from_settings(Settings.from_env(db_url=db), create=False) as ledger:
        unit_id = ledger.resolve_unit(jurisdiction, unit).id if unit else None
        user = ledger.create_user(username.strip(), hashed, code, unit_id=unit_id,
                                  actor="cli")
    where = f"，单位：{user.unit}" if user.unit else ""
    click.echo(f"已创建用户 {user.username}（{code}{where}）")
    return 0


@users.command("list")
@db_option
@output_options
def list_users(db: str | None, fmt: str, no_bom: bool, as_json: bool) -> int:
    """列出用户（不显示密码）。"""
    from taizhang.config import Settings
    from taizhang.store import Ledger
    from taizhang.web.auth import ROLES

    with Ledger.from_settings(Settings.from_env(db_url=db), create=False) as ledger:
        rows = ledger.list_users()

    def text() -> str:
        if not rows:
            return "还没有用户。创建管理员：taizhang users add admin --role admin\n"
        return "".join(f"{u.username}\t{ROLES.get(u.role.value, u.role.value)}\t{u.unit or ''}\n"
                       for u in rows)

    emit(Listing([("用户名", 16), ("角色", 10), ("单位", 24)],
                 [[u.username, ROLES.get(u.role.value, u.role.value), u.unit or ""] for u in rows],
                 [u.to_dict() for u in rows], text=text), chosen(fmt, as_json), no_bom=no_bom)
    return 0


@users.command("revoke")
@click.argument("username")
@db_option
def revoke(username: str, db: str | None) -> int:
    """注销用户的全部登录会话（如手机丢失、人员调离）：已登录的浏览器须重新登录。"""
    from taizhang.config import Settings
    from taizhang.store import Ledger

    with Ledger.from_settings(Settings.from_env(db_url=db)) as ledger:
        ended = ledger.end_sessions(username, actor="cli")
    click.echo(f"已注销 {username} 的 {ended} 个登录会话")
    return 0


@users.command("passwd")
@click.argument("username")
@click.option("--password", default=None, help="新密码（不填则提示输入）")
@db_option
def passwd(username: str, password: str | None, db: str | None) -> int:
    """重设用户密码。"""
    from taizhang.config import Settings
    from taizhang.store import Ledger
    from taizhang.web.auth import hash_password

    if password is None:
        password = click.prompt("新密码", hide_input=True, confirmation_prompt="再输入一次")
    hashed = hash_password(password)
    with Ledger.from_settings(Settings.from_env(db_url=db), create=False) as ledger:
        ledger.set_password_hash(username, hashed, actor="cli")
    click.echo(f"已重设 {username} 的密码（其已登录的会话均已注销）")
    return 0
