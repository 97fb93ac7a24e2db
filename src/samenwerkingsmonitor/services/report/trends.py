"""Trend charts of the report: per subject a chart per key indicator, with the baseline, the
norm's target and signal, and the peer group where the norm has one.

The subject's own numbers are the stored findings (never recomputed). Peer values are context
for the chart only: they come from the measurements as they stood after the run's last batch,
through the same derivation the engine uses (analysis/indicator_values.py). Values marked not
comparable are shown apart, with the reason from the measurement's note.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from samenwerkingsmonitor.analysis.indicator_values import indicator_values
from samenwerkingsmonitor.domain.assessment import AssessmentRun, Finding, QualityLabel
from samenwerkingsmonitor.domain.framework import Framework, Indicator, Norm, NormKind
from samenwerkingsmonitor.domain.organisation import Organisation, Subject, SubjectKind
from samenwerkingsmonitor.i18n import _, current_language
from samenwerkingsmonitor.services.assessment.explain import (
    number,
    quantity,
    unit_label,
    verdict_label,
)
from samenwerkingsmonitor.services.measurements.frame import measurement_frame
from samenwerkingsmonitor.services.report.chart_specs import Series, trend_spec
from samenwerkingsmonitor.services.report.model import ChartFigure, DataTable
from samenwerkingsmonitor.services.report.norms import norm_bounds
from samenwerkingsmonitor.services.storage.ports import StoredMeasurement

KEY_INDICATORS = {
    SubjectKind.TEAM: ("lasten_eur", "ziekteverzuim_pct", "tijdigheid_pct"),
    SubjectKind.MUNICIPALITY: ("formatie_per_1000", "bezetting_per_1000",
                               "apparaatskosten_per_inwoner", "externe_inhuur_pct",
                               "overhead_pct"),
}
"""Indicators that get a trend chart, per kind of subject."""


@dataclass(frozen=True, slots=True)
class PeerValues:
    """Values of every subject (measured and derived), for the peer groups of the charts."""

    values: dict[tuple[str, str, int], tuple[float, bool]]  # → (value, comparable)
    reasons: dict[tuple[str, int], str]  # (subject, year) → why not comparable
    names: dict[str, str]


def peer_values(measurements: Sequence[StoredMeasurement], framework: Framework,
                organisation: Organisation, kind: str = "realisatie") -> PeerValues:
    frame = measurement_frame([s.measurement for s in measurements])
    values = indicator_values(frame, framework).filter(
        (pl.col("kind") == kind) & pl.col("value").is_not_null())
    found = {(r["subject"], r["indicator"], r["year"]): (r["value"], not r["not_comparable"])
             for r in values.iter_rows(named=True)}
    reasons: dict[tuple[str, int], str] = {}
    for stored in measurements:
        m = stored.measurement
        if not m.comparable and m.note:
            known = reasons.get((m.subject, m.year), "")
            if m.note not in known:
                reasons[(m.subject, m.year)] = f"{known} {m.note}".strip()
    names = {m.code: m.name for m in organisation.municipalities}
    return PeerValues(found, reasons, names)


def _per_year(findings: Sequence[Finding]) -> dict[int, Finding]:
    """One finding per year: the first norm's (the table shows every norm)."""
    chosen: dict[int, Finding] = {}
    for f in sorted(findings, key=lambda f: (f.year, f.norm is None, f.norm or "")):
        chosen.setdefault(f.year, f)
    return chosen


def _constant(finding: Finding) -> float | None:
    """The value in prices of the baseline year, from the stored change in constant prices."""
    if finding.baseline_value is None:
        return None
    if finding.compared is not None:
        return finding.baseline_value * (1 + finding.compared / 100)
    return finding.value if finding.year == finding.baseline_year else None


@dataclass(frozen=True, slots=True)
class _Lines:
    target: list[tuple[int, float]]
    signal: list[tuple[int, float]]
    target_low: list[tuple[int, float]]
    signal_low: list[tuple[int, float]]


def _norm_lines(norm: Norm | None, years: dict[int, Finding]) -> _Lines:
    lines = _Lines([], [], [], [])
    if norm is None or norm.kind in (NormKind.TREND, NormKind.QUALITATIVE):
        return lines
    for year, f in sorted(years.items()):
        if norm.is_band:
            for bound, into in ((norm.band_high, lines.target), (norm.band_low, lines.target_low),
                                (norm.signal_high, lines.signal),
                                (norm.signal_low, lines.signal_low)):
                if bound is not None:
                    into.append((year, bound.value))
            continue
        target, signal = f.target, f.signal
        if norm.kind is NormKind.BUDGET:  # the limit in euros: the budget plus the deviation
            base = f.reference
            target = None if base is None or target is None else base * (1 + target / 100)
            signal = None if base is None or signal is None else base * (1 + signal / 100)
        elif norm.kind is NormKind.BASELINE:
            base = f.baseline_value
            target = None if base is None or target is None else base * (1 + target / 100)
            signal = None if base is None or signal is None else base * (1 + signal / 100)
        if target is not None:
            lines.target.append((year, target))
        if signal is not None:
            lines.signal.append((year, signal))
    return lines


@dataclass(frozen=True, slots=True)
class _Peers:
    comparable: list[tuple[int, float]]
    apart: list[tuple[int, float]]
    notes: list[str]


def _peers(subject: Subject, indicator: Indicator, norm: Norm | None, years: list[int],
           organisation: Organisation, peers: PeerValues) -> _Peers | None:
    if norm is None or norm.kind is not NormKind.PEER or norm.peer_group is None:
        return None
    group = organisation.peer_group(norm.peer_group)
    if group is None:
        return None
    result = _Peers([], [], [])
    apart: dict[tuple[str, str], list[int]] = {}
    for year in years:
        if not group.validity.covers(year):
            continue
        for code in group.members:
            found = peers.values.get((code, indicator.id, year))
            if code == subject.id or found is None:
                continue
            value, comparable = found
            (result.comparable if comparable else result.apart).append((year, value))
            if not comparable:
                reason = peers.reasons.get((code, year), _("geen reden opgegeven"))
                apart.setdefault((peers.names.get(code, code), reason), []).append(year)
    result.notes.extend(
        _("{name} ({years}) niet vergelijkbaar: {reason}").format(
            name=name, years=", ".join(str(y) for y in years_apart), reason=reason)
        for (name, reason), years_apart in apart.items())
    return result


def trend_charts(subject: Subject, findings: Sequence[Finding], framework: Framework,
                 run: AssessmentRun, organisation: Organisation, peers: PeerValues,
                 anchor: str) -> tuple[ChartFigure, ...]:
    figures = []
    for indicator_id in KEY_INDICATORS.get(subject.kind, ()):
        indicator = framework.indicator(indicator_id)
        own = [f for f in findings if f.indicator == indicator_id]
        if indicator is None or all(f.value is None for f in own):
            continue  # nothing to draw: the findings table names the gap
        figures.append(_figure(subject, indicator, own, framework, run, organisation, peers,
                               f"{anchor}-grafiek-{indicator_id.replace('_', '-')}"))
    return tuple(figures)


def _figure(subject: Subject, indicator: Indicator, findings: Sequence[Finding],
            framework: Framework, run: AssessmentRun, organisation: Organisation,
            peers: PeerValues, anchor: str) -> ChartFigure:
    by_year = _per_year(findings)
    norm = next((n for n in framework.norms if n.id == by_year[min(by_year)].norm), None)
    constant = (norm is not None and norm.kind is NormKind.BASELINE and bool(norm.price_index)
                and any(_constant(f) is not None for f in by_year.values()))
    # without a nulmeting there are no constant prices: the chart shows current prices
    years = list(range(run.first_year, run.last_year + 1))
    series, notes = _series(subject, by_year, norm, constant, run, peers.reasons)
    peer = _peers(subject, indicator, norm, years, organisation, peers)
    if peer is not None:
        series.append(Series("peers", _("Vergelijkbare gemeenten"), tuple(peer.comparable)))
        notes += peer.notes  # values marked not comparable: in the notes and table, never on
        # the scale (plotted near zero they squashed it)
    if norm is not None and norm.kind is NormKind.TREND:
        target, signal = norm_bounds(norm, indicator)
        notes.append(_("De norm is een trend ({target}); die is als oordeel per jaar in de tabel "
                       "te lezen, niet als lijn.").format(target=target))
    title = _("{indicator}: {subject}").format(indicator=indicator.name, subject=subject.name)
    y_title = (_("{unit} in prijzen van {year}").format(unit=unit_label(indicator.unit),
                                                         year=run.baseline_year)
               if constant else unit_label(indicator.unit) or indicator.name)
    summary = _summary(subject, indicator, by_year, norm, constant)
    table = _table(subject, indicator, by_year, constant, peer)
    locale = "nl-NL" if current_language() == "nl" else "en-GB"
    spec = trend_spec(title, y_title, years, series, summary, locale)
    return ChartFigure(anchor, indicator.id, title, summary, table, tuple(notes), spec)


def _series(subject: Subject, by_year: dict[int, Finding], norm: Norm | None, constant: bool,
            run: AssessmentRun,
            reasons: dict[tuple[str, int], str]) -> tuple[list[Series], list[str]]:
    not_comparable = {y for y, f in by_year.items() if QualityLabel.NOT_COMPARABLE in f.labels}
    points = {y: (_constant(f) if constant else f.value) for y, f in by_year.items()}
    own = tuple((y, v) for y, v in sorted(points.items())
                if v is not None and y not in not_comparable)
    apart = tuple((y, v) for y, v in sorted(points.items())
                  if v is not None and y in not_comparable)
    if constant:
        name = _("{subject} (prijzen van {year})").format(subject=subject.name,
                                                          year=run.baseline_year)
        label = _("prijzen van {year}").format(year=run.baseline_year)
    else:
        name = label = subject.name
    del apart  # not comparable: named in the notes and the table, never on the scale
    series = [Series("own", name, own, label=label)]
    first = by_year[min(by_year)]
    if first.baseline_value is not None and first.baseline_year is not None:
        baseline = _("Nulmeting {year}").format(year=first.baseline_year)
        series.append(Series("baseline", baseline,
                             tuple((y, first.baseline_value) for y in sorted(by_year)),
                             label=baseline))
    lines = _norm_lines(norm, by_year)
    band = norm is not None and norm.is_band
    target = _("Streefband") if band else _("Streefwaarde")
    signal = _("Signaalband") if band else _("Signaalwaarde")
    series += [
        Series("target", target, tuple(lines.target), "boven" if band else "", target),
        Series("target", target, tuple(lines.target_low), "onder"),
        Series("signal", signal, tuple(lines.signal), "boven" if band else "", signal),
        Series("signal", signal, tuple(lines.signal_low), "onder"),
    ]
    notes = [_("{subject} ({year}) niet vergelijkbaar, daarom apart getoond: {reason}").format(
        subject=subject.name, year=y,
        reason=reasons.get((subject.id, y), _("geen reden opgegeven")))
        for y in sorted(not_comparable)]
    if constant:  # one panel, one price level: that of the norm and the verdict
        notes.append(_("De lijnen en het oordeel gebruiken prijzen van {year}; de bedragen in "
                       "lopende prijzen staan in de tabel.").format(year=run.baseline_year))
    return series, notes


def _fmt(value: float | None, indicator: Indicator) -> str:
    return "–" if value is None else quantity(value, indicator.unit, indicator.decimals)


def _summary(subject: Subject, indicator: Indicator, by_year: dict[int, Finding],
             norm: Norm | None, constant: bool) -> str:
    first, last = by_year[min(by_year)], by_year[max(by_year)]
    norm_text = (_("streefwaarde {target}, signaalwaarde {signal}").format(
        target=norm_bounds(norm, indicator)[0], signal=norm_bounds(norm, indicator)[1])
        if norm is not None else _("geen norm"))
    baseline = (_fmt(first.baseline_value, indicator) if first.baseline_value is not None
                else _("ontbreekt"))
    prices = _(" (lopende prijzen)") if constant else ""
    return _("{indicator} van {subject}{prices}: {first} in {first_year} en {last} in "
             "{last_year}; nulmeting {baseline}; norm: {norm}. Oordeel in {last_year}: "
             "{verdict}.").format(
        indicator=indicator.name, subject=subject.name, prices=prices,
        first=_fmt(first.value, indicator), first_year=first.year,
        last=_fmt(last.value, indicator), last_year=last.year, baseline=baseline,
        norm=norm_text, verdict=verdict_label(last.verdict))


def _table(subject: Subject, indicator: Indicator, by_year: dict[int, Finding],
           constant: bool, peer: _Peers | None) -> DataTable:
    columns = [_("Jaar"), _("Waarde in lopende prijzen") if constant else _("Waarde")]
    if constant:
        columns.append(_("In prijzen van de nulmeting"))
    columns += [_("Nulmeting"), _("Streefwaarde"), _("Signaalwaarde")]
    if peer is not None:
        columns.append(_("Vergelijkbare gemeenten"))
    columns.append(_("Oordeel"))
    rows = []
    for year, f in sorted(by_year.items()):
        target, signal = f.target, f.signal
        if f.norm_kind == NormKind.BASELINE.value:
            target_text, signal_text = _change(target), _change(signal)
        else:
            target_text, signal_text = _fmt(target, indicator), _fmt(signal, indicator)
        row = [str(year), _fmt(f.value, indicator)]
        if constant:
            row.append(_fmt(_constant(f), indicator))
        row += [_fmt(f.baseline_value, indicator), target_text, signal_text]
        if peer is not None:
            row.append(_peer_cell(year, indicator, peer))
        row.append(verdict_label(f.verdict))
        rows.append(tuple(row))
    caption = _("Gegevens van de grafiek ‘{indicator}’ voor {subject}").format(
        indicator=indicator.name, subject=subject.name)
    return DataTable(caption, tuple(columns), tuple(rows))


def _change(percent: float | None) -> str:
    """A baseline norm's bound: a change against the baseline in constant prices."""
    if percent is None:
        return "–"
    return _("{sign}{change} % t.o.v. nulmeting").format(
        sign="+" if percent > 0 else "", change=number(percent, 1))


def _peer_cell(year: int, indicator: Indicator, peer: _Peers) -> str:
    values = [v for y, v in peer.comparable if y == year]
    apart = sum(1 for y, _v in peer.apart if y == year)
    if not values:
        text = _("geen vergelijkbare waarden")
    else:
        text = _("mediaan {median} van {count} gemeenten").format(
            median=_fmt(statistics.median(values), indicator), count=len(values))
    if apart:
        text += " " + _("({count} niet vergelijkbaar)").format(count=apart)
    return text
