"""Signed backups (ADR 0027): with a key configured by the beheerder, `backup` signs the
manifest and `restore` checks the signature; a forgery that recomputed every checksum and
rebuilt every hash chain is still refused, and so is an unsigned backup. Keys are made here
with the cryptography package, as `openssl genpkey -algorithm ed25519` would make them."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from support.cli import Cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src/samenwerkingsmonitor/example"
REFUSED = "Fout: Het bestand {name} is geweigerd als reservekopie; er is niets hersteld.\n"


@pytest.fixture
def keys(tmp_path: Path) -> tuple[Path, Path]:
    key = Ed25519PrivateKey.generate()
    private, public = tmp_path / "sleutel.pem", tmp_path / "publiek.pem"
    private.write_bytes(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    public.write_bytes(key.public_key().public_bytes(Encoding.PEM,
                                                     PublicFormat.SubjectPublicKeyInfo))
    return private, public


def filled_backup(cli: Cli, folder: Path) -> Path:
    database = f"sqlite:///{folder / 'bron.db'}"
    for args in (("init",), ("register", str(EXAMPLE / "organisatie.toml")),
                 ("import", str(EXAMPLE / "metingen.csv")),
                 ("backup", str(folder / "kopie.zip"))):
        code, _out, err = cli("--database", database, *args)
        assert code == 0, err
    return folder / "kopie.zip"


def test_a_signed_backup_restores_when_its_signature_verifies(
        cli: Cli, tmp_path: Path, keys: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMENWERKINGSMONITOR_BACKUP_SIGNING_KEY", str(keys[0]))
    path = filled_backup(cli, tmp_path)
    assert "manifest.sig" in zipfile.ZipFile(path).namelist()
    monkeypatch.delenv("SAMENWERKINGSMONITOR_BACKUP_SIGNING_KEY")
    monkeypatch.setenv("SAMENWERKINGSMONITOR_BACKUP_VERIFY_KEY", str(keys[1]))
    code, out, err = cli("--database", f"sqlite:///{tmp_path / 'doel.db'}", "restore", str(path))
    assert (code, err) == (0, "")
    assert out.endswith("alle controlesommen en hashketens kloppen.\n")


def test_a_signed_backup_with_a_changed_manifest_is_refused(
        cli: Cli, tmp_path: Path, keys: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAMENWERKINGSMONITOR_BACKUP_SIGNING_KEY", str(keys[0]))
    path = filled_backup(cli, tmp_path)
    monkeypatch.delenv("SAMENWERKINGSMONITOR_BACKUP_SIGNING_KEY")
    with zipfile.ZipFile(path) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["created"] = "2020-01-01T00:00:00+00:00"  # the least a forger must change
    members["manifest.json"] = json.dumps(manifest).encode()
    forged = tmp_path / "vervalst.zip"
    with zipfile.ZipFile(forged, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    monkeypatch.setenv("SAMENWERKINGSMONITOR_BACKUP_VERIFY_KEY", str(keys[1]))
    code, out, err = cli("--database", f"sqlite:///{tmp_path / 'doel.db'}", "restore",
                         str(forged))
    assert (code, out) == (1, "")
    assert err == REFUSED.format(name=forged.name) + (
        "- vervalst.zip: De handtekening van de reservekopie klopt niet: de inhoudsopgave is "
        "gewijzigd of ondertekend met een andere sleutel. Gebruik een andere reservekopie, en "
        "vraag de beheerder welke sleutel bij de reservekopieën hoort.\n")


def test_an_unsigned_backup_is_refused_when_a_signature_is_asked_for(
        cli: Cli, tmp_path: Path, keys: tuple[Path, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = filled_backup(cli, tmp_path)
    monkeypatch.setenv("SAMENWERKINGSMONITOR_BACKUP_VERIFY_KEY", str(keys[1]))
    code, out, err = cli("--database", f"sqlite:///{tmp_path / 'doel.db'}", "restore", str(path))
    assert (code, out) == (1, "")
    assert err == REFUSED.format(name=path.name) + (
        "- kopie.zip: De reservekopie is niet ondertekend, maar "
        "SAMENWERKINGSMONITOR_BACKUP_VERIFY_KEY vraagt om een handtekening. Gebruik een "
        "ondertekende reservekopie, of laat SAMENWERKINGSMONITOR_BACKUP_VERIFY_KEY leeg om "
        "zonder controle van de handtekening terug te zetten.\n")


def test_a_key_that_is_no_ed25519_key_is_a_clear_usage_error(
        cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "sleutel.pem"
    bad.write_text("geen sleutel\n", encoding="utf-8")
    assert cli("--database", f"sqlite:///{tmp_path / 'a.db'}", "init")[0] == 0
    monkeypatch.setenv("SAMENWERKINGSMONITOR_BACKUP_SIGNING_KEY", str(bad))
    code, _out, err = cli("--database", f"sqlite:///{tmp_path / 'a.db'}", "backup",
                          str(tmp_path / "k.zip"))
    assert (code, err) == (2, f"Fout: De sleutel uit SAMENWERKINGSMONITOR_BACKUP_SIGNING_KEY "
                              f"({bad}) is geen Ed25519-sleutel in PEM-formaat zonder "
                              "wachtwoord.\n")
    assert not (tmp_path / "k.zip").exists()
