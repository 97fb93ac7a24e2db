"""Words for the codes a report shows: verdicts with their symbols, data-quality labels,
norm kinds, sources, roll-up rules and subject kinds. Always through gettext (Dutch ids)."""

from __future__ import annotations

from samenwerkingsmonitor.domain.framework import NormSourceKind, RollupRule
from samenwerkingsmonitor.domain.measurements import (
    MeasurementKind,
    MeasurementStatus,
)
from samenwerkingsmonitor.domain.organisation import SubjectKind
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.code_words import (  # noqa: F401  (re-exported)
    baseline_status_label,
    norm_kind_label,
    quality_label,
    verdict_label,
)
from samenwerkingsmonitor.services.report.model import VerdictText

# A shape per verdict, so that a reader who cannot tell the colours apart still can.
SYMBOLS = {
    Verdict.MEETS: "✔",
    Verdict.PARTLY_MEETS: "◐",
    Verdict.DOES_NOT_MEET: "✖",
    Verdict.NOT_ASSESSABLE: "?",
}

VERDICT_ORDER = (Verdict.MEETS, Verdict.PARTLY_MEETS, Verdict.DOES_NOT_MEET,
                 Verdict.NOT_ASSESSABLE)


def verdict_text(verdict: Verdict | str | None) -> VerdictText:
    if verdict is None:
        return VerdictText(None, _("niet getoetst"), "–")
    code = Verdict(verdict)
    return VerdictText(code, verdict_label(code), SYMBOLS[code])


def legend() -> tuple[VerdictText, ...]:
    return tuple(verdict_text(v) for v in VERDICT_ORDER)


def source_kind_label(kind: str) -> str:
    texts = {
        NormSourceKind.LAW: _("wet"),
        NormSourceKind.POLICY: _("beleid"),
        NormSourceKind.LITERATURE: _("literatuur"),
        NormSourceKind.PROFESSIONAL_JUDGEMENT: _("professioneel oordeel"),
    }
    return texts[NormSourceKind(kind)]


def rule_label(rule: str) -> str:
    texts = {
        RollupRule.WEAKEST_LINK: _("zwakste schakel"),
        RollupRule.MAJORITY: _("meerderheid"),
        RollupRule.WEIGHTED: _("gewogen gemiddelde"),
        RollupRule.DECISION_TABLE: _("beslistabel"),
    }
    return texts.get(RollupRule(rule), rule) if rule in _RULE_CODES else rule


_RULE_CODES = frozenset(r.value for r in RollupRule)


def rule_explanation(rule: str) -> str:
    missing = _("Zijn meer dan de helft van de indicatoren niet te beoordelen, dan is het "
                "criterium niet te beoordelen.")
    texts = {
        RollupRule.WEAKEST_LINK: _("Het criterium voldoet niet zodra één indicator niet "
                                   "voldoet; anders geldt het laagste oordeel.") + " " + missing,
        RollupRule.MAJORITY: _("Het oordeel dat de meeste indicatoren krijgen, geldt; bij "
                               "gelijke stand het strengste.") + " " + missing,
        RollupRule.WEIGHTED: _("Het gewogen gemiddelde van de punten (voldoet 2, voldoet "
                               "deels 1, voldoet niet 0): vanaf 1,5 voldoet, vanaf 0,5 voldoet "
                               "deels. Dragen indicatoren die niet te beoordelen zijn meer dan "
                               "de helft van het gewicht, dan is het criterium niet te "
                               "beoordelen."),
        RollupRule.DECISION_TABLE: _("De eerste regel van de beslistabel van het kader die "
                                     "past, bepaalt het oordeel."),
    }
    return texts[RollupRule(rule)] if rule in _RULE_CODES else rule


def subject_kind_label(kind: SubjectKind) -> str:
    texts = {
        SubjectKind.TEAM: _("team"),
        SubjectKind.MUNICIPALITY: _("gemeente"),
        SubjectKind.COOPERATION: _("samenwerking"),
    }
    return texts[kind]


def measurement_kind_label(kind: str) -> str:
    texts = {
        MeasurementKind.BUDGET: _("begroting"),
        MeasurementKind.ACTUAL: _("realisatie"),
        MeasurementKind.FORECAST: _("prognose"),
        MeasurementKind.AMENDED_BUDGET: _("begroting na wijziging"),
    }
    return texts[MeasurementKind(kind)]


def measurement_status_label(status: str) -> str:
    texts = {
        MeasurementStatus.FINAL: _("definitief"),
        MeasurementStatus.PROVISIONAL: _("voorlopig"),
        MeasurementStatus.RECONSTRUCTED: _("reconstructie"),
        MeasurementStatus.ESTIMATE: _("schatting"),
        MeasurementStatus.PUBLISHED: _("gepubliceerd"),
    }
    return texts[MeasurementStatus(status)]
