"""Optional Ed25519 signature of a backup's manifest (docs/adr/0027-hash-chains-and-signed-
backups.md).

The manifest names every table's SHA-256 and the head of every hash chain, so a signature over
the manifest's bytes covers the whole backup. The beheerder configures the keys:
- SAMENWERKINGSMONITOR_BACKUP_SIGNING_KEY: path of an Ed25519 private key (PEM, unencrypted);
  `backup` then adds the member `manifest.sig` (the signature, base64);
- SAMENWERKINGSMONITOR_BACKUP_VERIFY_KEY: path of the matching public key (PEM); `restore`
  then refuses a backup without a signature or with one that does not verify.
Make a key pair with `openssl genpkey -algorithm ed25519 -out sleutel.pem` and
`openssl pkey -in sleutel.pem -pubout -out publiek.pem`.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from samenwerkingsmonitor.errors import UsageError
from samenwerkingsmonitor.i18n import _

SIGNING_KEY_ENV = "SAMENWERKINGSMONITOR_BACKUP_SIGNING_KEY"
VERIFY_KEY_ENV = "SAMENWERKINGSMONITOR_BACKUP_VERIFY_KEY"
SIGNATURE = "manifest.sig"


def configured_key(environment: Mapping[str, str], name: str) -> Path | None:
    text = environment.get(name, "").strip()
    return Path(text) if text else None


def _load(path: Path, env: str, private: bool) -> Any:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )
    from cryptography.hazmat.primitives.serialization import (
        load_pem_private_key,
        load_pem_public_key,
    )

    try:
        data = path.read_bytes()
    except OSError as error:
        raise UsageError(_("De sleutel uit {env} ({path}) kan niet worden gelezen: "
                           "{reason}.").format(env=env, path=path,
                                               reason=error.strerror or error)) from None
    try:
        key = load_pem_private_key(data, password=None) if private else load_pem_public_key(data)
    except (ValueError, TypeError):
        key = None
    wanted = Ed25519PrivateKey if private else Ed25519PublicKey
    if not isinstance(key, wanted):
        raise UsageError(_("De sleutel uit {env} ({path}) is geen Ed25519-sleutel in "
                           "PEM-formaat zonder wachtwoord.").format(env=env, path=path))
    return key


def sign(manifest: bytes, key_path: Path) -> bytes:
    """The member text of `manifest.sig`."""
    key = _load(key_path, SIGNING_KEY_ENV, private=True)
    return base64.b64encode(key.sign(manifest)) + b"\n"


def signature_problem(manifest: bytes, signature: bytes | None,
                      key_path: Path) -> tuple[str, str] | None:
    """None when `signature` is a valid signature of `manifest` by the key at `key_path`."""
    from cryptography.exceptions import InvalidSignature

    key = _load(key_path, VERIFY_KEY_ENV, private=False)
    if signature is None:
        return (_("De reservekopie is niet ondertekend, maar {env} vraagt om een "
                  "handtekening.").format(env=VERIFY_KEY_ENV),
                _("Gebruik een ondertekende reservekopie, of laat {env} leeg om zonder controle "
                  "van de handtekening terug te zetten.").format(env=VERIFY_KEY_ENV))
    try:
        key.verify(base64.b64decode(signature.strip(), validate=True), manifest)
    except (InvalidSignature, ValueError):
        return (_("De handtekening van de reservekopie klopt niet: de inhoudsopgave is gewijzigd "
                  "of ondertekend met een andere sleutel."),
                _("Gebruik een andere reservekopie, en vraag de beheerder welke sleutel bij de "
                  "reservekopieën hoort."))
    return None


def keys_from_environment() -> tuple[Path | None, Path | None]:
    return (configured_key(os.environ, SIGNING_KEY_ENV),
            configured_key(os.environ, VERIFY_KEY_ENV))
