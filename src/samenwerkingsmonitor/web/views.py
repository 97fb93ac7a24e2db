"""What the pages show, from the front doors: the report model of a run (built once per run:
a stored run never changes), the registered organisation (re-read at most every 30 s), and the
parts of both that one person may see."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.domain.organisation import Organisation
from samenwerkingsmonitor.errors import NotFound
from samenwerkingsmonitor.i18n import current_language
from samenwerkingsmonitor.services.access.scope import Scope
from samenwerkingsmonitor.services.assessment.use_cases import (
    FindingsRequest,
    ReviewRequest,
    RunFindings,
    RunsRequest,
    RunSummary,
    list_runs,
    review_stamp,
    run_findings,
)
from samenwerkingsmonitor.services.organisation.register import load_registered_organisation
from samenwerkingsmonitor.services.report.model import (
    MatrixSubject,
    ReportModel,
    SubjectSection,
    VerdictMatrix,
)
from samenwerkingsmonitor.services.report.use_cases import RunViewRequest, view_run

T = TypeVar("T")
ORGANISATION_SECONDS = 30.0
MODELS_KEPT = 8


class RunCache(Generic[T]):
    """What `build` makes of a run, per (run, language, stamp), the newest MODELS_KEPT kept; one
    build at a time per key, so fifty readers of a new run cause one build. A stored run's
    findings never change; its human side (status, judgements, comments) may, and `stamp`
    says when, so a judgement shows at once, also in another process."""

    def __init__(self, build: Callable[[str], T],
                 stamp: Callable[[str], object] = lambda run_id: None) -> None:
        self._build = build
        self._stamp = stamp
        self._models: OrderedDict[tuple[str, str, object], T] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[tuple[str, str, object], threading.Lock] = {}

    def get(self, run_id: str) -> T:
        key = (run_id, current_language(), self._stamp(run_id))
        with self._lock:
            if key in self._models:
                self._models.move_to_end(key)
                return self._models[key]
            building = self._building.setdefault(key, threading.Lock())
        with building:
            with self._lock:
                if key in self._models:
                    return self._models[key]
            model = self._build(run_id)
            with self._lock:
                self._models[key] = model
                while len(self._models) > MODELS_KEPT:
                    self._models.popitem(last=False)
                self._building.pop(key, None)
            return model


def run_models(wiring: Wiring) -> RunCache[ReportModel]:
    return RunCache(lambda run_id: view_run(RunViewRequest(run_id), wiring),
                    lambda run_id: review_stamp(ReviewRequest(run_id), wiring))


def run_findings_cache(wiring: Wiring) -> RunCache[RunFindings]:
    return RunCache(lambda run_id: run_findings(FindingsRequest(run_id), wiring))


class OrganisationCache:
    def __init__(self, wiring: Wiring, clock: Callable[[], float] = time.monotonic) -> None:
        self._wiring = wiring
        self._clock = clock
        self._value: Organisation | None = None
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def __call__(self) -> Organisation | None:
        with self._lock:
            if self._clock() - self._read_at > ORGANISATION_SECONDS:
                try:
                    self._value = load_registered_organisation(
                        self._wiring.repository(), reader=self._wiring.organisation_reader())
                except NotFound:
                    self._value = None
                self._read_at = self._clock()
            return self._value

    def forget(self) -> None:
        with self._lock:
            self._read_at = float("-inf")


def runs(wiring: Wiring, scope: Scope) -> list[RunSummary]:
    """Stored runs, newest first, that assess at least one subject this person sees."""
    found = list_runs(RunsRequest(), wiring)
    return [r for r in reversed(found) if any(scope.sees(s) for s in r.subjects)]


def latest_run(wiring: Wiring, scope: Scope) -> RunSummary | None:
    visible = runs(wiring, scope)
    current = [r for r in visible if r.superseded_by is None]
    return (current or visible or [None])[0]


@dataclass(frozen=True)
class ScopedRun:
    """A run's model cut to what one person may see."""

    model: ReportModel
    matrices: tuple[VerdictMatrix, ...]
    sections: tuple[SubjectSection, ...]


def scoped(model: ReportModel, scope: Scope) -> ScopedRun:
    matrices = []
    for matrix in model.matrices:
        subjects: tuple[MatrixSubject, ...] = tuple(
            s for s in matrix.subjects if scope.sees(s.subject_id))
        if subjects:
            matrices.append(VerdictMatrix(matrix.kind, matrix.anchor, matrix.title,
                                          matrix.caption, matrix.years, subjects))
    sections = tuple(s for s in model.sections if scope.sees(s.subject_id))
    return ScopedRun(model, tuple(matrices), sections)
