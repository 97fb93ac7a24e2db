"""`judge RUN KEY ...`, `judgements RUN`, `run status RUN --to ...` and `comment RUN TEXT`:
the human side of a run (docs/adr/0021-judgements-and-sign-off.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

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

if TYPE_CHECKING:
    from samenwerkingsmonitor.domain.judgements import Judgement
    from samenwerkingsmonitor.services.assessment.review import Review

run_app = typer.Typer(help=_("De status van een toetsing: concept, ter bespreking, "
                             "vastgesteld."), no_args_is_help=True)
app.add_typer(run_app, name="run")

FORMAT = Annotated[str, typer.Option("--format", help=_("Uitvoer: tabel of json."),
                                     callback=check_output_format)]


@app.command("judge", help=_(
    "Leg als beoordelaar een oordeel vast over een bevinding (onderwerp/indicator/jaar/norm) of "
    "een criteriumoordeel (onderwerp/criterium/jaar): bevestigd, gekwalificeerd of "
    "overschreven, altijd met onderbouwing."))
def judge_command(
    run: Annotated[str, typer.Argument(help=_("De toetsing, bijv. R-0001 of latest."))],
    key: Annotated[str, typer.Argument(help=_("Sleutel van de bevinding of het "
                                              "criteriumoordeel."))],
    action: Annotated[str, typer.Option(
        "--action", help=_("bevestigd, gekwalificeerd of overschreven."))],
    rationale: Annotated[str, typer.Option("--rationale", help=_("De onderbouwing."))],
    verdict: Annotated[str | None, typer.Option(
        "--verdict", help=_("Het oordeel bij overschrijven: voldoet, voldoet_deels, "
                            "voldoet_niet of niet_te_beoordelen."))] = None,
    evidence: Annotated[list[Path] | None, typer.Option(
        "--evidence", help=_("Bewijsstuk (bestand); wordt opgeslagen met SHA-256. Mag vaker."),
        exists=True, dir_okay=False, readable=True)] = None,
    notes: Annotated[str, typer.Option("--notes", help=_("Aantekeningen van een "
                                                         "interview."))] = "",
    role: Annotated[str, typer.Option("--role", help=_("beoordelaar of rekenkamer."))
                    ] = "beoordelaar",
    output_format: FORMAT = "tabel",
) -> None:
    from samenwerkingsmonitor.services.assessment.use_cases import JudgeRequest, Upload, judge

    uploads = tuple(Upload(path.name, path.read_bytes()) for path in evidence or [])
    judgement = judge(JudgeRequest(run, key, action, rationale, settings.user, role, verdict,
                                   notes, uploads), wiring())
    if output_format == "json":
        print_json(judgement_json(judgement))
        return
    console.print(_("Oordeel {id} vastgelegd bij {run} {key}: {action}, {verdict} (berekend: "
                    "{computed}).").format(id=judgement.id, run=judgement.run, key=judgement.key,
                                           action=judgement.action.value,
                                           verdict=judgement.verdict.value,
                                           computed=judgement.computed_verdict.value),
                  markup=False)


@app.command("judgements", help=_(
    "Toon de status van een toetsing, de oordelen van de beoordelaar (ook eerdere) en de "
    "opmerkingen van de begeleidingsgroep."))
def judgements_command(
    run: Annotated[str, typer.Argument(help=_("De toetsing, bijv. R-0001 of latest."))],
    output_format: FORMAT = "tabel",
) -> None:
    from rich.table import Table

    from samenwerkingsmonitor.services.assessment.use_cases import ReviewRequest, review

    found = review(ReviewRequest(run), wiring())
    if output_format == "json":
        print_json(review_json(found))
        return
    console.print(status_line(found), markup=False)
    if not found.judgements:
        console.print(_("Er zijn nog geen oordelen van een beoordelaar vastgelegd."),
                      markup=False)
    else:
        table = Table(title=_("Oordelen van de beoordelaar"), title_justify="left")
        for header in ("#", _("Sleutel"), _("Soort"), _("Oordeel"), _("Berekend"),
                       _("Onderbouwing"), _("Wie en wanneer"), _("Geldt")):
            table.add_column(header)
        current = {j.id for j in found.current.values()}
        for j in found.judgements:
            table.add_row(str(j.id), j.key, j.action.value, j.verdict.value,
                          j.computed_verdict.value, j.rationale, who_when(j),
                          _("ja") if j.id in current else _("vervangen"))
        console.print(table)
    for c in found.comments:
        console.print(_("Opmerking {id} van {user} ({role}, {when}){about}: {text}").format(
            id=c.id, user=c.user, role=c.role.value,
            when=c.created.strftime("%Y-%m-%d") if c.created else "",
            about=f" {_('over')} {c.key}" if c.key else "", text=c.text), markup=False)


@run_app.command("status", help=_(
    "Zet een toetsing ter bespreking of stel hem vast (met nummer en datum van het "
    "raadsbesluit); een vastgestelde toetsing verandert niet meer."))
def status_command(
    run: Annotated[str, typer.Argument(help=_("De toetsing, bijv. R-0001."))],
    to: Annotated[str, typer.Option("--to", help=_("ter_bespreking of vastgesteld."))],
    decision: Annotated[str, typer.Option(
        "--decision", help=_("Nummer van het raadsbesluit (bij vastgesteld)."))] = "",
    decision_date: Annotated[str, typer.Option(
        "--decision-date", help=_("Datum van het raadsbesluit, JJJJ-MM-DD."))] = "",
    reason: Annotated[str, typer.Option("--reason", help=_("Waarom."))] = "",
) -> None:
    from samenwerkingsmonitor.services.assessment.use_cases import StatusRequest, set_run_status

    try:
        when = date.fromisoformat(decision_date) if decision_date else None
    except ValueError:
        raise typer.BadParameter(_("'{text}' is geen datum; schrijf JJJJ-MM-DD.").format(
            text=decision_date), param_hint="--decision-date") from None
    change = set_run_status(StatusRequest(run, to.replace("-", "_"),
                                          settings.user, reason, decision, when), wiring())
    console.print(_("Toetsing {run} is nu {status}.").format(run=change.run,
                                                             status=change.status.value),
                  markup=False)


@app.command("comment", help=_(
    "Leg een opmerking van de begeleidingsgroep vast bij een toetsing die ter bespreking "
    "ligt, over de hele toetsing of over één bevinding (--key)."))
def comment_command(
    run: Annotated[str, typer.Argument(help=_("De toetsing, bijv. R-0001."))],
    text: Annotated[str, typer.Argument(help=_("De opmerking."))],
    key: Annotated[str, typer.Option("--key", help=_("Sleutel van een bevinding of "
                                                     "criteriumoordeel."))] = "",
    role: Annotated[str, typer.Option("--role", help=_("Rol van wie de opmerking maakt."))
                    ] = "begeleidingsgroep",
) -> None:
    from samenwerkingsmonitor.services.assessment.use_cases import CommentRequest, comment

    made = comment(CommentRequest(run, text, settings.user, key, role), wiring())
    console.print(_("Opmerking {id} vastgelegd bij {run}.").format(id=made.id, run=made.run),
                  markup=False)


def status_line(found: Review) -> str:
    if found.adopted is not None:
        return _("Toetsing {run}: vastgesteld (definitief) bij raadsbesluit {number} van "
                 "{date}.").format(run=found.run.id, number=found.adopted.decision_number,
                                   date=found.adopted.decision_date.isoformat()
                                   if found.adopted.decision_date else "")
    return _("Toetsing {run}: {status}.").format(run=found.run.id, status=found.status.value)


def who_when(judgement: Judgement) -> str:
    when = judgement.created.strftime("%Y-%m-%d %H:%M") if judgement.created else ""
    return f"{judgement.user} ({judgement.role.value}), {when}"


def judgement_json(j: Judgement) -> dict[str, Any]:
    return {"id": j.id, "run": j.run, "target": j.target.value, "key": j.key,
            "action": j.action.value, "verdict": j.verdict.value,
            "computed_verdict": j.computed_verdict.value, "rationale": j.rationale,
            "notes": j.notes, "role": j.role.value, "user": j.user,
            "created": j.created.isoformat() if j.created else None,
            "evidence": [{"file": e.file_name, "sha256": e.sha256, "size": e.size}
                         for e in j.evidence]}


def review_json(found: Review) -> dict[str, Any]:
    current = {j.id for j in found.current.values()}
    return {"run": found.run.id, "status": found.status.value, "definitive": found.definitive,
            "decision": None if found.adopted is None else {
                "number": found.adopted.decision_number,
                "date": found.adopted.decision_date.isoformat()
                if found.adopted.decision_date else None},
            "judgements": [{**judgement_json(j), "current": j.id in current}
                           for j in found.judgements],
            "comments": [{"id": c.id, "key": c.key, "text": c.text, "role": c.role.value,
                          "user": c.user,
                          "created": c.created.isoformat() if c.created else None}
                         for c in found.comments]}
