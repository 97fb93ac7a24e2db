"""`user` and `token` on the command line: passwords and tokens shown once and kept only as a
hash, append-only account history, exact messages for wrong input."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.errors import AccessRefused
from samenwerkingsmonitor.services.access import use_cases as access
from samenwerkingsmonitor.services.demo.use_cases import example_file
from support.cli import Cli

SECRET = re.compile(r"^  (\S+)$", re.MULTILINE)


@pytest.fixture
def db(tmp_path: Path, cli: Cli) -> str:
    url = f"sqlite:///{tmp_path}/store.db"
    assert cli("--database", url, "init")[0] == 0
    assert cli("--database", url, "register", str(example_file("organisatie.toml")))[0] == 0
    return url


def test_an_account_gets_a_password_shown_once_and_stored_only_hashed(db: str, cli: Cli) -> None:
    code, out, _err = cli("--database", db, "--user", "beheer", "user", "add", "j.jansen",
                          "--role", "invoerder", "--municipality", "GM0377", "--name",
                          "Jan Jansen")
    assert code == 0, out
    assert "Account j.jansen is gemaakt. Wachtwoord:" in out
    password = SECRET.search(out).group(1)  # type: ignore[union-attr]
    account = Wiring(db).account_store().account("j.jansen")
    assert account is not None and password not in account.password_hash
    assert account.password_hash.startswith("$argon2id$")
    assert account.municipalities == ("GM0377",) and account.display_name == "Jan Jansen"
    listed = json.loads(cli("--database", db, "user", "list", "--format", "json")[1])
    assert listed == [{"username": "j.jansen", "name": "Jan Jansen", "roles": ["invoerder"],
                       "municipalities": ["GM0377"], "disabled": False}]


def test_reset_gives_a_new_password_and_the_old_one_stops_working(db: str, cli: Cli) -> None:
    out = cli("--database", db, "user", "add", "piet", "--role", "lezer")[1]
    old = SECRET.search(out).group(1)  # type: ignore[union-attr]
    out = cli("--database", db, "user", "reset", "piet", "--reason", "vergeten")[1]
    new = SECRET.search(out).group(1)  # type: ignore[union-attr]
    ports = Wiring(db)
    with pytest.raises(AccessRefused):
        access.log_in(access.LoginRequest("piet", old, "127.0.0.1"), ports)
    assert access.log_in(access.LoginRequest("piet", new, "127.0.0.1"), ports).version == 2


def test_disable_and_enable_keep_the_history(db: str, cli: Cli) -> None:
    cli("--database", db, "user", "add", "piet", "--role", "lezer")
    assert cli("--database", db, "user", "disable", "piet")[1].strip() == (
        "Account piet is uitgezet.")
    assert json.loads(cli("--database", db, "user", "list", "--format", "json")[1])[0][
        "disabled"] is True
    assert cli("--database", db, "user", "enable", "piet")[1].strip() == "Account piet is aangezet."
    assert Wiring(db).account_store().account("piet").version == 3  # type: ignore[union-attr]


@pytest.mark.parametrize(("args", "message"), [
    (["user", "add", "piet", "--role", "wethouder"],
     "Onbekende rol 'wethouder'. Kies uit: beheerder, invoerder, beoordelaar, lezer, "
     "begeleidingsgroep."),
    (["user", "add", "piet", "--role", "lezer", "--municipality", "GM9999"],
     "Gemeente GM9999 staat niet in het organisatiebestand. Gebruik een CBS-code zoals GM0397."),
    (["user", "add", "Piet Jansen", "--role", "lezer"],
     "Gebruikersnaam 'Piet Jansen' kan niet: gebruik 2 tot 60 kleine letters, cijfers, punten, "
     "streepjes of liggende streepjes."),
    (["user", "reset", "niemand"], "Account 'niemand' bestaat niet."),
    (["token", "revoke", "abc"], "Sleutel abc bestaat niet."),
])
def test_wrong_input_gets_its_exact_message(db: str, cli: Cli, args: list[str],
                                            message: str) -> None:
    code, out, err = cli("--database", db, *args)
    assert code in (1, 2)
    assert message in out + err


def test_a_token_is_shown_once_listed_without_secret_and_revocable(db: str, cli: Cli) -> None:
    cli("--database", db, "user", "add", "piet", "--role", "lezer", "--role", "invoerder")
    out = cli("--database", db, "token", "add", "piet", "--role", "lezer", "--label", "excel")[1]
    token = SECRET.search(out).group(1)  # type: ignore[union-attr]
    token_id = token.split("_")[1]
    listed = cli("--database", db, "token", "list", "piet")[1]
    assert token_id in listed and token.split("_", 2)[2] not in listed and "geldig" in listed
    holder = access.token_holder(token, Wiring(db))
    assert holder.role.value == "lezer" and holder.account.username == "piet"
    assert cli("--database", db, "token", "revoke", token_id)[0] == 0
    with pytest.raises(AccessRefused):
        access.token_holder(token, Wiring(db))
    code, out, err = cli("--database", db, "token", "add", "piet", "--role", "beheerder")
    assert "Account 'piet' heeft de rol beheerder niet; een sleutel kan niet meer dan het " \
           "account." in out + err


def test_serve_is_a_command_with_its_options(cli: Cli) -> None:
    code, out, _err = cli("serve", "--help")
    assert code == 0
    for option in ("--host", "--port", "--demo", "--theme", "--proxy"):
        assert option in out
