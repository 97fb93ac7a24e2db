"""Parts of the report in the form of the planning & control cycle: a table for the paragraaf
bedrijfsvoering per municipality (indicator, target, actual per year, baseline, explanation)
and a block per arrangement for the paragraaf verbonden partijen."""

from __future__ import annotations

from collections.abc import Sequence

from samenwerkingsmonitor.domain.assessment import AssessmentRun, Finding
from samenwerkingsmonitor.domain.framework import Framework, Indicator
from samenwerkingsmonitor.domain.organisation import (
    Clause,
    ClauseKind,
    Cooperation,
    LegalForm,
    Organisation,
    OrganisationalModel,
    Subject,
    SubjectKind,
)
from samenwerkingsmonitor.i18n import _, number
from samenwerkingsmonitor.services.assessment.explain import verdict_label
from samenwerkingsmonitor.services.report.details import baseline_text, value_text
from samenwerkingsmonitor.services.report.labels import quality_label
from samenwerkingsmonitor.services.report.model import (
    Fact,
    OperationsRow,
    OperationsTable,
    RelatedParty,
)
from samenwerkingsmonitor.services.report.norms import norm_bounds

BBV_INDICATORS = ("formatie_per_1000", "bezetting_per_1000", "apparaatskosten_per_inwoner",
                  "externe_inhuur_pct", "overhead_pct")
"""The five mandatory indicators of the paragraaf bedrijfsvoering (BBV), in their usual order."""


def operations_tables(run: AssessmentRun, subjects: Sequence[Subject],
                      findings: Sequence[Finding], framework: Framework,
                      anchors: dict[str, str]) -> tuple[OperationsTable, ...]:
    years = tuple(range(run.first_year, run.last_year + 1))
    tables = []
    for subject in (s for s in subjects if s.kind is SubjectKind.MUNICIPALITY):
        rows = tuple(row for indicator in BBV_INDICATORS
                     if (row := _row(indicator, subject.id, findings, framework, years)))
        if rows:
            tables.append(OperationsTable(
                f"bedrijfsvoering-{anchors[subject.id]}", subject.id, subject.name,
                _("Beleidsindicatoren bedrijfsvoering van {municipality}").format(
                    municipality=subject.name), years, rows))
    return tuple(tables)


def _row(indicator_id: str, subject: str, findings: Sequence[Finding], framework: Framework,
         years: tuple[int, ...]) -> OperationsRow | None:
    indicator = framework.indicator(indicator_id)
    own = sorted((f for f in findings if f.subject == subject and f.indicator == indicator_id),
                 key=lambda f: (f.year, f.norm or ""))
    if indicator is None or not own:
        return None
    by_year: dict[int, Finding] = {}
    for f in own:
        by_year.setdefault(f.year, f)
    norm = next((n for n in framework.norms if n.id == own[0].norm), None)
    target = norm_bounds(norm, indicator)[0] if norm else _("geen norm")
    last = by_year[max(by_year)]
    explanation = _("{year}: {verdict}").format(year=last.year,
                                                verdict=verdict_label(last.verdict))
    labels = sorted({quality_label(label) for f in own for label in f.labels})
    if labels:
        explanation += "; " + _("kwaliteit: {labels}").format(labels=", ".join(labels))
    return OperationsRow(
        indicator_id, indicator.name, target,
        tuple(_shown(by_year.get(y), indicator) for y in years),
        tuple(by_year[y].value if y in by_year else None for y in years),
        baseline_text(own[0], indicator), explanation)


def _shown(finding: Finding | None, indicator: Indicator) -> str:
    if finding is None or (finding.value is None and finding.scale_value is None):
        return "–"
    return value_text(finding, indicator)


# --- verbonden partijen ------------------------------------------------------------------

def relevant_cooperations(subjects: Sequence[Subject],
                          organisation: Organisation) -> tuple[Cooperation, ...]:
    """Cooperations the report is about: assessed ones, those of assessed shared teams, and
    those in which an assessed municipality takes part."""
    ids = {s.id for s in subjects}
    municipalities = {s.id for s in subjects if s.kind is SubjectKind.MUNICIPALITY}
    return tuple(
        c for c in organisation.cooperations
        if c.slug in ids or any(u.id in ids for u in c.shared_units)
        or any(p.code in municipalities for p in c.partners)
    )


def legal_form_label(form: LegalForm) -> str:
    texts = {
        LegalForm.PRIVATE_LAW: _("privaatrechtelijke overeenkomst"),
        LegalForm.PLAIN_ARRANGEMENT: _("regeling zonder meer"),
        LegalForm.CENTRE_ARRANGEMENT: _("centrumregeling"),
        LegalForm.JOINT_BODY: _("gemeenschappelijk orgaan"),
        LegalForm.OPERATIONS_ORGANISATION: _("bedrijfsvoeringsorganisatie"),
        LegalForm.PUBLIC_BODY: _("openbaar lichaam"),
        LegalForm.GEEN: _("geen regeling"),
    }
    return texts[form]


def model_label(model: OrganisationalModel) -> str:
    texts = {
        OrganisationalModel.NETWERK: _("netwerk"),
        OrganisationalModel.CENTRUMGEMEENTE: _("centrumgemeente"),
        OrganisationalModel.MATRIX: _("matrix"),
        OrganisationalModel.SHARED_SERVICE_CENTRE: _("shared service centre"),
        OrganisationalModel.WERKORGANISATIE: _("werkorganisatie"),
        OrganisationalModel.VERVLOCHTEN_TEAMS: _("vervlochten teams"),
    }
    return texts[model]


def related_parties(run: AssessmentRun, subjects: Sequence[Subject],
                    organisation: Organisation) -> tuple[RelatedParty, ...]:
    """Each relevant arrangement as it stood in the last year of the run."""
    year = run.last_year
    names = {m.code: m.name for m in organisation.municipalities}
    blocks = []
    for c in relevant_cooperations(subjects, organisation):
        if not c.validity.covers(year):
            continue
        evaluation = c.clause_in(ClauseKind.EVALUATION, year)
        notice = c.clause_in(ClauseKind.NOTICE, year)
        facts = (
            Fact(_("Doel"), c.purpose or "–"),
            Fact(_("Deelnemers"), ", ".join(names.get(p, p) for p in c.partners_in(year))),
            Fact(_("Niveau"), _("niveau {level}").format(level=c.level)),
            Fact(_("Juridische vorm"), _form_text(c, year, names)),
            Fact(_("Financieel aandeel"), _share_text(c, year, names)),
            Fact(_("Evaluatiebepaling"), _clause_text(evaluation)),
            Fact(_("Uittredingsbepaling"), _clause_text(notice)),
        )
        blocks.append(RelatedParty(f"verbonden-partij-{c.slug}", c.slug, c.name, year, facts,
                                   evaluation is not None, notice is not None))
    return tuple(blocks)


def _form_text(c: Cooperation, year: int, names: dict[str, str]) -> str:
    form = c.form_in(year)
    if form is None:
        return _("niet vastgelegd voor {year}").format(year=year)
    text = _("{legal_form}; organisatiemodel {model}").format(
        legal_form=legal_form_label(form.legal_form), model=model_label(form.organisational_model))
    if form.centre_municipality:
        text += "; " + _("centrumgemeente {name}").format(
            name=names.get(form.centre_municipality, form.centre_municipality))
    if form.decision:
        text += "; " + _("besluit: {decision}").format(decision=form.decision)
    return text


def _share_text(c: Cooperation, year: int, names: dict[str, str]) -> str:
    key = next((k for k in c.allocation_keys if k.year == year and k.unit_slug is None), None)
    if key is None:
        return _("geen verdeelsleutel vastgelegd voor {year}").format(year=year)
    shares = ", ".join(f"{names.get(code, code)} {number(share, 1)} %"
                       for code, share in key.shares)
    return _("{shares} (verdeelsleutel {year}; grondslag: {basis})").format(
        shares=shares, year=year, basis=key.basis or "–")


def _clause_text(clause: Clause | None) -> str:
    if clause is None:
        return _("nee, niet aanwezig")
    source = f" ({clause.source})" if clause.source else ""
    return _("ja: {text}").format(text=clause.text) + source
