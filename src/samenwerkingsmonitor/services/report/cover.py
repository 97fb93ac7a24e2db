"""The cover of the report: what, about whom, over which years, by which framework and run."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from babel.dates import format_date

from samenwerkingsmonitor.domain.assessment import AssessmentRun
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.organisation import Organisation, Subject, SubjectKind
from samenwerkingsmonitor.i18n import _, current_language
from samenwerkingsmonitor.services.report.model import Cover, Fact


def long_date(day: date | datetime) -> str:
    locale = "nl_NL" if current_language() == "nl" else "en_GB"
    return format_date(day, format="long", locale=locale)


def _about(subjects: Sequence[Subject], organisation: Organisation) -> str:
    """Municipalities and cooperations the report is about (a shared team's cooperation)."""
    names: list[str] = []
    for subject in subjects:
        if subject.kind is SubjectKind.TEAM:
            cooperation = organisation.cooperation_of_unit(subject.id)
            name = cooperation.name if cooperation else subject.name
        else:
            name = subject.name
        if name not in names:
            names.append(name)
    return ", ".join(names)


def chain_text(run: AssessmentRun) -> str:
    """The chain heads the run pinned (ADR 0027): `verify --all` prints the same heads, so a
    reader can check that the data this report was made from are still the stored data."""
    heads = {table: (seq, value) for table, seq, value in run.chain_heads}
    parts = []
    for table, label in (("measurement_versions", _("meetwaarden")),
                         ("documents", _("documenten"))):
        if table in heads:
            seq, value = heads[table]
            grouped = " ".join(value[i:i + 4] for i in range(0, 16, 4))  # easy to compare
            parts.append(_("{what} tot schakel {seq}, kop {hash}").format(
                what=label, seq=seq, hash=grouped))
    return "; ".join(parts)


def cover(run: AssessmentRun, framework: Framework, organisation: Organisation,
          subjects: Sequence[Subject], today: date, report_status: str = "") -> Cover:
    """`report_status`: concept, ter bespreking, or definitief with the council's decision."""
    adoption = framework.adoption
    status = _("vastgesteld") if adoption.status.value == "vastgesteld" else _("concept")
    if adoption.decision:
        status = f"{status} ({adoption.decision}{', ' + adoption.date if adoption.date else ''})"
    about = _about(subjects, organisation)
    framework_text = _("{title} ({id}, versie {version})").format(
        title=framework.title, id=framework.id, version=framework.version)
    data_version = _("meetbatch {batch} · gegevens {hash}").format(
        batch=run.data_batch, hash=run.data_hash[:12])
    report_status = report_status or _("concept")
    run_date, report_date = long_date(run.created), long_date(today)
    facts = (
        Fact(_("Over"), about),
        Fact(_("Periode"), _("{first}-{last}, nulmeting {baseline}").format(
            first=run.first_year, last=run.last_year, baseline=run.baseline_year)),
        Fact(_("Toetsingskader"), framework_text),
        Fact(_("Status van het kader"), status),
        Fact(_("Status van het rapport"), report_status),
        Fact(_("Toetsing"), run.id),
        Fact(_("Organisatiebestand"), _("versie {version}").format(
            version=organisation.version)),
        Fact(_("Gegevensversie"), data_version),
        *((Fact(_("Vastgelegde historie"), pinned),) if (pinned := chain_text(run)) else ()),
        Fact(_("Datum van de toetsing"), run_date),
        Fact(_("Datum van het rapport"), report_date),
    )
    return Cover(
        title=_("Technische bijlage bij de raadsrapportage"), organisation=organisation.title,
        subjects=about, period=f"{run.first_year}-{run.last_year}",
        baseline_year=run.baseline_year, framework=framework_text, adoption=status,
        report_status=report_status, run_id=run.id, data_version=data_version,
        run_date=run_date, report_date=report_date, fictitious=organisation.fictitious,
        fictitious_text=_("dit rapport toont een fictief voorbeeld; de cijfers en "
                          "procesgegevens zijn verzonnen en zeggen niets over echte gemeenten.")
        if organisation.fictitious else "",
        facts=facts,
    )
