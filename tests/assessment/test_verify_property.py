"""Proof that always holds: whatever corrections, process events and judgements come between
runs, `verify` reproduces every run the tool made, and a run made again on unchanged data
differs from the last one in no finding (issue 12, item 6).

One real SQLite file holds the example with its vulnerability input (so runs carry values
computed from the competence matrices); each generated step appends corrections, process
events, a run and a judgement, then verifies every run made so far. Hypothesis runs with a
fixed seed (derandomize), so a failure repeats.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.services.assessment.use_cases import (
    AssessmentRequest,
    CompareRequest,
    JudgeRequest,
    VerifyRequest,
    assess,
    compare,
    judge,
    verify,
)
from samenwerkingsmonitor.services.measurements.use_cases import ImportRequest, import_measurements
from samenwerkingsmonitor.services.organisation.process_events import NewProcessEvent
from samenwerkingsmonitor.services.organisation.use_cases import (
    AddProcessEventRequest,
    RegisterRequest,
    add_process_event,
    register,
)
from samenwerkingsmonitor.services.storage.use_cases import prepare_database
from samenwerkingsmonitor.services.vulnerability.use_cases import (
    VulnerabilityImportRequest,
    import_vulnerability_input,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example"
TEAM = "heemstede-bloemendaal/communicatie"
COOPERATION = "heemstede-bloemendaal"
SUBJECTS = (TEAM, COOPERATION, "GM0397")
HEADER = "onderwerp,indicator,jaar,soort,waarde,eenheid,bron\n"


@dataclass
class Store:
    wiring: Wiring
    folder: Path
    runs: list[str] = field(default_factory=list)
    files: int = 0


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("bewijs")
    wiring = Wiring(f"sqlite:///{folder / 'bewijs.db'}")
    prepare_database(wiring)
    register(RegisterRequest(EXAMPLE / "organisatie.toml", "tester"), wiring)
    import_measurements(ImportRequest(EXAMPLE / "metingen.csv", "tester"), wiring)
    import_vulnerability_input(VulnerabilityImportRequest(
        tuple(EXAMPLE / name for name in ("taken.csv", "medewerkers.csv", "competenties.csv")),
        "tester"), wiring)
    return Store(wiring, folder)


years = st.integers(2018, 2022)
corrections = st.lists(st.one_of(
    st.tuples(st.just("ziekteverzuim_pct"), years,
              st.floats(0, 20, allow_nan=False).map(lambda v: round(v, 1)), st.just("pct")),
    st.tuples(st.just("klanttevredenheid_score"), years,
              st.integers(1, 10).map(float), st.just("score_1_10")),
    st.tuples(st.just("lasten_eur"), years,
              st.integers(500_000, 2_000_000).map(float), st.just("eur")),
), max_size=4, unique_by=lambda c: (c[0], c[1]))
letters = st.lists(st.dates(date(2018, 1, 1), date(2022, 12, 31)), max_size=2)


@settings(max_examples=8, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=corrections, sent=letters, seed=st.integers(0, 2**32 - 1),
       override=st.booleans())
def test_every_run_verifies_whatever_came_between(store: Store, changes: list[tuple],
                                                  sent: list[date], seed: int,
                                                  override: bool) -> None:
    wiring = store.wiring
    if changes:
        store.files += 1
        path = store.folder / f"correctie-{store.files}.csv"
        path.write_text(HEADER + "".join(f"{TEAM},{indicator},{year},realisatie,{value},{unit},"
                                         "eigenschapstest\n"
                                         for indicator, year, value, unit in changes),
                        encoding="utf-8")
        import_measurements(ImportRequest(path, "tester", "gegenereerde correctie"), wiring)
    for day in sent:
        add_process_event(AddProcessEventRequest(NewProcessEvent(
            "raadsinformatiebrief", COOPERATION, day, "Voortgang", f"RIB-{day.isoformat()}",
            "GM0397"), "griffie"), wiring)
    outcome = assess(AssessmentRequest(SUBJECTS, 2018, 2022, 2018, seed=seed, user="tester"),
                     wiring)
    run = outcome.run.id
    store.runs.append(run)
    target = outcome.findings[seed % len(outcome.findings)]
    key = f"{target.subject}/{target.indicator}/{target.year}/{target.norm or '-'}"
    other = next(v for v in ("voldoet", "voldoet_niet") if v != target.verdict.value)
    judge(JudgeRequest(run, key, "overschreven" if override else "gekwalificeerd",
                       "gegenereerd oordeel", "beoordelaar-x",
                       verdict=other if override else None), wiring)
    for made in store.runs:
        checked = verify(VerifyRequest(made), wiring)
        assert checked.identical, (made, checked.differences[:5])
    # The same data again: a new run that differs from this one in no finding.
    again = assess(AssessmentRequest(SUBJECTS, 2018, 2022, 2018, seed=seed, user="tester"),
                   wiring)
    store.runs.append(again.run.id)
    same = compare(CompareRequest(run, again.run.id), wiring)
    assert [change.key for change in same.changed] == [key]  # only the judgement differs
    assert all(c.field == "judgement" for change in same.changed for c in change.changes)
