"""`framework validate FILE` and `framework show ID|FILE` (docs/commands.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer
from rich.table import Table
from rich.tree import Tree

from samenwerkingsmonitor.cli.app import app, check_output_format, console, print_json, wiring
from samenwerkingsmonitor.i18n import _

if TYPE_CHECKING:  # services load their libraries when a command runs, not for --help
    from samenwerkingsmonitor.services.frameworks.load import SubjectBurden


framework_app = typer.Typer(help=_("Toetsingskaders controleren en tonen."),
                            no_args_is_help=True)
app.add_typer(framework_app, name="framework")


def _subject_label(kind: str) -> str:
    if kind == "municipality":
        return _("gemeente")
    if kind == "cooperation":
        return _("samenwerkingsverband")
    return _("team")


@framework_app.command("validate", help=_(
    "Controleer een toetsingskader; toont elk probleem met plaats en hint."))
def validate(
    file: str = typer.Argument(
        ..., help=_("Pad naar het kaderbestand (TOML) of een meegeleverd id.")),
) -> None:
    from samenwerkingsmonitor.services.frameworks.use_cases import (
        FrameworkRequest,
        validate_framework_file,
    )
    framework = validate_framework_file(FrameworkRequest(file), wiring())
    console.print(
        _("Toetsingskader '{id}' versie {version} is geldig: {c} criteria, {i} indicatoren, "
          "{n} normen.").format(id=framework.id, version=framework.version,
                                c=len(framework.criteria), i=len(framework.indicators),
                                n=len(framework.norms)), markup=False)


@framework_app.command("show", help=_(
    "Toon de criteriaboom met indicatoren en normen, en de gegevenslast per jaar."))
def show(
    reference: str = typer.Argument(
        ..., help=_("Id van een meegeleverd kader of pad naar een bestand.")),
    output_format: str = typer.Option("tabel", "--format", help=_("Uitvoer: tabel of json."),
                                      callback=check_output_format),
) -> None:
    from samenwerkingsmonitor.services.frameworks.use_cases import FrameworkRequest, show_framework
    view = show_framework(FrameworkRequest(reference), wiring())
    if output_format == "json":
        print_json(view.description)
        return
    console.print(_tree(view.description), soft_wrap=False)
    console.print(_burden_table(view.burden))
    share = view.description["published_share"]
    console.print(_("Uit gepubliceerde bronnen (begroting, jaarrekening, CBS, de tekst van de "
                    "regeling, raadsbesluiten): {published} van de {inputs} jaarlijkse waarden "
                    "van een gemeente en een samenwerking samen ({percent} %).").format(
        published=share["published"], inputs=share["inputs"],
        percent=f"{share['percent']:.0f}"), markup=False)


def _bound_text(bound: dict[str, Any] | None) -> str:
    if bound is None:
        return "-"
    text = f"{bound['value']:g}"
    return text if bound["inclusive"] else _("{value} (grens telt niet mee)").format(value=text)


def _norm_text(norm: dict[str, Any]) -> str:
    kind = norm["kind"]
    if norm["scale"]:
        values = ", ".join(f"{k} → {v}" for k, v in norm["scale"].items())
        detail = _("schaal: {values}").format(values=values)
    elif norm["band_low"] is not None:
        detail = _("band {low} tot {high}, signaal {slow} tot {shigh}").format(
            low=_bound_text(norm["band_low"]), high=_bound_text(norm["band_high"]),
            slow=_bound_text(norm["signal_low"]), shigh=_bound_text(norm["signal_high"]))
    else:
        detail = _("streefwaarde {target}, signaalwaarde {signal}").format(
            target=_bound_text(norm["target"]), signal=_bound_text(norm["signal"]))
    if norm["price_index"]:
        detail += _(", constante prijzen ({index})").format(index=norm["price_index"])
    if norm["peer_group"]:
        detail += _(", groep {group}").format(group=norm["peer_group"])
    if norm.get("peer_rule"):
        detail += _(", eigen inwonersklasse (CBS) per jaar")
    if kind == "trend":
        detail += _(", over {years} jaar").format(years=norm["years"])
    source = norm["source"]
    text = _("norm {id} ({kind}): {detail}; bron: {source} ({source_kind}); eigenaar: {owner}"
             ).format(id=norm["id"], kind=kind, detail=detail, source=source["reference"],
                      source_kind=source["kind"], owner=norm["owner"])
    return text + (_(" [voorbeeld: de raad stelt deze norm vast]") if norm["example"] else "")


def _add_criterion(parent: Tree, criterion: dict[str, Any]) -> None:
    levels = ", ".join(str(level) for level in criterion["levels"])
    label = _("{name} [{id}] · niveau {levels} · samenvatting: {rule}").format(
        name=criterion["name"], id=criterion["id"], levels=levels, rule=criterion["rollup"])
    if criterion["light_check"]:
        label += _(" · lichte toets")
    branch = parent.add(f"[bold]{_escape(label)}[/]")
    for indicator in criterion["indicators"]:
        kinds = ", ".join(_subject_label(k) for k in indicator["applies_to"])
        text = f"{indicator['name']} [{indicator['id']}] · {indicator['unit']} · {kinds}"
        if indicator["formula"]:
            text += f" · = {indicator['formula']}"
        leaf = branch.add(_escape(text))
        for norm in indicator["norms"]:
            leaf.add(_escape(_norm_text(norm)))
        if not indicator["norms"]:
            leaf.add(_("geen norm"))
    for child in criterion["criteria"]:
        _add_criterion(branch, child)


def _escape(text: str) -> str:
    return text.replace("[", r"\[")


def _tree(description: dict[str, Any]) -> Tree:
    root = Tree(_escape(_("{title} ({id} versie {version}, {status}, {first}-{last})").format(
        title=description["title"], id=description["id"], version=description["version"],
        status=description["status"], first=description["period"]["first"],
        last=description["period"]["last"])))
    for criterion in description["criteria"]:
        _add_criterion(root, criterion)
    return root


def _burden_table(burdens: tuple[SubjectBurden, ...]) -> Table:
    table = Table(title=_("Gegevenslast per onderwerp per jaar"))
    table.add_column(_("Onderwerp"))
    table.add_column(_("Waarden"), justify="right")
    table.add_column(_("Gepubliceerd"), justify="right")
    table.add_column(_("Oordeel van een persoon"), justify="right")
    for burden in burdens:
        table.add_row(_subject_label(burden.subject_kind.value), str(burden.values),
                      str(len(burden.pc_source)), str(len(burden.assessed)))
    return table
