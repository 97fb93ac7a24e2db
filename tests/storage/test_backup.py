"""`backup` and `restore`: one self-describing file, restored exactly, damage refused.

Real SQLite files; with SAMENWERKINGSMONITOR_TEST_POSTGRES_URL set also SQLite → PostgreSQL →
SQLite, each PostgreSQL database a schema of its own, dropped afterwards.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import SqlRepository, migrations, open_repository
from samenwerkingsmonitor.adapters.storage.backup_file import ZipBackupFiles
from samenwerkingsmonitor.adapters.storage.restore import SqlBackupStore
from samenwerkingsmonitor.adapters.storage.tables import HISTORY_TABLES
from samenwerkingsmonitor.domain.judgements import finding_key
from samenwerkingsmonitor.errors import InputRefused, StorageError
from samenwerkingsmonitor.services.assessment.assess import AssessmentRequest, run_assessment
from samenwerkingsmonitor.services.assessment.review import (
    Upload,
    add_comment,
    change_status,
    record_judgement,
)
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.organisation.process_events import (
    NewProcessEvent,
    record_event,
)
from samenwerkingsmonitor.services.organisation.register import (
    load_registered_organisation,
    register_organisation,
)
from samenwerkingsmonitor.services.storage.backup import create_backup, parsed_value, restore_backup
from samenwerkingsmonitor.services.storage.hash_chain import link_rows
from support.cli import Cli
from support.databases import needs_postgres, postgres_schemas
from support.workflow import import_file

HEAD = migrations.head_revision()  # the schema every new backup names
TABLES = len(HISTORY_TABLES)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src/samenwerkingsmonitor/example"
FILES = TomlFrameworkFiles()
TEAM = "heemstede-bloemendaal/communicatie"
COOPERATION = "heemstede-bloemendaal"


def filled(url: str, folder: Path) -> SqlRepository:
    """A database built through the real services: organisation, example import, a
    correction, and an assessment run."""
    repo = open_repository(url)
    repo.migrate()
    register_organisation(repo, EXAMPLE / "organisatie.toml", "tester", "test",
                          reader=read_organisation)
    organisation = load_registered_organisation(repo, reader=read_organisation)
    framework = load_framework("standaardkader", FILES)
    import_file(repo, EXAMPLE / "metingen.csv", organisation, framework, "tester", "")
    correction = folder / "correctie.csv"
    correction.write_text("onderwerp,indicator,jaar,soort,waarde,eenheid,bron,toelichting\n"
                          "GM0397,inwoners,2019,realisatie,27287,aantal,CBS,'=gecorrigeerd\n",
                          encoding="utf-8")
    import_file(repo, correction, organisation, framework, "tester", "telfout")
    outcome = run_assessment(repo, AssessmentRequest((TEAM, "GM0397", COOPERATION), 2018, 2020,
                                                     2018), "tester",
                             framework_files=FILES, organisation_reader=read_organisation)
    # The human side of the run travels with it (issue 12): an event, a judgement with
    # evidence that is no text, a status change and a comment.
    record_event(repo, organisation, NewProcessEvent(
        "raadsinformatiebrief", COOPERATION, date(2020, 12, 1), "Voortgang", "RIB-2020-099",
        "GM0397"), "griffie", "brief verzonden")
    finding = outcome.findings[0]
    record_judgement(repo, outcome.run.id, finding_key(finding.subject, finding.indicator,
                                                       finding.year, finding.norm),
                     "gekwalificeerd", "klopt", None, "beoordelaar", "bureau-x",
                     evidence=[Upload("scan.png", bytes(range(256)))])
    change_status(repo, outcome.run.id, "ter_bespreking", "griffie", "")
    add_comment(repo, outcome.run.id, "Graag toelichting", "", "begeleidingsgroep", "raadslid")
    return repo


def backup(repo: SqlRepository, path: Path) -> Path:
    create_backup(SqlBackupStore(repo), path, ZipBackupFiles())
    return path


def restore(url: str, path: Path) -> SqlRepository:
    repo = open_repository(url)
    restore_backup(SqlBackupStore(repo), path, ZipBackupFiles())
    return repo


@pytest.fixture
def postgres() -> Iterator[Callable[[], str]]:
    """Make URLs of new, empty PostgreSQL schemas; all are dropped afterwards."""
    with postgres_schemas() as urls:
        yield lambda: next(urls)


def test_restore_into_a_new_file_reproduces_every_table(tmp_path: Path) -> None:
    source = filled(f"sqlite:///{tmp_path / 'bron.db'}", tmp_path)
    path = backup(source, tmp_path / "kopie.zip")
    copy = restore(f"sqlite:///{tmp_path / 'kopie.db'}", path)
    original = source.dump()
    assert copy.dump() == original
    example_rows = len((EXAMPLE / "metingen.csv").read_text(encoding="utf-8").splitlines()) - 1
    counts = {name: len(rows) for name, rows in original.items()}
    assert counts["measurement_versions"] == example_rows + 1  # and the one correction
    assert {name: counts[name] for name in ("process_events", "judgements",
                                             "judgement_evidence", "run_statuses",
                                             "run_comments")} == dict.fromkeys(
        ("process_events", "judgements", "judgement_evidence", "run_statuses", "run_comments"), 1)
    (evidence,) = copy.judgements("R-0001")[0].evidence
    assert evidence.content == bytes(range(256))
    # A restored database goes on where the original stopped: the next batch gets the next id.
    assert copy.last_batch_id() == source.last_batch_id() == 2
    assert copy.next_run_id() == "R-0002"


def test_the_file_describes_itself(tmp_path: Path) -> None:
    source = filled(f"sqlite:///{tmp_path / 'bron.db'}", tmp_path)
    path = backup(source, tmp_path / "kopie.zip")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist()[0] == "manifest.json"
        manifest = json.loads(archive.read("manifest.json"))
    assert {k: manifest[k] for k in ("format", "format_version", "program_version",
                                     "schema_revision")} == {
        "format": "samenwerkingsmonitor-backup", "format_version": 1,
        "program_version": "0.1.0", "schema_revision": HEAD}
    counts = {t["name"]: t["row_count"] for t in manifest["tables"]}
    assert counts == {name: len(rows) for name, rows in source.dump().items()}
    assert all(len(t["sha256"]) == 64 for t in manifest["tables"])


def test_a_restored_database_can_be_backed_up_to_the_same_rows(tmp_path: Path) -> None:
    source = filled(f"sqlite:///{tmp_path / 'bron.db'}", tmp_path)
    first = backup(source, tmp_path / "een.zip")
    second = backup(restore(f"sqlite:///{tmp_path / 'kopie.db'}", first), tmp_path / "twee.zip")
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert [a.read(n) for n in a.namelist()[1:]] == [b.read(n) for n in b.namelist()[1:]]


@needs_postgres
def test_from_sqlite_to_postgresql_and_back(tmp_path: Path,
                                            postgres: Callable[[], str]) -> None:
    source = filled(f"sqlite:///{tmp_path / 'bron.db'}", tmp_path)
    on_server = restore(postgres(), backup(source, tmp_path / "een.zip"))
    assert on_server.dump() == source.dump()
    back = restore(f"sqlite:///{tmp_path / 'terug.db'}", backup(on_server, tmp_path / "twee.zip"))
    assert back.dump() == source.dump()
    # the sequences moved on: a new import on the server gets the next ids
    organisation = load_registered_organisation(on_server, reader=read_organisation)
    extra = tmp_path / "extra.csv"
    extra.write_text("onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n"
                     "GM0397,inwoners,2030,realisatie,28000,aantal,CBS\n", encoding="utf-8")
    import_file(on_server, extra, organisation, load_framework("standaardkader", FILES),
                "tester", "")
    assert on_server.last_batch_id() == 3
    # the chains hash the same on both backends, and the new import extended them (ADR 0027)
    assert on_server.verify_chains() == [] and back.verify_chains() == []
    versions = len(source.dump()["measurement_versions"])
    assert on_server.history("GM0397", "inwoners")[-1].version_id == versions + 1
    on_server.close()


@needs_postgres
def test_from_postgresql_to_sqlite(tmp_path: Path, postgres: Callable[[], str]) -> None:
    source = filled(postgres(), tmp_path)
    copy = restore(f"sqlite:///{tmp_path / 'kopie.db'}", backup(source, tmp_path / "k.zip"))
    assert copy.dump() == source.dump()
    assert source.verify_chains() == [] and copy.verify_chains() == []
    source.close()


# refusals

REFUSED = "Fout: Het bestand {name} is geweigerd als reservekopie; er is niets hersteld.\n"
NOT_OURS = ("- {name}: Het bestand is geen reservekopie van samenwerkingsmonitor. Kies een "
            "bestand dat met 'samenwerkingsmonitor backup' is gemaakt.\n")
DAMAGED = ("- {name}: De reservekopie is beschadigd of onvolledig (bijvoorbeeld afgebroken "
           "tijdens het kopiëren). Gebruik een andere reservekopie, of maak er een nieuwe met "
           "'samenwerkingsmonitor backup'.\n")
CHANGED = ("Het bestand is beschadigd of gewijzigd sinds de reservekopie is gemaakt; gebruik "
           "een andere reservekopie.")


def rewrite(path: Path, change: Callable[[str, bytes], bytes | None]) -> None:
    """Rebuild the zip with every member passed through `change` (None drops it): a damage
    that the zip's own CRC cannot see."""
    with zipfile.ZipFile(path) as archive:
        members = [(n, archive.read(n)) for n in archive.namelist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            new = change(name, data)
            if new is not None:
                archive.writestr(name, new)


def manifest_edit(**values: object) -> Callable[[str, bytes], bytes]:
    def change(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        return json.dumps({**json.loads(data), **values}).encode()
    return change


def one_row_changed(name: str, data: bytes) -> bytes:
    return data.replace(b"27287", b"27288") if name.endswith("measurement_versions.jsonl") \
        else data


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def not_a_zip(path: Path) -> None:
    path.write_text("onderwerp,indicator\n", encoding="utf-8")


def zip_without_manifest(path: Path) -> None:
    rewrite(path, lambda name, data: None if name == "manifest.json" else data)


def flip_a_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0xFF
    path.write_bytes(bytes(data))


CASES = [
    ("truncated", truncate, DAMAGED),
    ("flipped byte", flip_a_byte, DAMAGED),
    ("not a zip", not_a_zip, NOT_OURS),
    ("zip without manifest", zip_without_manifest, NOT_OURS),
    ("another format", lambda p: rewrite(p, manifest_edit(format="iets-anders")), NOT_OURS),
    ("format version 2", lambda p: rewrite(p, manifest_edit(format_version=2)),
     "- {name}: De reservekopie heeft formaatversie 2; deze versie van samenwerkingsmonitor "
     "leest formaatversie 1. Herstel met de versie van samenwerkingsmonitor waarmee de "
     "reservekopie is gemaakt (0.1.0).\n"),
    ("other schema", lambda p: rewrite(p, manifest_edit(schema_revision="0099")),
     "- {name}: De reservekopie heeft schemaversie 0099; deze database heeft schemaversie "
     f"{HEAD}. Herstel met de versie van samenwerkingsmonitor waarmee de reservekopie is gemaakt "
     "(0.1.0).\n"),
    ("bad checksum", lambda p: rewrite(p, one_row_changed),
     "- {name}: De controlesom van tabel measurement_versions klopt niet. " + CHANGED + "\n"),
    ("table missing", lambda p: rewrite(p, lambda n, d: None if "findings" in n else d),
     "- {name}: De controlesom van tabel findings klopt niet. " + CHANGED + "\n"),
]




@pytest.fixture(scope="module")
def good_backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("goed")
    return backup(filled(f"sqlite:///{folder / 'bron.db'}", folder), folder / "goed.zip")


@pytest.mark.parametrize(("case", "damage", "issue"), CASES, ids=[c[0] for c in CASES])
def test_a_damaged_file_is_refused_and_nothing_is_restored(cli: Cli,
        case: str, damage: Callable[[Path], None], issue: str, good_backup: Path,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kopie.zip"
    path.write_bytes(good_backup.read_bytes())
    damage(path)
    target = tmp_path / "doel.db"
    code, out, err = cli("--database", str(target), "restore", str(path))
    assert (code, out) == (1, "")
    assert err == REFUSED.format(name=path.name) + issue.format(name=path.name)
    if target.exists():  # a file that passed the container checks got a migrated database
        assert all(not rows for rows in open_repository(f"sqlite:///{target}").dump().values())


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputRefused) as error:
        restore(f"sqlite:///{tmp_path / 'doel.db'}", tmp_path / "weg.zip")
    assert [i.describe() for i in error.value.report.issues] == [
        "weg.zip: Het bestand kan niet worden gelezen: No such file or directory. Controleer "
        "het pad en de rechten op het bestand."]


def test_a_database_with_data_is_refused(cli: Cli, good_backup: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    target = open_repository(f"sqlite:///{tmp_path / 'doel.db'}")
    target.migrate()
    register_organisation(target, EXAMPLE / "organisatie.toml", "tester", "test",
                          reader=read_organisation)
    before = target.dump()
    code, out, err = cli("--database", str(tmp_path / "doel.db"),
                         "restore", str(good_backup))
    assert (code, out) == (1, "")
    assert err == (f"Fout: De database sqlite:///{tmp_path}/doel.db is niet leeg (tabellen met "
                   "gegevens: chain_links, documents). Een reservekopie wordt alleen in een lege "
                   "database teruggezet; kies een nieuwe database, bijvoorbeeld --database "
                   "nieuw.db.\n")
    assert target.dump() == before


def test_backup_and_restore_commands(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    source = filled(f"sqlite:///{tmp_path / 'bron.db'}", tmp_path)
    rows = sum(len(r) for r in source.dump().values())
    code, out, err = cli("--database", str(tmp_path / "bron.db"), "backup",
                         str(tmp_path / "k.zip"))
    assert (code, out, err) == (0, f"Reservekopie geschreven naar {tmp_path}/k.zip: {rows} rijen "
                                   f"in {TABLES} tabellen (schemaversie {HEAD}).\n", "")
    code, out, err = cli("--database", str(tmp_path / "nieuw.db"),
                         "restore", str(tmp_path / "k.zip"))
    assert (code, out, err) == (0, f"Reservekopie {tmp_path}/k.zip teruggezet in sqlite:///"
                                   f"{tmp_path}/nieuw.db: {rows} rijen in {TABLES} tabellen; alle "
                                   "controlesommen en hashketens kloppen.\n", "")


def test_backup_of_a_database_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(StorageError) as error:
        backup(open_repository(f"sqlite:///{tmp_path / 'weg.db'}"), tmp_path / "k.zip")
    assert str(error.value) == (f"De database sqlite:///{tmp_path}/weg.db is nog niet ingericht. "
                                "Draai eerst `samenwerkingsmonitor init`.")
    assert not (tmp_path / "k.zip").exists()


# forgery: a value edited and every checksum recomputed (ADR 0027)

CHAIN_HINT = ("De reservekopie is gewijzigd na het maken, of beschadigd; gebruik een andere "
              "reservekopie en bewaar reservekopieën waar niemand ze kan wijzigen.")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def _write_members(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _recompute_checksums(members: dict[str, bytes]) -> None:
    manifest = json.loads(members["manifest.json"])
    for table in manifest["tables"]:
        table["sha256"] = hashlib.sha256(members[table["member"]]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()


def _forge_value(members: dict[str, bytes]) -> tuple[int, int]:
    """27287 becomes 27288 in the corrected measurement; (its link number, its id)."""
    member = "tables/measurement_versions.jsonl"
    lines = members[member].decode().splitlines()
    at = next(i for i, line in enumerate(lines) if "27287" in line)
    row_id = json.loads(lines[at])[0]
    lines[at] = lines[at].replace("27287", "27288")
    members[member] = ("\n".join(lines) + "\n").encode()
    return at + 1, row_id  # rows are in id order, one link per row from 1


def test_a_forged_backup_with_every_checksum_recomputed_is_refused_at_the_broken_link(
        cli: Cli, good_backup: Path, tmp_path: Path) -> None:
    members = _members(good_backup)
    seq, row_id = _forge_value(members)
    _recompute_checksums(members)
    path = tmp_path / "vervalst.zip"
    _write_members(path, members)
    code, out, err = cli("--database", str(tmp_path / "doel.db"), "restore", str(path))
    assert (code, out) == (1, "")
    assert err == REFUSED.format(name=path.name) + (
        f"- {path.name}: De hashketen van tabel measurement_versions is gebroken bij schakel "
        f"{seq} (rij {row_id}): de rij is gewijzigd nadat hij is vastgelegd. {CHAIN_HINT}\n")
    assert all(not rows for rows in
               open_repository(f"sqlite:///{tmp_path / 'doel.db'}").dump().values())


def test_a_forgery_that_rebuilds_the_chain_too_is_caught_by_the_head_a_run_pinned(
        cli: Cli, good_backup: Path, tmp_path: Path) -> None:
    members = _members(good_backup)
    seq, _row_id = _forge_value(members)
    columns = next(t["columns"] for t in json.loads(members["manifest.json"])["tables"]
                   if t["name"] == "measurement_versions")
    kinds = [(c["name"], c["type"]) for c in columns]
    rows = [dict(zip([n for n, _k in kinds], json.loads(line), strict=True))
            for line in members["tables/measurement_versions.jsonl"].decode().splitlines()]
    rows = [{n: parsed_value(row[n], k) for n, k in kinds} for row in rows]
    links = [json.loads(line) for line in members["tables/chain_links.jsonl"].decode()
             .splitlines()]
    others = [link for link in links if link[0] != "measurement_versions"]
    rebuilt = link_rows("measurement_versions", rows, kinds, None)
    members["tables/chain_links.jsonl"] = "".join(
        json.dumps(line, separators=(",", ":")) + "\n"
        for line in sorted(others + [[link.table, link.seq, link.position, link.row_hash,
                                      link.chain_hash] for link in rebuilt])).encode()
    manifest = json.loads(members["manifest.json"])
    manifest["chain_heads"]["measurement_versions"] = [rebuilt[-1].seq, rebuilt[-1].chain_hash]
    members["manifest.json"] = json.dumps(manifest).encode()
    _recompute_checksums(members)
    path = tmp_path / "vervalst.zip"
    _write_members(path, members)
    code, out, err = cli("--database", str(tmp_path / "doel.db"), "restore", str(path))
    assert (code, out) == (1, "")
    assert err == REFUSED.format(name=path.name) + (
        f"- {path.name}: Run R-0001 legde de hashketen van tabel measurement_versions vast bij "
        f"schakel {len(rows)}, maar die schakel is anders of ontbreekt. {CHAIN_HINT}\n")
    assert seq <= len(rows)
