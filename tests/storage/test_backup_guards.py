"""Restore is guarded like an import, and a backup never leaves a partial file (issue 15).

- A backup that unpacks to 1 GB is refused with a Dutch message and exit 1 by `restore` in a
  process limited to 512 MB of address space (it used 2.26 GB and ended in MemoryError).
- A backup process killed with kill -9, or stopped with SIGTERM where the named temporary
  file is used, leaves no file behind: the members are personal data. The process is stopped
  while it is known to be writing (it says so on a pipe), never after a sleep.
- On PostgreSQL the dump runs in one REPEATABLE READ transaction.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.storage import open_repository
from samenwerkingsmonitor.adapters.storage.backup_file import ZipBackupFiles
from samenwerkingsmonitor.adapters.storage.restore import SqlBackupStore
from samenwerkingsmonitor.errors import BackupRefused
from samenwerkingsmonitor.services.storage.backup import create_backup
from support.databases import needs_postgres, postgres_schemas

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 512 * 1024 * 1024


def small_backup(folder: Path) -> Path:
    repo = open_repository(f"sqlite:///{folder / 'bron.db'}")
    repo.migrate()
    path = folder / "goed.zip"
    create_backup(SqlBackupStore(repo), path, ZipBackupFiles())
    return path


def bomb(good: Path, target: Path, member: str, megabytes: int) -> None:
    """`good` with `member` replaced by `megabytes` MB of zeros, written in 1 MB pieces."""
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(target, "w",
                                                          zipfile.ZIP_DEFLATED) as archive:
        for name in source.namelist():
            if name != member:
                archive.writestr(name, source.read(name))
        info = zipfile.ZipInfo(member)
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as handle:
            zeros = bytes(1_000_000)
            for _ in range(megabytes):
                handle.write(zeros)


def limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def test_a_restore_bomb_is_refused_within_512_mb(tmp_path: Path) -> None:
    path = tmp_path / "bom.zip"
    bomb(small_backup(tmp_path), path, "tables/measurement_versions.jsonl", 1_000)
    assert path.stat().st_size < 2_000_000
    environment = {**os.environ, "COLUMNS": "200"}
    environment.pop("SAMENWERKINGSMONITOR_DATABASE", None)
    done = subprocess.run(
        [sys.executable, "-m", "samenwerkingsmonitor", "--database",
         f"sqlite:///{tmp_path / 'doel.db'}", "restore", str(path)],
        capture_output=True, text=True, timeout=300, env=environment, preexec_fn=limited,
        check=False)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        "Fout: Het bestand bom.zip is geweigerd als reservekopie; er is niets hersteld.\n"
        "- bom.zip: Uitgepakt is de reservekopie 1000,0 MB; de grens is 500,0 MB. Gebruik een "
        "andere reservekopie, of verhoog de grens met de omgevingsvariabele "
        "SAMENWERKINGSMONITOR_MAX_FILE_MB (uitgepakt mag tien keer die grootte).\n")


def test_a_member_that_unpacks_to_hundreds_of_times_its_size_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.zip"
    bomb(small_backup(tmp_path), path, "tables/findings.jsonl", 100)
    ratio = 100_000_000 // zipfile.ZipFile(path).getinfo("tables/findings.jsonl").compress_size
    with pytest.raises(BackupRefused) as refused:
        ZipBackupFiles().read(path)
    assert [i.describe() for i in refused.value.report.issues] == [
        f"bom.zip: Onderdeel 'tables/findings.jsonl' pakt uit tot {ratio} keer zijn grootte; dat "
        "doet geen reservekopie (een zip-bom?). Gebruik een reservekopie die met "
        "'samenwerkingsmonitor backup' is gemaakt."]


def test_a_backup_that_claims_more_than_the_limit_is_refused(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             ) -> None:
    monkeypatch.setenv("SAMENWERKINGSMONITOR_MAX_FILE_MB", "1")
    path = tmp_path / "groot.zip"
    with zipfile.ZipFile(small_backup(tmp_path)) as source, zipfile.ZipFile(
            path, "w", zipfile.ZIP_STORED) as archive:
        for name in source.namelist():
            archive.writestr(name, source.read(name))
        archive.writestr("tables/extra.jsonl", os.urandom(11_000_000))
    total = sum(entry.file_size for entry in zipfile.ZipFile(path).infolist())
    size = f"{total / 1e6:.1f}".replace(".", ",")
    with pytest.raises(BackupRefused) as refused:
        ZipBackupFiles().read(path)
    assert [i.describe() for i in refused.value.report.issues] == [
        f"groot.zip: Uitgepakt is de reservekopie {size} MB; de grens is 10,0 MB. Gebruik een "
        "andere reservekopie, of verhoog de grens met de omgevingsvariabele "
        "SAMENWERKINGSMONITOR_MAX_FILE_MB (uitgepakt mag tien keer die grootte)."]


# a backup stopped while it writes

WRITER = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from samenwerkingsmonitor.adapters.storage.backup_file import ZipBackupFiles

    class Members:
        # the first member goes in; then the writer says so on stdout and waits forever
        def __iter__(self):
            yield ("manifest.json", os.urandom(2_000_000))
            sys.stdout.write("schrijft\\n")
            sys.stdout.flush()
            sys.stdin.read()
            yield ("tables/x.jsonl", b"")

        def __len__(self):
            return 2

    files = ZipBackupFiles()
    target = Path(sys.argv[1])
    if sys.argv[2] == "named":
        files._write_named(target, Members())
    else:
        files.write(target, Members())
""")


@pytest.mark.parametrize(("way", "stop"), [("unnamed", signal.SIGKILL),
                                           ("named", signal.SIGTERM)])
def test_a_backup_stopped_while_writing_leaves_no_file(tmp_path: Path, way: str,
                                                       stop: signal.Signals) -> None:
    folder = tmp_path / "kopieen"
    folder.mkdir()
    process = subprocess.Popen([sys.executable, "-c", WRITER, str(folder / "k.zip"), way],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline() == "schrijft\n"  # it is inside the write now
    if way == "named":
        assert len(list(folder.iterdir())) == 1  # the hidden file exists while it writes
    process.send_signal(stop)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert list(folder.iterdir()) == []


@needs_postgres
def test_a_postgres_backup_reads_every_table_in_one_repeatable_read_snapshot(
        tmp_path: Path) -> None:
    with postgres_schemas() as urls:
        repo = open_repository(next(urls))
        repo.migrate()
        store = SqlBackupStore(repo)
        create_backup(store, tmp_path / "k.zip", ZipBackupFiles())
        assert store.isolation == "repeatable read"
