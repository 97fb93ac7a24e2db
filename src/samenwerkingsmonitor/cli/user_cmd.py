"""`user add|disable|enable|reset|list` and `token add|revoke|list`: accounts and personal API
tokens of the web application. Passwords and tokens are shown once and stored only hashed."""

from __future__ import annotations

from typing import Annotated

import typer

from samenwerkingsmonitor.cli.app import (
    app,
    check_output_format,
    console,
    print_json,
    settings,
    wiring,
)
from samenwerkingsmonitor.i18n import _

user_app = typer.Typer(help=_("Accounts van de webapplicatie."), no_args_is_help=True)
token_app = typer.Typer(help=_("Persoonlijke API-sleutels."), no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")

ROLES_HELP = _("Rol: beheerder, invoerder, beoordelaar, lezer of begeleidingsgroep; herhaal "
               "voor meer rollen.")


def _show_secret(username: str, secret: str, what: str) -> None:
    console.print(what.format(name=username), markup=False)
    console.print(f"  {secret}", markup=False)
    console.print(_("Dit wordt maar één keer getoond; het is alleen als hash bewaard."),
                  markup=False)


@user_app.command("add", help=_("Maak een account met een nieuw wachtwoord."))
def user_add(
    username: Annotated[str, typer.Argument(help=_("Gebruikersnaam, bijv. j.jansen."))],
    role: Annotated[list[str], typer.Option("--role", help=ROLES_HELP)],
    municipality: Annotated[list[str] | None, typer.Option("--municipality", help=_(
        "CBS-code van een gemeente van dit account, bijv. GM0377; herhaal voor meer."))] = None,
    name: Annotated[str, typer.Option("--name", help=_("Naam zoals getoond."))] = "",
    reason: Annotated[str, typer.Option("--reason", help=_("Waarom."))] = "",
) -> None:
    from samenwerkingsmonitor.services.access.use_cases import AddAccountRequest, add_account

    made = add_account(AddAccountRequest(username, tuple(role), tuple(municipality or ()),
                                         by=settings.user, display_name=name, reason=reason),
                       wiring())
    _show_secret(made.username, made.secret, _("Account {name} is gemaakt. Wachtwoord:"))


def _change(username: str, reason: str, disabled: bool) -> None:
    from samenwerkingsmonitor.services.access.use_cases import ChangeAccountRequest, set_disabled

    set_disabled(ChangeAccountRequest(username, settings.user, reason), disabled, wiring())
    console.print((_("Account {name} is uitgezet.") if disabled else
                   _("Account {name} is aangezet.")).format(name=username), markup=False)


@user_app.command("disable", help=_("Zet een account uit; de geschiedenis blijft bewaard."))
def user_disable(username: Annotated[str, typer.Argument()],
                 reason: Annotated[str, typer.Option("--reason")] = "") -> None:
    _change(username, reason, True)


@user_app.command("enable", help=_("Zet een uitgezet account weer aan."))
def user_enable(username: Annotated[str, typer.Argument()],
                reason: Annotated[str, typer.Option("--reason")] = "") -> None:
    _change(username, reason, False)


@user_app.command("reset", help=_("Geef een account een nieuw wachtwoord."))
def user_reset(username: Annotated[str, typer.Argument()],
               reason: Annotated[str, typer.Option("--reason")] = "") -> None:
    from samenwerkingsmonitor.services.access.use_cases import (
        ChangeAccountRequest,
        reset_password,
    )

    made = reset_password(ChangeAccountRequest(username, settings.user, reason), wiring())
    _show_secret(made.username, made.secret, _("Nieuw wachtwoord voor {name}:"))


@user_app.command("list", help=_("Toon alle accounts."))
def user_list(output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
              ) -> None:
    from samenwerkingsmonitor.services.access.use_cases import accounts

    found = accounts(wiring())
    rows = [{"username": a.username, "name": a.display_name,
             "roles": sorted(str(r) for r in a.roles), "municipalities": list(a.municipalities),
             "disabled": a.disabled} for a in found]
    if output_format == "json":
        print_json(rows)
        return
    for row in rows:
        state = _("uitgezet") if row["disabled"] else _("actief")
        console.print(f"{row['username']:<24} {', '.join(row['roles']):<30} "
                      f"{', '.join(row['municipalities']) or '–':<16} {state}", markup=False)


@token_app.command("add", help=_("Maak een persoonlijke API-sleutel met één rol van het "
                                 "account."))
def token_add(username: Annotated[str, typer.Argument()],
              role: Annotated[str, typer.Option("--role", help=ROLES_HELP)],
              label: Annotated[str, typer.Option("--label", help=_("Waarvoor."))] = "") -> None:
    from samenwerkingsmonitor.services.access.use_cases import AddTokenRequest, add_token

    made = add_token(AddTokenRequest(username, role, settings.user, label), wiring())
    _show_secret(made.username, made.secret, _("API-sleutel voor {name}:"))


@token_app.command("revoke", help=_("Trek een API-sleutel in (het deel na smon_, tot het "
                                    "volgende liggende streepje)."))
def token_revoke(token_id: Annotated[str, typer.Argument()],
                 reason: Annotated[str, typer.Option("--reason")] = "") -> None:
    from samenwerkingsmonitor.services.access.use_cases import revoke_token

    revoke_token(token_id, settings.user, reason, wiring())
    console.print(_("Sleutel {token} is ingetrokken.").format(token=token_id), markup=False)


@token_app.command("list", help=_("Toon de API-sleutels (zonder geheim)."))
def token_list(username: Annotated[str | None, typer.Argument()] = None) -> None:
    from samenwerkingsmonitor.services.access.use_cases import tokens

    for t in tokens(username, wiring()):
        state = _("ingetrokken") if t.revoked else _("geldig")
        console.print(f"{t.token_id}  {t.username:<20} {t.role:<18} {t.label or '–':<20} "
                      f"{state}", markup=False)
