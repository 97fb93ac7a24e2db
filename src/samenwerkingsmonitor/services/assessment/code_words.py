"""Words for the codes stored in findings: verdicts, data-quality labels, baseline statuses and
norm kinds. Shared by the explanations (explain.py) and the report (services/report/labels.py)."""

from __future__ import annotations

from samenwerkingsmonitor.domain.assessment import QualityLabel
from samenwerkingsmonitor.domain.framework import NormKind
from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.i18n import _


def verdict_label(verdict: Verdict | str) -> str:
    labels = {
        Verdict.MEETS: _("voldoet"),
        Verdict.PARTLY_MEETS: _("voldoet deels"),
        Verdict.DOES_NOT_MEET: _("voldoet niet"),
        Verdict.NOT_ASSESSABLE: _("niet te beoordelen"),
    }
    return labels[Verdict(verdict)]


def quality_label(label: str) -> str:
    if label not in _QUALITY_CODES:
        return label
    texts = {
        QualityLabel.RECONSTRUCTED_BASELINE: _("nulmeting achteraf gereconstrueerd"),
        QualityLabel.ESTIMATE: _("schatting"),
        QualityLabel.PROVISIONAL: _("voorlopige waarde"),
        QualityLabel.NOT_COMPARABLE: _("niet vergelijkbaar"),
        QualityLabel.IMPORTED_NOT_DERIVED: _("overgenomen, niet berekend"),
        QualityLabel.RECONSTRUCTED_VALUE: _("achteraf gereconstrueerde waarde"),
    }
    return texts[QualityLabel(label)]


_QUALITY_CODES = frozenset(q.value for q in QualityLabel)


def baseline_status_label(status: str) -> str:
    texts = {
        BaselineStatus.CAPTURED: _("vastgelegd"),
        BaselineStatus.RECONSTRUCTED: _("gereconstrueerd"),
        BaselineStatus.MISSING: _("ontbreekt"),
    }
    return texts[BaselineStatus(status)]


def norm_kind_label(kind: str) -> str:
    texts = {
        NormKind.ABSOLUTE: _("absolute grens"),
        NormKind.BASELINE: _("ten opzichte van de nulmeting"),
        NormKind.PEER: _("ten opzichte van vergelijkbare gemeenten"),
        NormKind.TREND: _("trend"),
        NormKind.QUALITATIVE: _("kwalitatief"),
        NormKind.BUDGET: _("realisatie tegenover begroting"),
    }
    return texts[NormKind(kind)]
