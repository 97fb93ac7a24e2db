"""The backup container: a zip file with `manifest.json` first and one member per table.

A zip because any machine can open it (`unzip -p FILE manifest.json` shows what it holds),
members are compressed, and every member carries a CRC-32, so a truncated or damaged file is
noticed before anything is restored.

Writing: the file is written as an unnamed temporary file in the destination's folder (Linux
O_TMPFILE), given a name only when complete and renamed into place, so a crash, kill -9 or
SIGTERM never leaves half a backup (with personal data) under any name. Where the file system
has no O_TMPFILE, a hidden named file is used and removed on any failure and on SIGTERM.

Reading is guarded like an import (adapters/intake/zip_guard.py, the same limits): at most
1,000 members, the unpacked total within ten times SAMENWERKINGSMONITOR_MAX_FILE_MB (500 MB by
default), no member over 1 MB that unpacks to more than 200 times its packed size, and each
member read no further than the size the directory declares. A zip bomb is refused with a
Dutch message before any of it is unpacked (ADR 0026).
"""

from __future__ import annotations

import os
import secrets
import signal
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from samenwerkingsmonitor.adapters.intake.file_guard import MAX_FILE_ENV, IntakeLimits, limits_from
from samenwerkingsmonitor.adapters.storage.backup_signing import (
    SIGNATURE,
    keys_from_environment,
    sign,
    signature_problem,
)
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import BackupRefused
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.storage.backup import MANIFEST, backup_refusal

_ZIP_SIGNATURE = b"PK\x03\x04"
MAX_MEMBERS = 1_000  # a backup has a manifest and a member per table; more is not ours
_MEGABYTE = 1_000_000


class ZipBackupFiles:
    """Implements services.storage.backup_ports.BackupFiles."""

    def __init__(self, limits: IntakeLimits | None = None,
                 keys: tuple[Path | None, Path | None] | None = None) -> None:
        self.limits = limits  # None: the intake's limits (limits_from) when a file is read
        # (signing key, verify key) of signing.py; None: from the environment
        self.signing_key, self.verify_key = keys if keys is not None else keys_from_environment()

    def write(self, path: Path, members: Sequence[tuple[str, bytes]]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.signing_key is not None:
            manifest = dict(members)[MANIFEST]
            members = [*members, (SIGNATURE, sign(manifest, self.signing_key))]
        try:
            descriptor = os.open(path.parent, os.O_TMPFILE | os.O_RDWR, 0o600)
        except (AttributeError, OSError):  # no O_TMPFILE here: a named file, cleaned up
            self._write_named(path, members)
            return
        temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}"
        with os.fdopen(descriptor, "w+b") as handle:
            _write_zip(handle, members)
            handle.flush()
            os.fsync(handle.fileno())
            folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
            try:  # linkat(AT_SYMLINK_FOLLOW) through /proc: a name only when whole
                os.link(f"/proc/self/fd/{handle.fileno()}", temporary.name,
                        dst_dir_fd=folder, follow_symlinks=True)
            except OSError:
                self._write_named(path, members)
                return
            finally:
                os.close(folder)
        try:
            os.replace(temporary, path)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    def _write_named(self, path: Path, members: Sequence[tuple[str, bytes]]) -> None:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(handle)
        try:
            with _removed_on_sigterm(), open(temporary, "w+b") as target:
                _write_zip(target, members)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def read(self, path: Path) -> dict[str, bytes]:
        try:
            with path.open("rb") as handle:
                start = handle.read(len(_ZIP_SIGNATURE))
        except OSError as error:
            raise _refused(path, _("Het bestand kan niet worden gelezen: {reason}.").format(
                reason=error.strerror or error),
                _("Controleer het pad en de rechten op het bestand.")) from None
        if start != _ZIP_SIGNATURE:
            raise _refused(path, _("Het bestand is geen reservekopie van samenwerkingsmonitor."),
                           _("Kies een bestand dat met 'samenwerkingsmonitor backup' is gemaakt."))
        try:
            with zipfile.ZipFile(path) as archive:
                entries = archive.infolist()
                _check_directory(path, entries, self.limits or limits_from())
                members = {entry.filename: archive.read(entry) for entry in entries}
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                ValueError):
            raise _refused(path, _("De reservekopie is beschadigd of onvolledig (bijvoorbeeld "
                                   "afgebroken tijdens het kopiëren)."),
                           _("Gebruik een andere reservekopie, of maak er een nieuwe met "
                             "'samenwerkingsmonitor backup'.")) from None
        if self.verify_key is not None and MANIFEST in members:
            problem = signature_problem(members[MANIFEST], members.get(SIGNATURE),
                                        self.verify_key)
            if problem is not None:
                raise _refused(path, *problem)
        return members


def _write_zip(handle: BinaryIO, members: Sequence[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)


@contextmanager
def _removed_on_sigterm() -> Iterator[None]:
    """SIGTERM becomes SystemExit while the named file is written, so the caller's cleanup
    runs (only the main thread can set a signal handler; elsewhere nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: FrameType | None) -> None:
        raise SystemExit(128 + number)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _check_directory(path: Path, entries: list[zipfile.ZipInfo], limits: IntakeLimits) -> None:
    """The checks of adapters/intake/zip_guard.py on a backup, before anything is unpacked."""
    hint = _("Gebruik een reservekopie die met 'samenwerkingsmonitor backup' is gemaakt.")
    if len(entries) > MAX_MEMBERS:
        raise _refused(path, _("Het zip-archief heeft {count} onderdelen; een reservekopie heeft "
                               "er hooguit {limit}.").format(count=len(entries),
                                                             limit=MAX_MEMBERS), hint)
    total = sum(entry.file_size for entry in entries)
    if total > limits.max_unpacked_bytes:
        raise _refused(path, _("Uitgepakt is de reservekopie {size} MB; de grens is {limit} "
                               "MB.").format(size=_mb(total), limit=_mb(limits.max_unpacked_bytes)),
                       _("Gebruik een andere reservekopie, of verhoog de grens met de "
                         "omgevingsvariabele {env} (uitgepakt mag tien keer die grootte).")
                       .format(env=MAX_FILE_ENV))
    for entry in entries:
        if entry.file_size > _MEGABYTE and entry.file_size > limits.max_ratio * max(
                entry.compress_size, 1):
            raise _refused(path, _("Onderdeel '{entry}' pakt uit tot {ratio} keer zijn grootte; "
                                   "dat doet geen reservekopie (een zip-bom?).").format(
                                       entry=entry.filename,
                                       ratio=entry.file_size // max(entry.compress_size, 1)),
                           hint)


def _mb(size: int) -> str:
    return f"{size / _MEGABYTE:.1f}".replace(".", ",")


def _refused(path: Path, message: str, hint: str) -> BackupRefused:
    report = ValidationReport()
    report.add(Location(path.name), message, hint)
    return backup_refusal(path, report)
