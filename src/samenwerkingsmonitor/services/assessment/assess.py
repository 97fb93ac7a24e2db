"""Use case: run an assessment and store it; recompute a stored run from its recorded data.

A run records the framework (id, version, content hash and the stored document version), the
organisation file version, the data version (last batch and a hash of the values) and the seed,
so that it can be recomputed exactly after later corrections (docs/adr/0007-storage-and-history.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from samenwerkingsmonitor.analysis.engine import EngineInput, EngineResult, assess
from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.domain.organisation import Organisation, Subject, SubjectKind
from samenwerkingsmonitor.domain.periods import FIRST_STORABLE_YEAR
from samenwerkingsmonitor.domain.process import PROCESS_INDICATORS, process_indicator_values
from samenwerkingsmonitor.errors import InputRefused, NotFound, UsageError
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.findings_frame import (
    findings_from_frame,
    findings_hash,
    verdicts_from_frame,
)
from samenwerkingsmonitor.services.assessment.stored_run import FRAMEWORK_DOCUMENT, load_stored_run
from samenwerkingsmonitor.services.frameworks.load import DEFAULT_FRAMEWORK, validate_parsed
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles, ParsedFramework
from samenwerkingsmonitor.services.measurements.frame import data_hash, measurement_frame
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.organisation.process_events import (
    PROCESS_EVENTS,
    with_process_events,
)
from samenwerkingsmonitor.services.organisation.register import (
    registered_organisation,
)
from samenwerkingsmonitor.services.storage.ports import Repository
from samenwerkingsmonitor.services.vulnerability.team import (
    DocumentKey,
    decode_versions,
    encode_versions,
    merge_computed,
    vulnerability_feed,
)

VULNERABILITY_DOCUMENTS = "vulnerability_documents"

Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class AssessmentRequest:
    subjects: tuple[str, ...]
    first_year: int
    last_year: int
    baseline_year: int
    framework: str = DEFAULT_FRAMEWORK
    seed: int = 0
    user: str = ""  # who runs it (the front door records it; recompute ignores it)


@dataclass(frozen=True, slots=True)
class AssessmentOutcome:
    run: AssessmentRun
    findings: list[Finding]
    criterion_verdicts: list[CriterionVerdict]
    framework: Framework | None = None  # the framework the run used, for names and order
    values_hash: str = ""  # hash of the values used: stored and computed (vulnerability) alike


def resolve_subjects(organisation: Organisation, specs: tuple[str, ...]) -> tuple[Subject, ...]:
    """Subject ids, or `<cooperation>/*` for all shared teams a cooperation ever had."""
    known = organisation.subjects()
    chosen: dict[str, Subject] = {}
    unknown: list[str] = []
    for spec in specs:
        if spec.endswith("/*"):
            prefix = spec[:-1]
            matches = [s for key, s in known.items() if key.startswith(prefix)]
            unknown.extend([] if matches else [spec])
            chosen.update({s.id: s for s in matches})
        elif spec in known:
            chosen[spec] = known[spec]
        else:
            unknown.append(spec)
    if unknown:
        raise NotFound(_("Onbekend onderwerp: {subjects}. Kies uit de gemeenten, teams en "
                         "samenwerkingen van het geregistreerde organisatiebestand.")
                       .format(subjects=", ".join(unknown)))
    return tuple(chosen[key] for key in sorted(chosen))


def _check_years(request: AssessmentRequest, framework: Framework) -> None:
    if not request.subjects:
        raise UsageError(_("Geef minstens één onderwerp met --subjects."))
    if request.baseline_year > request.last_year:
        raise UsageError(_("Het jaar van de nulmeting ({baseline}) ligt na het laatste "
                           "getoetste jaar ({last}).").format(baseline=request.baseline_year,
                                                              last=request.last_year))
    if request.first_year > request.last_year:
        raise UsageError(_("Het eerste jaar ({first}) ligt na het laatste ({last}).").format(
            first=request.first_year, last=request.last_year))
    # The framework's period bounds the assessed years; the baseline may lie before it, e.g.
    # 2012 for a cooperation that began in 2013 (ADR 0024).
    years = (request.first_year, request.last_year)
    if min(years) < framework.first_year or max(years) > framework.last_year:
        raise UsageError(_("De jaren moeten binnen de periode van het kader liggen: "
                           "{first}-{last}.").format(first=framework.first_year,
                                                     last=framework.last_year))
    if request.baseline_year < FIRST_STORABLE_YEAR:
        raise UsageError(_("Het jaar van de nulmeting ({baseline}) ligt voor {first}; zo ver "
                           "terug worden geen metingen bewaard.").format(
            baseline=request.baseline_year, first=FIRST_STORABLE_YEAR))


def _engine_input(request: AssessmentRequest, framework: Framework, organisation: Organisation,
                  repo: Repository, as_of_batch: int | None,
                  vulnerability: dict[DocumentKey, int] | None = None,
                  process: bool = True,
                  ) -> tuple[EngineInput, str, dict[DocumentKey, int]]:
    """`vulnerability`: the input versions to use (a recomputed run); None: the newest.
    `process`: count the process indicators from the organisation's process facts (which hold
    the recorded events already); False only for runs made before events existed."""
    stored = repo.current_measurements(as_of_batch)
    subjects = resolve_subjects(organisation, request.subjects)
    # Kwetsbaarheid indicators computed from the stored competence matrices (ADR 0015).
    years = range(min(request.first_year, request.baseline_year), request.last_year + 1)
    feed = vulnerability_feed(repo, organisation, years, subjects=[s.id for s in subjects],
                              framework=framework, pinned=vulnerability, seed=request.seed)
    measurements = merge_computed([s.measurement for s in stored], feed.measurements)
    if process:
        counted = process_indicator_values(
            organisation.process, [s.id for s in subjects if s.kind is SubjectKind.COOPERATION],
            years, [i.id for i in framework.indicators if i.id in PROCESS_INDICATORS])
        measurements = merge_computed(measurements, counted)
    series = {s.id: dict(s.values) for s in organisation.reference_series}
    data = EngineInput(
        framework=framework, subjects=subjects,
        first_year=request.first_year, last_year=request.last_year,
        baseline_year=request.baseline_year, measurements=measurement_frame(measurements),
        peer_groups=organisation.peer_groups, series=series,
    )
    return data, data_hash(measurements), feed.documents


def _store_framework(repo: Repository, parsed: ParsedFramework, framework: Framework,
                     user: str) -> tuple[int, str]:
    """Keep the framework text with the runs, so a run can be recomputed from what it used."""
    sha = hashlib.sha256(parsed.text.encode("utf-8")).hexdigest()
    latest = repo.latest_document("framework", framework.id)
    if latest is not None and latest.sha256 == sha:
        return latest.version, sha
    stored = repo.store_document("framework", framework.id, framework.version, parsed.text, sha,
                                 user, _("gebruikt bij een toetsing"))
    return stored.version, sha


def run_assessment(repo: Repository, request: AssessmentRequest, user: str, *,
                   framework_files: FrameworkFiles, organisation_reader: OrganisationReader,
                   progress: Progress | None = None) -> AssessmentOutcome:
    note = progress or (lambda _step: None)
    note(_("kader en organisatie laden"))
    parsed = framework_files.read(request.framework)
    framework = validate_parsed(parsed)
    _check_years(request, framework)
    registered = registered_organisation(repo, reader=organisation_reader)
    with repo.transaction():
        batch = repo.last_batch_id()
        last_event = repo.last_process_event_id()
        organisation = with_process_events(registered.organisation, repo, last_event)
        note(_("metingen lezen"))
        data, values_hash, vulnerability = _engine_input(
            request, framework, organisation, repo, batch)
        note(_("toetsen"))
        result = assess(data)
        if result.findings.is_empty():
            raise InputRefused(_(
                "Geen bevindingen: het kader heeft geen indicator voor {subjects} in "
                "{first}-{last} (soort, terrein of niveau past niet, of het onderwerp bestond "
                "toen niet)."
            ).format(subjects=", ".join(s.id for s in data.subjects),
                     first=request.first_year, last=request.last_year))
        findings, verdicts = _domain(result)
        framework_document, framework_hash = _store_framework(repo, parsed, framework, user)
        run = AssessmentRun(
            id=repo.next_run_id(), framework_id=framework.id,
            framework_version=framework.version, framework_hash=framework_hash,
            organisation_version=str(registered.document.version), data_batch=batch,
            data_hash=values_hash, seed=request.seed, user=user, created=datetime.now(UTC),
            subjects=tuple(s.id for s in data.subjects), first_year=request.first_year,
            last_year=request.last_year, baseline_year=request.baseline_year,
            findings_hash=findings_hash(findings, verdicts),
            parameters={FRAMEWORK_DOCUMENT: str(framework_document),
                        "framework_reference": request.framework,
                        PROCESS_EVENTS: str(last_event),
                        **({VULNERABILITY_DOCUMENTS: encode_versions(vulnerability)}
                           if vulnerability else {})},
        )
        note(_("opslaan"))
        repo.store_run(run, findings, verdicts)
    return AssessmentOutcome(run, findings, verdicts, framework, values_hash)


def _domain(result: EngineResult) -> tuple[list[Finding], list[CriterionVerdict]]:
    return findings_from_frame(result.findings), verdicts_from_frame(result.criterion_verdicts)


def recompute_run(repo: Repository, run_id: str, *, framework_files: FrameworkFiles,
                  organisation_reader: OrganisationReader) -> AssessmentOutcome:
    """The run's findings computed again from the framework, organisation and data it used."""
    stored = load_stored_run(repo, run_id, framework_files=framework_files,
                             organisation_reader=organisation_reader)
    run = stored.run
    request = AssessmentRequest(run.subjects, run.first_year, run.last_year, run.baseline_year,
                                run.framework_id, run.seed)
    used = decode_versions(run.parameters.get(VULNERABILITY_DOCUMENTS, ""))
    data, values_hash, _used = _engine_input(request, stored.framework, stored.organisation,
                                             repo, run.data_batch, used,
                                             process=PROCESS_EVENTS in run.parameters)
    findings, verdicts = _domain(assess(data))
    return AssessmentOutcome(run, findings, verdicts, stored.framework, values_hash)
