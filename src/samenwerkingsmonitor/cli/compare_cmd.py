"""`compare RUN_A RUN_B` and `signals RUN`: what changed between two runs and why; what to
look at before a norm is crossed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from samenwerkingsmonitor.cli.app import app, check_output_format, console, print_json, wiring
from samenwerkingsmonitor.i18n import _

if TYPE_CHECKING:
    from samenwerkingsmonitor.analysis.signals import Signal
    from samenwerkingsmonitor.services.assessment.compare import Comparison, VersionChange

FORMAT = Annotated[str, typer.Option("--format", help=_("Uitvoer: tabel of json."),
                                     callback=check_output_format)]


@app.command("compare", help=_(
    "Vergelijk twee toetsingen per bevinding: wat veranderde (waarde, oordeel, norm, nulmeting, "
    "oordeel van de beoordelaar) en welke meetversies dat veroorzaakten."))
def compare_command(
    run_a: Annotated[str, typer.Argument(help=_("De eerdere toetsing, bijv. R-0001."))],
    run_b: Annotated[str, typer.Argument(help=_("De latere toetsing, bijv. R-0002."))],
    output_format: FORMAT = "tabel",
) -> None:
    from rich.table import Table

    from samenwerkingsmonitor.services.assessment.use_cases import CompareRequest, compare

    found = compare(CompareRequest(run_a, run_b), wiring())
    if output_format == "json":
        print_json(comparison_json(found))
        return
    console.print(_("{a} en {b}: {compared} bevindingen van {subjects} gemeenschappelijke "
                    "onderwerpen vergeleken, {changed} veranderd ({better} beter, {worse} "
                    "slechter).").format(a=found.run_a.id, b=found.run_b.id,
                                         compared=found.compared,
                                         subjects=len(found.common_subjects),
                                         changed=len(found.changed), better=found.better,
                                         worse=found.worse), markup=False)
    for label, subjects in ((_("Alleen in {run}: {subjects}."), found.only_a),
                            (_("Alleen in {run}: {subjects}."), found.only_b)):
        if subjects:
            run = found.run_a.id if subjects is found.only_a else found.run_b.id
            console.print(label.format(run=run, subjects=", ".join(subjects)), markup=False)
    if found.changed:
        table = Table(title=_("Veranderde bevindingen"), title_justify="left")
        for header in (_("Bevinding"), _("Wat"), _("Was"), _("Is"), _("Door meetversie")):
            table.add_column(header)
        for change in found.changed:
            causes = "; ".join(version_text(v) for v in change.causes) or "-"
            for item in change.changes:
                table.add_row(change.key, item.field, _shown(item.before), _shown(item.after),
                              causes)
        console.print(table)
    for item in found.criteria:
        console.print(_("Criteriumoordeel {key}: {before} → {after}.").format(
            key=item.key, before=item.before, after=item.after), markup=False)


def _shown(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def version_text(v: VersionChange) -> str:
    when = v.created.strftime("%Y-%m-%d") if v.created else ""
    return _("versie {version} van {indicator} {year} ({before} → {after}; {user}, {when}, "
             "{reason})").format(version=v.after_version or "-", indicator=v.indicator,
                                 year=v.year, before=_shown(v.before), after=_shown(v.after),
                                 user=v.user, when=when, reason=v.reason or "-")


def version_json(v: VersionChange) -> dict[str, Any]:
    return {"subject": v.subject, "indicator": v.indicator, "year": v.year, "kind": v.kind,
            "before_version": v.before_version, "after_version": v.after_version,
            "before": v.before, "after": v.after, "user": v.user,
            "created": v.created.isoformat() if v.created else None, "reason": v.reason,
            "file": v.file_name}


def comparison_json(found: Comparison) -> dict[str, Any]:
    return {
        "run_a": found.run_a.id, "run_b": found.run_b.id,
        "common_subjects": list(found.common_subjects), "only_a": list(found.only_a),
        "only_b": list(found.only_b), "compared": found.compared,
        "better": found.better, "worse": found.worse,
        "changed": [{"finding": c.key, "label": found.labels.get(c.key, ""), "changes": [
            {"field": i.field, "before": i.before, "after": i.after} for i in c.changes],
            "caused_by": [version_json(v) for v in c.causes]} for c in found.changed],
        "criteria": [{"criterion": c.key, "before": c.before, "after": c.after}
                     for c in found.criteria],
        "findings_only_a": list(found.findings_only_a),
        "findings_only_b": list(found.findings_only_b),
    }


@app.command("signals", help=_(
    "Toon de signalen van een toetsing: norm overschreden sinds de vorige toetsing, jaren op "
    "rij slechter binnen de norm, een sprong ten opzichte van de trend, en gaten in de "
    "gegevens van het laatste jaar."))
def signals_command(
    run: Annotated[str, typer.Argument(help=_("De toetsing, bijv. R-0001 of latest."))],
    output_format: FORMAT = "tabel",
) -> None:
    from rich.table import Table

    from samenwerkingsmonitor.services.assessment.use_cases import SignalsRequest, signals

    found = signals(SignalsRequest(run), wiring())
    if output_format == "json":
        print_json({"run": found.run.id,
                    "previous": found.previous.id if found.previous else None,
                    "signals": [{**signal_json(s), "label": found.labels.get(s.finding, "")}
                                for s in found.signals]})
        return
    if not found.signals:
        console.print(_("Toetsing {run} geeft geen signalen.").format(run=found.run.id),
                      markup=False)
        return
    table = Table(title=_("Signalen van {run}").format(run=found.run.id), title_justify="left")
    for header in (_("Soort"), _("Bevinding"), _("Wat")):
        table.add_column(header)
    for signal in found.signals:
        table.add_row(signal.kind.value, signal.finding, signal_text(signal,
                                                                      found.previous.id
                                                                      if found.previous
                                                                      else ""))
    console.print(table)


def signal_text(s: Signal, previous: str) -> str:
    from samenwerkingsmonitor.analysis.signals import SignalKind

    if s.kind is SignalKind.NORM_CROSSED:
        return _("was {before} in {previous}, nu {verdict}.").format(
            before=s.before, previous=previous, verdict=s.verdict.value)
    if s.kind is SignalKind.WORSE_YEARS:
        return _("{n} jaar op rij slechter ({values}), nog {verdict}.").format(
            n=len(s.years) - 1, values=" → ".join(f"{v:g}" for v in s.values),
            verdict=s.verdict.value)
    if s.kind is SignalKind.JUMP:
        return _("{value:g} wijkt {pct:.0f}% af van de trend ({expected:.4g}).").format(
            value=s.values[-1], pct=s.deviation_pct or 0, expected=s.expected or 0)
    return _("geen oordeel over {year}: {gap}.").format(year=s.year, gap=s.gap or "-")


def signal_json(s: Signal) -> dict[str, Any]:
    return {"kind": s.kind.value, "finding": s.finding, "subject": s.subject,
            "indicator": s.indicator, "year": s.year, "norm": s.norm,
            "verdict": s.verdict.value, "before": s.before.value if s.before else None,
            "worse": s.worse, "years": list(s.years), "values": list(s.values),
            "expected": s.expected, "deviation_pct": s.deviation_pct, "gap": s.gap}
