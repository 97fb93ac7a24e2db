"""Content checks of norms: does each norm fit its indicator's unit and direction?"""

from __future__ import annotations

from samenwerkingsmonitor.domain.framework import (
    SCALE_UNITS,
    UNITS,
    Direction,
    Framework,
    Indicator,
    Norm,
    NormKind,
)
from samenwerkingsmonitor.domain.validation import ValidationReport
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.frameworks.locations import KeyRef, Locate

EURO_UNITS = frozenset({"eur", "eur_per_inwoner"})
THRESHOLD_KINDS = frozenset({NormKind.ABSOLUTE, NormKind.BASELINE, NormKind.PEER, NormKind.TREND,
                             NormKind.BUDGET})


class _NormChecks:
    def __init__(self, framework: Framework, locate: Locate, report: ValidationReport) -> None:
        self.fw = framework
        self.locate = locate
        self.report = report

    def add(self, norm: Norm, keys: tuple[str, ...], message: str, hint: str = "") -> None:
        self.report.add(self.locate(KeyRef("norms", norm.id, keys)), message, hint)

    def run(self, norm: Norm, indicator: Indicator) -> None:
        self.misplaced_keys(norm)
        if norm.kind is NormKind.QUALITATIVE:
            self.qualitative(norm, indicator)
            return
        if indicator.unit == "ja_nee":  # the scores 1-5 and 1-10 may be compared as numbers
            self.add(norm, ("kind",),
                     _("Een norm van soort '{kind}' past niet bij eenheid '{unit}' van '{id}'."
                       ).format(kind=norm.kind.value, unit=indicator.unit, id=indicator.id),
                     _("Gebruik kind = \"kwalitatief\" met een scale."))
            return
        if norm.is_band:
            self.band(norm, indicator)
            return
        self.threshold(norm, indicator)

    def misplaced_keys(self, norm: Norm) -> None:
        misplaced = [
            ("scale", bool(norm.scale) and norm.kind is not NormKind.QUALITATIVE,
             NormKind.QUALITATIVE),
            ("peer_group", norm.peer_group is not None and norm.kind is not NormKind.PEER,
             NormKind.PEER),
            ("peer_rule", norm.peer_rule is not None and norm.kind is not NormKind.PEER,
             NormKind.PEER),
            ("price_index", norm.price_index is not None and norm.kind is not NormKind.BASELINE,
             NormKind.BASELINE),
        ]
        band_keys = (norm.band_low, norm.band_high, norm.signal_low, norm.signal_high)
        misplaced.append(("band_low", any(b is not None for b in band_keys)
                          and norm.kind is not NormKind.ABSOLUTE, NormKind.ABSOLUTE))
        for key, wrong, kind in misplaced:
            if wrong:
                self.add(norm, (key,),
                         _("'{key}' hoort alleen bij kind = \"{kind}\".").format(
                             key=key, kind=kind.value),
                         _("Verwijder '{key}' of kies een andere normsoort.").format(key=key))
        if norm.first_year is not None and not (
                self.fw.first_year <= norm.first_year <= self.fw.last_year):
            self.add(norm, ("first_year",),
                     _("first_year {year} ligt buiten de periode {first}-{last} van het kader."
                       ).format(year=norm.first_year, first=self.fw.first_year,
                                last=self.fw.last_year),
                     _("Kies een jaar binnen [period]."))

    def qualitative(self, norm: Norm, indicator: Indicator) -> None:
        scale = SCALE_UNITS.get(indicator.unit)
        if scale is None:
            self.add(norm, ("kind",),
                     _("Een kwalitatieve norm past niet bij eenheid '{unit}' van '{id}'.").format(
                         unit=indicator.unit, id=indicator.id),
                     _("Kwalitatieve normen horen bij een schaal: {units}.").format(
                         units=", ".join(SCALE_UNITS)))
            return
        if norm.target is not None or norm.signal is not None:
            self.add(norm, ("target",),
                     _("target en signal horen niet bij een kwalitatieve norm."),
                     _("Geef elke schaalwaarde een oordeel onder scale."))
        if not norm.scale:
            self.add(norm, ("scale",), _("Een kwalitatieve norm heeft een scale nodig."),
                     _("Geef elke schaalwaarde een oordeel: {values}.").format(
                         values=", ".join(scale)))
            return
        mapped = [value for value, _verdict in norm.scale]
        for value in mapped:
            if value not in scale:
                self.add(norm, ("scale",),
                         _("Schaalwaarde '{value}' hoort niet bij eenheid '{unit}'.").format(
                             value=value, unit=indicator.unit),
                         _("Toegestaan: {values}.").format(values=", ".join(scale)))
        missing = [value for value in scale if value not in mapped]
        if missing:
            self.add(norm, ("scale",),
                     _("Schaalwaarden zonder oordeel: {values}.").format(
                         values=", ".join(missing)),
                     _("Geef elke waarde van de schaal een oordeel."))

    def band(self, norm: Norm, indicator: Indicator) -> None:
        if norm.target is not None or norm.signal is not None:
            self.add(norm, ("target",), _("Gebruik óf target/signal óf een band, niet beide."),
                     _("Verwijder target en signal, of band_low en band_high."))
        low, high = norm.band_low, norm.band_high
        if low is None or high is None:
            self.add(norm, ("band_low" if low is None else "band_high",),
                     _("Een band heeft band_low en band_high nodig."),
                     _("Voor één grens gebruikt u target en signal."))
            return
        if low.value > high.value:
            self.add(norm, ("band_low",),
                     _("band_low ({low:g}) is groter dan band_high ({high:g}).").format(
                         low=low.value, high=high.value), _("Verwissel de twee grenzen."))
        if norm.signal_low is not None and norm.signal_low.value > low.value:
            self.add(norm, ("signal_low",),
                     _("signal_low ({s:g}) ligt boven band_low ({b:g}).").format(
                         s=norm.signal_low.value, b=low.value),
                     _("De signaalgrenzen liggen buiten de band."))
        if norm.signal_high is not None and norm.signal_high.value < high.value:
            self.add(norm, ("signal_high",),
                     _("signal_high ({s:g}) ligt onder band_high ({b:g}).").format(
                         s=norm.signal_high.value, b=high.value),
                     _("De signaalgrenzen liggen buiten de band."))
        self.within_range(norm, indicator, (("band_low", low.value), ("band_high", high.value)))

    def threshold(self, norm: Norm, indicator: Indicator) -> None:
        if norm.signal_low is not None or norm.signal_high is not None:
            self.add(norm, ("signal_low",), _("signal_low en signal_high horen bij een band."),
                     _("Voeg band_low en band_high toe, of gebruik signal."))
        if norm.target is None:
            self.add(norm, ("target",), _("De streefwaarde (target) ontbreekt."),
                     _("Voeg target = ... toe, en signal = ... voor de signaalwaarde."))
            return
        if indicator.direction is Direction.NEUTRAL:
            self.add(norm, ("kind",),
                     _("Een norm van soort '{kind}' vraagt een richting, maar '{id}' is "
                       "neutraal.").format(kind=norm.kind.value, id=indicator.id),
                     _("Geef de indicator direction = \"hoger_is_beter\" of \"lager_is_beter\", "
                       "of gebruik een band (band_low/band_high)."))
        elif norm.signal is not None:
            self.order(norm, indicator, norm.target.value, norm.signal.value)
        if norm.kind is NormKind.PEER:
            self.peer(norm)
        if norm.kind is NormKind.BASELINE and norm.price_index and \
                indicator.unit not in EURO_UNITS and indicator.unit in UNITS:
            self.add(norm, ("price_index",),
                     _("Een prijsindex past niet bij eenheid '{unit}'.").format(
                         unit=indicator.unit),
                     _("Constante prijzen gelden alleen voor eur en eur_per_inwoner."))
        if norm.kind is NormKind.ABSOLUTE:
            points = [("target", norm.target.value)]
            if norm.signal is not None:
                points.append(("signal", norm.signal.value))
            self.within_range(norm, indicator, tuple(points))

    def order(self, norm: Norm, indicator: Indicator, target: float, signal: float) -> None:
        if norm.kind is NormKind.TREND:
            if target < signal:
                self.add(norm, ("target",),
                         _("De streefwaarde ({t:g}) van een trendnorm is kleiner dan de "
                           "signaalwaarde ({s:g}).").format(t=target, s=signal),
                         _("Bij een trend is target de gewenste verbetering per jaar: niet "
                           "kleiner dan signal."))
            return
        if indicator.direction is Direction.HIGHER_IS_BETTER and target < signal:
            self.add(norm, ("target",),
                     _("De streefwaarde ({t:g}) ligt onder de signaalwaarde ({s:g}), maar bij "
                       "'{id}' is hoger beter.").format(t=target, s=signal, id=indicator.id),
                     _("Bij hoger_is_beter is target groter dan of gelijk aan signal."))
        if indicator.direction is Direction.LOWER_IS_BETTER and target > signal:
            self.add(norm, ("target",),
                     _("De streefwaarde ({t:g}) ligt boven de signaalwaarde ({s:g}), maar bij "
                       "'{id}' is lager beter.").format(t=target, s=signal, id=indicator.id),
                     _("Bij lager_is_beter is target kleiner dan of gelijk aan signal."))

    def peer(self, norm: Norm) -> None:
        if norm.peer_group and norm.peer_rule:
            self.add(norm, ("peer_rule",),
                     _("Een norm noemt zowel een vergelijkingsgroep als een regel."),
                     _("Kies één van beide: peer_group = \"...\" of peer_rule = "
                       "\"inwonersklasse\"."))
        if not norm.peer_group and not norm.peer_rule:
            self.add(norm, ("peer_group",),
                     _("Een norm van soort 'vergelijkingsgroep' noemt geen vergelijkingsgroep."),
                     _("Voeg peer_group = \"...\" toe: een vergelijkingsgroep uit het "
                       "organisatiebestand."))
        for key, bound in (("target", norm.target), ("signal", norm.signal)):
            if bound is not None and not 0 <= bound.value <= 100:
                self.add(norm, (key,),
                         _("Percentiel {v:g} ligt niet tussen 0 en 100.").format(v=bound.value),
                         _("Bij een vergelijkingsgroep zijn target en signal percentielen."))

    def within_range(self, norm: Norm, indicator: Indicator,
                     points: tuple[tuple[str, float], ...]) -> None:
        low, high = indicator.minimum, indicator.maximum
        for key, value in points:
            if (low is not None and value < low) or (high is not None and value > high):
                self.add(norm, (key,),
                         _("{key} {v:g} ligt buiten het bereik van '{id}' ({low} tot {high})."
                           ).format(key=key, v=value, id=indicator.id,
                                    low="-" if low is None else f"{low:g}",
                                    high="-" if high is None else f"{high:g}"),
                         _("Kies een waarde binnen min en max van de indicator."))


def check_norms(framework: Framework, locate: Locate, unresolved: frozenset[str],
                report: ValidationReport) -> None:
    checks = _NormChecks(framework, locate, report)
    for norm in framework.norms:
        indicator = framework.indicator(norm.indicator)
        if indicator is None:
            if norm.indicator not in unresolved:
                checks.add(norm, ("indicator",),
                           _("Onbekende indicator '{id}'.").format(id=norm.indicator),
                           _("Voeg de indicator toe onder [[indicators]] of verbeter de id."))
            continue
        if indicator.unit not in UNITS:
            continue  # reported with the indicator; the norm cannot be judged against it
        checks.run(norm, indicator)
