"""The backup container: a zip file with `manifest.json` first and one member per table.

A zip because any machine can open it (`unzip -p FILE manifest.json` shows what it holds),
members are compressed, and every member carries a CRC-32, so a truncated or damaged file is
noticed before anything is restored. The file is written beside its destination and renamed
into place: a crash never leaves half a backup under the real name.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path

from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.errors import BackupRefused
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.backup.backup import backup_refusal

_ZIP_SIGNATURE = b"PK\x03\x04"
MAX_MEMBERS = 1_000  # a backup has a manifest and a member per table; more is not ours


class ZipBackupFiles:
    """Implements services.backup.BackupFiles."""

    def write(self, path: Path, members: Sequence[tuple[str, bytes]]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        os.close(handle)
        try:
            with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for name, data in members:
                    archive.writestr(name, data)
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
                names = archive.namelist()
                if len(names) > MAX_MEMBERS:
                    raise zipfile.BadZipFile("too many members")
                return {name: archive.read(name) for name in names}
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
            raise _refused(path, _("De reservekopie is beschadigd of onvolledig (bijvoorbeeld "
                                   "afgebroken tijdens het kopiëren)."),
                           _("Gebruik een andere reservekopie, of maak er een nieuwe met "
                             "'samenwerkingsmonitor backup'.")) from None


def _refused(path: Path, message: str, hint: str) -> BackupRefused:
    report = ValidationReport()
    report.add(Location(path.name), message, hint)
    return backup_refusal(path, report)
