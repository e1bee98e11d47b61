"""``taizhang remind`` and ``taizhang contacts`` as a person types them: bad input gets a Chinese
message, a non-zero exit, nothing sent and nothing written; a failed send exits 5."""
from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import create_engine, inspect, text

from taizhang.cli import main
from taizhang.store import Ledger

from tests.notify.conftest import DING_SECRET, Robots


def snapshot(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        names = sorted(n for n in inspect(engine).get_table_names() if not n.startswith("items_fts"))
        with engine.connect() as conn:
            return {n: sorted(map(repr, conn.execute(text(f'SELECT * FROM "{n}"')).all()))
                    for n in names}
    finally:
        engine.dispose()


def _cli(ledger: Ledger, monkeypatch: pytest.MonkeyPatch,
         capsys: pytest.CaptureFixture[str]) -> Any:
    monkeypatch.setenv("TAIZHANG_DB", ledger.url)
    monkeypatch.setenv("TAIZHANG_ROBOT_HOSTS", "127.0.0.1")
    monkeypatch.setenv("TAIZHANG_BASE_URL", "https://taizhang.example.gov.cn")
    monkeypatch.setenv("TAIZHANG_NOTIFY_BACKOFF_MS", "10")

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main(list(args))
        except SystemExit as stop:
            code = stop.code
        out = capsys.readouterr()
        return int(code or 0), out.out, out.err

    return run


@pytest.fixture
def cli(ledger: Ledger, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Any:
    """On SQLite and on PostgreSQL."""
    return _cli(ledger, monkeypatch, capsys)


@pytest.fixture
def cli_sqlite(sqlite_ledger: Ledger, monkeypatch: pytest.MonkeyPatch,
               capsys: pytest.CaptureFixture[str]) -> Any:
    """The input checks come before any database work: SQLite is enough for the table."""
    return _cli(sqlite_ledger, monkeypatch, capsys)


def test_add_list_send_and_log(cli: Any, robots: Robots, ledger: Ledger) -> None:
    code, out, _ = cli("contacts", "add", "--unit", "市发改委", "--jurisdiction", "沈阳市",
                       "--dingtalk", robots.dingtalk("cliToken00001"), "--secret", DING_SECRET)
    assert code == 0 and "已添加联系方式 1：市发展改革委 · 钉钉群机器人" in out
    assert "cliToken00001" not in out and DING_SECRET not in out
    code, out, _ = cli("contacts", "list")
    assert "已设加签" in out and "cliToken00001" not in out and DING_SECRET not in out
    code, out, _ = cli("contacts", "set", "市发展改革委", "--jurisdiction", "沈阳市",
                       "--days-before", "3", "--quiet", "none")
    assert code == 0 and "提前 3 天提醒" in out and "免打扰 不设" in out
    code, out, _ = cli("remind", "--today", "2026-03-02", "--time", "09:00", "--dry-run")
    assert code == 0 and "将发送  市发展改革委" in out and "试运行" in out
    assert robots.hits == []
    code, out, _ = cli("remind", "--today", "2026-03-02", "--time", "09:00")
    assert code == 0 and "已发送  市发展改革委" in out and "发送 1 条，失败 0 条" in out
    assert len(robots.hits) == 1
    code, out, _ = cli("remind", "--today", "2026-03-02", "--time", "09:00")
    assert code == 0 and "没有需要发送的新内容" in out and len(robots.hits) == 1
    code, out, _ = cli("remind", "log")
    assert re.search(r"已发送 +每日催办 +市发展改革委", out) and "cliToken00001" not in out
    code, out, _ = cli("contacts", "test", "1", "--today", "2026-03-02")
    assert code == 0 and "测试消息已发送" in out
    assert "这是一条测试消息" in robots.hits[-1].json["markdown"]["text"]


def test_failed_send_exits_5_and_is_logged(cli_sqlite: Any, robots: Robots) -> None:
    cli = cli_sqlite
    cli("contacts", "add", "--unit", "市发展改革委", "--wecom", robots.wecom("fail500token"))
    code, out, err = cli("remind", "--today", "2026-03-02", "--time", "09:00")
    assert code == 5
    assert "失败  市发展改革委" in out and "已尝试 3 次" in out
    assert "错误：1 条催办发送失败，已记录" in err
    code, out, _ = cli("remind", "log", "--state", "failed")
    assert "发送失败" in out and "HTTP 500" in out and "fail500token" not in out


@pytest.mark.parametrize("args, code, message", [
    pytest.param(["contacts", "add", "--unit", "市发展改革委", "--email", "not-an-address"], 2,
                 "邮箱地址“not-an-address”格式不对", id="bad_email"),
    pytest.param(["contacts", "add", "--unit", "市发展改革委", "--email",
                  "张三 <a@b.cn>, c@d.cn"], 2, "格式不对", id="address_list"),
    pytest.param(["contacts", "add", "--unit", "市发展改革委", "--wecom",
                  "https://evil.example.com/cgi-bin/webhook/send?key=abcdefgh12"], 2,
                 "不是企业微信群机器人的服务器", id="foreign_host"),
    pytest.param(["contacts", "add", "--unit", "市发展改革委", "--wecom",
                  "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh12"], 2,
                 "必须用 https", id="plain_http"),
    pytest.param(["contacts", "add", "--unit", "市发展改革委", "--dingtalk",
                  "https://oapi.dingtalk.com/robot/send"], 2, "缺少有效的 access_token",
                 id="no_token"),
    pytest.param(["contacts", "add", "--unit", "市发展改革委", "--dingtalk",
                  "https://oapi.dingtalk.com/robot/send?access_token=abcdefgh12",
                  "--secret", "nosec"], 2, "应以 SEC 开头", id="bad_ding_secret"),
    pytest.param(["contacts", "add", "--unit", "市发展改革委", "--feishu",
                  "https://open.feishu.cn/open-apis/bot/v2/other/abc"], 2, "缺少有效的",
                 id="feishu_path"),
    pytest.param(["contacts", "add", "--unit", "市不存在局", "--email", "a@b.cn"], 3,
                 "没有名为“市不存在局”", id="unknown_unit"),
    pytest.param(["contacts", "add", "--email", "a@b.cn"], 2, "要么属于一个单位", id="no_owner"),
    pytest.param(["contacts", "add", "--unit", "市发展改革委"], 2, "请给出且只给出一种联系方式",
                 id="no_channel"),
    pytest.param(["contacts", "remove", "99"], 3, "没有编号为 99 的联系方式", id="unknown_contact"),
    pytest.param(["contacts", "set", "市发展改革委", "--quiet", "8点到9点"], 2, "免打扰时段",
                 id="bad_quiet"),
    pytest.param(["remind", "--today", "2026-13-01"], 2, "--today“2026-13-01”不是日期", id="bad_today"),
    pytest.param(["remind", "--time", "25:00"], 2, "--time“25:00”不是时刻", id="bad_time"),
    pytest.param(["remind", "--unit", "市不存在局"], 3, "没有名为“市不存在局”", id="remind_unknown_unit"),
])
def test_bad_input(cli_sqlite: Any, robots: Robots, sqlite_ledger: Ledger, args: list[str],
                   code: int, message: str) -> None:
    cli, ledger = cli_sqlite, sqlite_ledger
    cli("contacts", "add", "--unit", "市发展改革委", "--wecom", robots.wecom())
    before = snapshot(ledger.url)
    got, out, err = cli(*args)
    assert got == code, err
    assert message in err and err.startswith("错误：")
    assert snapshot(ledger.url) == before  # nothing written
    assert robots.hits == []  # nothing sent
