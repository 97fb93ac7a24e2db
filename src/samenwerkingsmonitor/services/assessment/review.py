"""Assessor judgements, sign-off and the guidance group's comments on a stored run
(docs/adr/0021-judgements-and-sign-off.md).

Everything is appended, never changed: a later judgement of the same finding supersedes the
earlier one, a status change is a new row, and a vastgesteld run refuses new judgements and
comments (new data makes a new run). Every refusal names the option to fix and how.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from samenwerkingsmonitor.domain.assessment import AssessmentRun, CriterionVerdict, Finding
from samenwerkingsmonitor.domain.judgements import (
    JUDGING_ROLES,
    NEXT_STATUS,
    Comment,
    EvidenceFile,
    Judgement,
    JudgementAction,
    JudgementTarget,
    Role,
    RunStatus,
    StatusChange,
    criterion_key,
    current_judgements,
    current_status,
    finding_key,
)
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.errors import JudgementRefused, refusal
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.assessment.stored_run import find_run
from samenwerkingsmonitor.services.storage.ports import Repository

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Upload:
    """An evidence file as the caller read it (CLI: a path; web: an upload)."""

    file_name: str
    content: bytes


@dataclass(frozen=True, slots=True)
class Review:
    """Everything a page or a report needs about the human side of a run."""

    run: AssessmentRun
    status: RunStatus
    adopted: StatusChange | None  # the change to vastgesteld, with the council's decision
    history: tuple[StatusChange, ...]
    judgements: tuple[Judgement, ...]  # all of them, oldest first
    current: dict[tuple[str, str], Judgement] = field(default_factory=dict)
    comments: tuple[Comment, ...] = ()
    labels: dict[str, str] = field(default_factory=dict)  # key → readable name (front door)

    @property
    def definitive(self) -> bool:
        return self.status is RunStatus.ADOPTED

    def judgement_of(self, item: Finding | CriterionVerdict) -> Judgement | None:
        if isinstance(item, Finding):
            return self.current.get((JudgementTarget.FINDING.value, finding_key(
                item.subject, item.indicator, item.year, item.norm)))
        return self.current.get((JudgementTarget.CRITERION.value, criterion_key(
            item.subject, item.criterion, item.year)))


def load_review(repo: Repository, run_id: str) -> Review:
    run = find_run(repo, run_id)
    changes = tuple(repo.status_changes(run.id))
    latest = current_status(changes)
    status = latest.status if latest is not None else RunStatus.CONCEPT
    adopted = next((c for c in changes if c.status is RunStatus.ADOPTED), None)
    judgements = tuple(repo.judgements(run.id))
    return Review(run, status, adopted, changes, judgements, current_judgements(judgements),
                  tuple(repo.comments(run.id)))


def _place(option: str, command: str) -> Location:
    return Location(file=command, key_path=option)


def _refused(report: ValidationReport, one: str, many: str) -> JudgementRefused:
    return refusal(JudgementRefused, report, one, many)


def _targets(repo: Repository, run: AssessmentRun,
             ) -> dict[str, tuple[JudgementTarget, Verdict]]:
    targets: dict[str, tuple[JudgementTarget, Verdict]] = {}
    for f in repo.findings(run.id):
        targets[finding_key(f.subject, f.indicator, f.year, f.norm)] = (
            JudgementTarget.FINDING, f.verdict)
    for v in repo.criterion_verdicts(run.id):
        targets[criterion_key(v.subject, v.criterion, v.year)] = (
            JudgementTarget.CRITERION, v.verdict)
    return targets


def _unknown_key_hint(key: str, targets: Sequence[str]) -> str:
    prefix = key.rsplit("/", 1)[0]
    near = [t for t in targets if t.startswith(prefix)][:3]
    if near:
        return _("Bedoelde u {keys}?").format(keys=", ".join(near))
    return _("Schrijf onderwerp/indicator/jaar/norm voor een bevinding (zonder norm: '-') of "
             "onderwerp/criterium/jaar voor een criteriumoordeel, bijvoorbeeld "
             "GM0397/kosten/2020.")


def record_judgement(repo: Repository, run_id: str, key: str, action: str, rationale: str,
                     verdict: str | None, role: str, user: str, notes: str = "",
                     evidence: Sequence[Upload] = ()) -> Judgement:
    """Check everything at once, then append the judgement with its evidence."""
    command = "judge"
    with repo.transaction():
        review = load_review(repo, run_id)
        report = ValidationReport()
        _check_open(review, report, command,
                    _("Een oordeel bij nieuwe gegevens hoort bij een nieuwe toetsing: maak die "
                      "met 'assess'."))
        if role not in {r.value for r in JUDGING_ROLES}:
            report.add(_place("--role", command), _("Met de rol '{role}' kunt u geen oordeel "
                                                    "vastleggen.").format(role=role),
                       _("Alleen een beoordelaar of de rekenkamer legt oordelen vast."))
        targets = _targets(repo, review.run)
        target = targets.get(key)
        if target is None:
            report.add(_place("KEY", command), _("Toetsing {run} heeft geen bevinding of "
                                                 "criteriumoordeel '{key}'.").format(
                run=review.run.id, key=key), _unknown_key_hint(key, list(targets)))
        actions = [a.value for a in JudgementAction]
        if action not in actions:
            report.add(_place("--action", command), _("Onbekende soort oordeel '{action}'.")
                       .format(action=action), _("Kies uit: {actions}.").format(
                           actions=", ".join(actions)))
        if not rationale.strip():
            report.add(_place("--rationale", command), _("De onderbouwing ontbreekt."),
                       _("Schrijf met --rationale waarom u dit oordeel geeft."))
        chosen = _chosen_verdict(action, verdict, target, report, command)
        for upload in evidence:
            if len(upload.content) > MAX_EVIDENCE_BYTES:
                report.add(_place("--evidence", command),
                           _("Bewijsstuk {name} is groter dan 20 MB.").format(
                               name=upload.file_name),
                           _("Voeg een kleiner bestand toe, of verwijs ernaar in --notes."))
        if not report.ok or target is None or chosen is None:
            raise _refused(report, _("Het oordeel is niet vastgelegd: 1 probleem."),
                           _("Het oordeel is niet vastgelegd: {count} problemen."))
        files = tuple(EvidenceFile(u.file_name, hashlib.sha256(u.content).hexdigest(),
                                   len(u.content), u.content) for u in evidence)
        return repo.append_judgement(Judgement(
            review.run.id, target[0], key, JudgementAction(action), chosen, target[1],
            rationale.strip(), Role(role), notes.strip(), files, user=user))


def _chosen_verdict(action: str, verdict: str | None,
                    target: tuple[JudgementTarget, Verdict] | None, report: ValidationReport,
                    command: str) -> Verdict | None:
    if target is None or action not in {a.value for a in JudgementAction}:
        return None
    computed = target[1]
    verdicts = [v.value for v in Verdict]
    if verdict is not None and verdict not in verdicts:
        report.add(_place("--verdict", command), _("Onbekend oordeel '{verdict}'.").format(
            verdict=verdict), _("Kies uit: {verdicts}.").format(verdicts=", ".join(verdicts)))
        return None
    if action == JudgementAction.OVERRIDE.value:
        if verdict is None or verdict == computed.value:
            report.add(_place("--verdict", command),
                       _("Bij overschrijven hoort een ander oordeel dan het berekende "
                         "({computed}).").format(computed=computed.value),
                       _("Geef met --verdict het oordeel dat u geeft, of kies --action "
                         "gekwalificeerd om het berekende oordeel met uitleg te laten staan."))
            return None
        return Verdict(verdict)
    if verdict is not None and verdict != computed.value:
        report.add(_place("--verdict", command),
                   _("Bij '{action}' blijft het berekende oordeel ({computed}) staan.").format(
                       action=action, computed=computed.value),
                   _("Kies --action overschreven om een ander oordeel te geven."))
        return None
    return computed


def _check_open(review: Review, report: ValidationReport, command: str, hint: str) -> None:
    if review.definitive:
        decision = review.adopted
        report.add(_place("RUN", command),
                   _("Toetsing {run} is vastgesteld ({decision}) en kan niet meer veranderen.")
                   .format(run=review.run.id, decision=decision.decision_number
                           if decision else ""),
                   hint)


def change_status(repo: Repository, run_id: str, to: str, user: str, reason: str,
                  decision_number: str = "", decision_date: date | None = None,
                  ) -> StatusChange:
    command = "run status"
    with repo.transaction():
        review = load_review(repo, run_id)
        report = ValidationReport()
        statuses = [s.value for s in RunStatus]
        target = RunStatus(to) if to in statuses else None
        if target is None:
            report.add(_place("--to", command), _("Onbekende status '{status}'.").format(
                status=to), _("Kies uit: {statuses}.").format(statuses=", ".join(statuses)))
        elif target not in NEXT_STATUS[review.status]:
            allowed = [s.value for s in NEXT_STATUS[review.status]]
            report.add(_place("--to", command),
                       _("Toetsing {run} is {status}; naar '{to}' kan niet.").format(
                           run=review.run.id, status=review.status.value, to=to),
                       _("Mogelijk: {allowed}.").format(allowed=", ".join(allowed))
                       if allowed else _("Een vastgestelde toetsing blijft vastgesteld; "
                                         "nieuwe gegevens geven een nieuwe toetsing."))
        if target is RunStatus.ADOPTED:
            if not decision_number.strip():
                report.add(_place("--decision", command),
                           _("Het nummer van het raadsbesluit ontbreekt."),
                           _("Geef met --decision het nummer van het besluit waarmee de raad "
                             "de toetsing vaststelde."))
            if decision_date is None:
                report.add(_place("--decision-date", command),
                           _("De datum van het raadsbesluit ontbreekt."),
                           _("Geef met --decision-date de datum als JJJJ-MM-DD."))
        if not report.ok or target is None:
            raise _refused(report, _("De statuswijziging is niet vastgelegd: 1 probleem."),
                           _("De statuswijziging is niet vastgelegd: {count} problemen."))
        return repo.append_status(StatusChange(review.run.id, target, decision_number.strip(),
                                               decision_date, reason.strip(), user=user))


def add_comment(repo: Repository, run_id: str, text: str, key: str, role: str,
                user: str) -> Comment:
    command = "comment"
    with repo.transaction():
        review = load_review(repo, run_id)
        report = ValidationReport()
        _check_open(review, report, command,
                    _("Een opmerking bij nieuwe gegevens hoort bij een nieuwe toetsing: maak "
                      "die met 'assess'."))
        if not review.definitive and review.status is not RunStatus.IN_REVIEW:
            report.add(_place("RUN", command),
                       _("Toetsing {run} is nog concept; opmerkingen kunnen pas als de toetsing "
                         "ter bespreking ligt.").format(run=review.run.id),
                       _("Zet de toetsing eerst ter bespreking met 'run status {run} --to "
                         "ter_bespreking'.").format(run=review.run.id))
        if role not in {r.value for r in Role}:
            report.add(_place("--role", command), _("Onbekende rol '{role}'.").format(role=role),
                       _("Kies uit: {roles}.").format(roles=", ".join(r.value for r in Role)))
        if not text.strip():
            report.add(_place("TEXT", command), _("De opmerking is leeg."),
                       _("Schrijf de opmerking van de begeleidingsgroep."))
        if key and key not in _targets(repo, review.run):
            report.add(_place("--key", command), _("Toetsing {run} heeft geen bevinding of "
                                                   "criteriumoordeel '{key}'.").format(
                run=review.run.id, key=key), _unknown_key_hint(key, list(_targets(
                    repo, review.run))))
        if not report.ok:
            raise _refused(report, _("De opmerking is niet vastgelegd: 1 probleem."),
                           _("De opmerking is niet vastgelegd: {count} problemen."))
        return repo.append_comment(Comment(review.run.id, text.strip(), Role(role), key,
                                           user=user))

