"""Hash chains over the history (ADR 0027): `verify --all` names the first broken link of a
database edited behind the program's back; the migration links rows stored before it exactly as
the store links new ones; a run pins the chain heads. Real SQLite files, the real command line.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import create_engine, text

from samenwerkingsmonitor.adapters.storage import migrations, open_repository
from samenwerkingsmonitor.services.storage.hash_chain import link_rows, verify
from support.cli import Cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src/samenwerkingsmonitor/example"


def filled(cli: Cli, database: Path) -> None:
    for args in (("init",), ("register", str(EXAMPLE / "organisatie.toml")),
                 ("import", str(EXAMPLE / "metingen.csv")),
                 ("assess", "--subjects", "GM0397", "--years", "2018-2020",
                  "--baseline", "2018")):
        code, _out, err = cli("--database", str(database), *args)
        assert code == 0, err


def test_an_untouched_history_verifies_and_shows_its_heads(cli: Cli, tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    filled(cli, database)
    code, out, err = cli("--database", str(database), "verify", "--all", "--format", "json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    heads = open_repository(f"sqlite:///{database}").chain_heads()
    assert result["intact"] is True and result["breaks"] == []
    assert result["heads"] == {t: {"link": h.seq, "hash": h.chain_hash} for t, h in heads.items()}
    rows = open_repository(f"sqlite:///{database}").dump()
    assert result["heads"]["measurement_versions"]["link"] == len(rows["measurement_versions"])
    run = open_repository(f"sqlite:///{database}").run("latest")
    assert run is not None
    assert dict((t, (s, h)) for t, s, h in run.chain_heads) == {
        t: (h.seq, h.chain_hash) for t, h in heads.items() if t != "runs"}


def test_a_value_changed_behind_the_programs_back_is_named_by_verify_all(
        cli: Cli, tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    filled(cli, database)
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as conn:  # what someone with the file and a SQLite tool could do
        conn.execute(text("DROP TRIGGER measurement_versions_no_update"))
        conn.execute(text("UPDATE measurement_versions SET value = value + 1 WHERE id = 17"))
    engine.dispose()
    code, out, err = cli("--database", str(database), "verify", "--all")
    assert (code, err) == (1, "")
    assert out.splitlines()[:2] == [
        f"De historie in sqlite:///{database} is gewijzigd buiten samenwerkingsmonitor om: 1 "
        "hashketens zijn gebroken.",
        "- De hashketen van tabel measurement_versions is gebroken bij schakel 17 (rij 17): de "
        "rij is gewijzigd nadat hij is vastgelegd."]


def test_a_link_removed_is_named_too(cli: Cli, tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    filled(cli, database)
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER chain_links_no_delete"))
        conn.execute(text("DELETE FROM chain_links WHERE table_name = 'documents' AND seq = 1"))
    engine.dispose()
    code, out, _err = cli("--database", str(database), "verify", "--all")
    assert code == 1
    assert out.splitlines()[1] == ("- De hashketen van tabel documents is gebroken bij schakel 1:"
                                   " de schakel ontbreekt.")


def test_the_migration_links_stored_rows_as_the_store_links_new_ones(
        cli: Cli, tmp_path: Path) -> None:
    database = tmp_path / "a.db"
    filled(cli, database)
    before = open_repository(f"sqlite:///{database}").chain_heads()
    engine = create_engine(f"sqlite:///{database}")
    with engine.begin() as conn:
        migrations.downgrade(conn, "0001")
    with engine.begin() as conn:
        migrations.upgrade(conn)
    engine.dispose()
    repo = open_repository(f"sqlite:///{database}")
    after = repo.chain_heads()
    assert repo.verify_chains() == []
    for table in ("documents", "batches", "measurement_versions"):
        assert after[table] == before[table]
    assert after["runs"].seq == before["runs"].seq == 1


def test_verify_asks_for_a_run_or_all(cli: Cli, tmp_path: Path) -> None:
    code, _out, err = cli("--database", str(tmp_path / "a.db"), "verify")
    assert (code, err) == (2, "Fout: Geef een toetsing (bijv. R-0001 of latest) of --all, niet "
                              "allebei en niet geen van beide.\n")


def test_linking_in_pages_gives_the_same_chain_as_linking_at_once() -> None:
    columns = [("id", "integer"), ("text", "text")]
    rows = [{"id": i, "text": f"rij {i}"} for i in range(1, 11)]
    at_once = link_rows("documents", rows, columns, None)
    first = link_rows("documents", rows[:3], columns, None)
    assert first + link_rows("documents", rows[3:], columns, first[-1]) == at_once
    assert verify("documents", rows, columns, [link.as_row() for link in at_once]) is None
    changed = [*rows[:4], {"id": 5, "text": "vervalst"}, *rows[5:]]
    found = verify("documents", changed, columns, [link.as_row() for link in at_once])
    assert found is not None and (found.seq, found.position) == (5, 5)
