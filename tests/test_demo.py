"""The README's first command: the demo on the bundled samples, into a fresh SQLite file."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from taizhang.cli.demo_cmd import DEMO_USERS, demo


def test_demo_ingests_the_samples_and_makes_one_account_per_role(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    result = CliRunner().invoke(demo, ["--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.count("已导入") == 5
    assert "市发展改革委" in result.output and "●红" in result.output

    from taizhang.config import Settings
    from taizhang.store import Ledger

    with Ledger.from_settings(Settings(db_url=db)) as ledger:
        users = {u.username: u for u in ledger.list_users()}
        assert set(users) == {name for name, *_ in DEMO_USERS}
        assert users["fgw"].unit == "市发展改革委"
        assert len(ledger.list_items(today=None)) > 100

    again = CliRunner().invoke(demo, ["--db", db])  # re-running changes nothing and still works
    assert again.exit_code == 0, again.output
