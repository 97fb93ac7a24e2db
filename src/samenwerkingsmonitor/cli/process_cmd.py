"""`process add KIND ...` and `process list`: process events, the one source of the process
indicators (docs/adr/0020-process-events.md)."""

from __future__ import annotations

from datetime import date
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
    from samenwerkingsmonitor.domain.process import ProcessEvent

process_app = typer.Typer(help=_("Procesgebeurtenissen vastleggen en tonen: evaluaties, "
                                 "begeleidingsgroep, raadsinformatiebrieven en besluiten."),
                          no_args_is_help=True)
app.add_typer(process_app, name="process")


def _date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise typer.BadParameter(_("'{text}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld "
                                   "2021-09-14.").format(text=text)) from None


@process_app.command("add", help=_(
    "Leg een procesgebeurtenis vast (alleen toevoegen, met wie, wanneer en waarom). Soorten: "
    "evaluatie_gepland, evaluatie_gehouden, begeleidingsgroep_ingesteld, "
    "begeleidingsgroep_bijeenkomst, raadsinformatiebrief, raadsbesluit."))
def add_command(
    kind: Annotated[str, typer.Argument(help=_("Soort gebeurtenis."))],
    cooperation: Annotated[str, typer.Option(
        "--cooperation", help=_("De samenwerking, bijv. heemstede-bloemendaal."))],
    on: Annotated[str | None, typer.Option(
        "--date", help=_("Datum JJJJ-MM-DD: gepland, gehouden, verzonden of besloten."))] = None,
    title: Annotated[str, typer.Option(
        "--title", help=_("Onderwerp van de brief of het besluit; naam van de evaluatie."))] = "",
    number: Annotated[str, typer.Option(
        "--number", help=_("Nummer van de brief of het besluit; bij een gehouden evaluatie "
                           "het rapport."))] = "",
    municipality: Annotated[str, typer.Option(
        "--municipality", help=_("CBS-code van de gemeente wier raad het betreft."))] = "",
    interim: Annotated[bool, typer.Option(
        "--interim", help=_("Een geplande evaluatie die de tussentijdse is."))] = False,
    members: Annotated[int, typer.Option(
        "--members", help=_("Aantal raadsleden in de begeleidingsgroep."))] = 0,
    reason: Annotated[str, typer.Option("--reason", help=_("Waarom, of de bron."))] = "",
    output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
) -> None:
    from samenwerkingsmonitor.services.organisation.process_events import NewProcessEvent
    from samenwerkingsmonitor.services.organisation.use_cases import (
        AddProcessEventRequest,
        add_process_event,
    )

    new = NewProcessEvent(kind, cooperation, _date(on), title, number, municipality, interim,
                          members)
    event = add_process_event(AddProcessEventRequest(new, settings.user, reason), wiring())
    if output_format == "json":
        print_json(event_json(event))
        return
    console.print(_("Gebeurtenis {id} vastgelegd: {kind} van {cooperation} op {date}.").format(
        id=event.id, kind=event.kind.value, cooperation=event.cooperation,
        date=event.date.isoformat()), markup=False)


@process_app.command("list", help=_(
    "Toon de vastgelegde procesgebeurtenissen en de procesindicatoren die eruit volgen."))
def list_command(
    cooperation: Annotated[str | None, typer.Option(
        "--cooperation", help=_("Alleen deze samenwerking."))] = None,
    years: Annotated[str, typer.Option(
        "--years", help=_("Jaren voor de tellingen, bijv. 2018-2022."))] = "",
    output_format: Annotated[str, typer.Option(
        "--format", help=_("Uitvoer: tabel of json."), callback=check_output_format)] = "tabel",
) -> None:
    from rich.table import Table

    from samenwerkingsmonitor.services.organisation.use_cases import (
        ProcessRequest,
        process_overview,
    )

    first, _sep, last = years.partition("-")
    span = tuple(range(int(first), int(last or first) + 1)) if first.isdigit() and (
        not last or last.isdigit()) else ()
    overview = process_overview(ProcessRequest(cooperation, span), wiring())
    if output_format == "json":
        print_json({"events": [event_json(e) for e in overview.events],
                    "indicators": [{"cooperation": m.subject, "indicator": m.indicator,
                                    "year": m.year, "value": m.value if m.scale_value is None
                                    else m.scale_value, "from": m.note}
                                   for m in overview.indicator_values]})
        return
    table = Table(title=_("Vastgelegde procesgebeurtenissen"), title_justify="left")
    for header in ("#", _("Soort"), _("Samenwerking"), _("Datum"), _("Titel"), _("Nummer"),
                   _("Wie"), _("Waarom")):
        table.add_column(header)
    for e in overview.events:
        table.add_row(str(e.id), e.kind.value, e.cooperation, e.date.isoformat(), e.title,
                      e.number, e.user, e.reason)
    console.print(table)
    if overview.indicator_values:
        counted = Table(title=_("Procesindicatoren, geteld uit organisatiebestand en "
                                "gebeurtenissen"), title_justify="left")
        for header in (_("Samenwerking"), _("Indicator"), _("Jaar"), _("Waarde"), _("Uit")):
            counted.add_column(header)
        for m in overview.indicator_values:
            shown = m.scale_value if m.scale_value is not None else f"{m.value:g}"
            counted.add_row(m.subject, m.indicator, str(m.year), shown, m.note)
        console.print(counted)


def event_json(event: ProcessEvent) -> dict[str, Any]:
    return {"id": event.id, "kind": event.kind.value, "cooperation": event.cooperation,
            "date": event.date.isoformat(), "title": event.title, "number": event.number,
            "municipality": event.municipality, "interim": event.interim,
            "members": event.members, "user": event.user, "reason": event.reason,
            "created": event.created.isoformat() if event.created else None}
