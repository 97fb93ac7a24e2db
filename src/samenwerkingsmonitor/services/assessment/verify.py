"""Use case: prove that a stored run follows from the stored data (`verify RUN`).

The run is recomputed with `services.assess.recompute_run` from the framework and organisation
versions and the data version it recorded, and every finding and criterion verdict is compared
field by field with what was stored. Also compared: the recorded hash of the values used and
the recorded hash of all findings. Numbers are compared as stored: a non-finite number counts
as missing and -0.0 as 0.0 (docs/adr/0007-storage-and-history.md), nothing is rounded.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.assess import AssessmentOutcome, recompute_run
from samenwerkingsmonitor.services.assessment.findings_frame import findings_hash
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles
from samenwerkingsmonitor.services.organisation.ports import OrganisationReader
from samenwerkingsmonitor.services.storage.ports import Repository


@dataclass(frozen=True, slots=True)
class Difference:
    kind: str  # "bevinding", "criteriumoordeel" or "toetsing"
    key: str  # e.g. "GM0397/inwoners/2019/norm" or "GM0397/kosten/2019"
    field: str  # the differing field; "" when the item exists on one side only
    stored: Any
    recomputed: Any


@dataclass(frozen=True, slots=True)
class Verification:
    run: AssessmentRun
    stored_findings: int
    recomputed_findings: int
    stored_verdicts: int
    recomputed_verdicts: int
    differences: list[Difference] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not self.differences


def verify_run(repo: Repository, run_id: str, *, framework_files: FrameworkFiles,
               organisation_reader: OrganisationReader) -> Verification:
    outcome = recompute_run(repo, run_id, framework_files=framework_files,
                            organisation_reader=organisation_reader)
    run = outcome.run
    stored_findings = repo.findings(run.id)
    stored_verdicts = repo.criterion_verdicts(run.id)
    differences = [
        *compare(_("bevinding"), _finding_key, stored_findings, outcome.findings),
        *compare(_("criteriumoordeel"), _verdict_key, stored_verdicts,
                 outcome.criterion_verdicts),
        *_run_hashes(run, outcome),
    ]
    return Verification(run, len(stored_findings), len(outcome.findings), len(stored_verdicts),
                        len(outcome.criterion_verdicts), differences)


def compare(kind: str, key: Any, stored: Sequence[Any], recomputed: Sequence[Any],
            ) -> list[Difference]:
    """Items matched by key: each one on one side only, and each differing field."""
    before = {key(item): _comparable(item) for item in stored}
    after = {key(item): _comparable(item) for item in recomputed}
    missing, present = _("(ontbreekt)"), _("(aanwezig)")
    differences = []
    for name in sorted(before.keys() | after.keys()):
        old, new = before.get(name), after.get(name)
        if old is None or new is None:
            differences.append(Difference(kind, name, "", missing if old is None else present,
                                          missing if new is None else present))
            continue
        differences.extend(Difference(kind, name, f, old[f], new[f])
                           for f in old if old[f] != new[f])
    return differences


def _run_hashes(run: AssessmentRun, outcome: AssessmentOutcome) -> list[Difference]:
    """The values hash is made exactly as `assess` made it: the stored values together with the
    values computed from the pinned vulnerability input (one function, `_engine_input`)."""
    pairs = [(_("hash van de gebruikte waarden"), run.data_hash, outcome.values_hash),
             (_("hash van de bevindingen"), run.findings_hash,
              findings_hash(outcome.findings, outcome.criterion_verdicts))]
    return [Difference(_("toetsing"), run.id, name, old, new)
            for name, old, new in pairs if old != new]


def _finding_key(finding: Finding) -> str:
    return "/".join((finding.subject, finding.indicator, str(finding.year), finding.norm or "-"))


def _verdict_key(verdict: CriterionVerdict) -> str:
    return "/".join((verdict.subject, verdict.criterion, str(verdict.year)))


def _comparable(item: Finding | CriterionVerdict) -> dict[str, Any]:
    return {name: _normal(value) for name, value in asdict(item).items()}


def _normal(value: Any) -> Any:
    """As the store keeps it: tuples as lists, non-finite numbers missing, -0.0 as 0.0."""
    if isinstance(value, (list, tuple)):
        return [_normal(item) for item in value]
    if isinstance(value, bool) or value is None or isinstance(value, (str, int)):
        return value
    if isinstance(value, float) or hasattr(value, "__float__"):
        number = float(value)
        return number + 0.0 if math.isfinite(number) else None
    return value
