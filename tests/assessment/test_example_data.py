"""The fictitious example data set, through the real pipeline on a real SQLite file.

Register the example organisation, import example/metingen.csv, assess the demo subjects over
2018-2022 with baseline 2018, and check that the example shows what it is meant to show: every
verdict for every kind of subject, every data-quality label and every baseline status. Also: the
generator (scripts/make_example_data.py) reproduces the committed CSV byte for byte, and only
the real public facts lack the "Fictief voorbeeld" mark.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
from samenwerkingsmonitor.adapters.intake.csv_reader import read_csv
from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import open_repository
from samenwerkingsmonitor.domain.assessment import Finding, QualityLabel
from samenwerkingsmonitor.domain.measurements import BaselineStatus
from samenwerkingsmonitor.domain.organisation import Organisation, SubjectKind
from samenwerkingsmonitor.domain.verdicts import Verdict
from samenwerkingsmonitor.services.assessment.assess import (
    AssessmentOutcome,
    AssessmentRequest,
    run_assessment,
)
from samenwerkingsmonitor.services.frameworks.load import load_framework
from samenwerkingsmonitor.services.measurements.importing import ImportResult, import_measurements
from samenwerkingsmonitor.services.organisation.register import (
    load_registered_organisation,
    register_organisation,
)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src" / "samenwerkingsmonitor" / "example"
GENERATOR = ROOT / "scripts" / "make_example_data.py"
SHARED = "heemstede-bloemendaal"
DEMO_SUBJECTS = (
    f"{SHARED}/communicatie", f"{SHARED}/personeel-organisatie", f"{SHARED}/facilitaire-zaken",
    f"{SHARED}/financiele-administratie", f"{SHARED}/handhaving-openbare-ruimte",
    "GM0397", "GM0377", SHARED, "omgevingswet-kennisdeling",
)
# The only values that are not made up: CBS inhabitants on 1 January 2019 (docs/domain.md).
REAL_VALUES = {
    ("GM0397", "inwoners", "2019", "begroting"): "27286",
    ("GM0397", "inwoners", "2019", "realisatie"): "27286",
    ("GM0377", "inwoners", "2019", "begroting"): "23159",
    ("GM0377", "inwoners", "2019", "realisatie"): "23159",
}


@dataclass(frozen=True)
class Demo:
    imported: ImportResult
    outcome: AssessmentOutcome
    organisation: Organisation

    def kind(self, subject: str) -> SubjectKind:
        return self.organisation.subjects()[subject].kind

    def finding(self, subject: str, indicator: str, year: int) -> Finding:
        """The finding of the indicator's first norm; the team costs' second norm (realisatie
        against begroting) is a case of its own below."""
        found = [f for f in self.outcome.findings
                 if (f.subject, f.indicator, f.year) == (subject, indicator, year)
                 and f.norm_kind != "begroting"]
        assert len(found) == 1, (subject, indicator, year, found)
        return found[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    folder = tmp_path_factory.mktemp("example")
    repo = open_repository(f"sqlite:///{folder / 'x.db'}")
    repo.migrate()
    register_organisation(repo, EXAMPLE / "organisatie.toml", "tester", "voorbeeld",
                          reader=read_organisation)
    organisation = load_registered_organisation(repo, reader=read_organisation)
    files = TomlFrameworkFiles()
    imported = import_measurements(repo, EXAMPLE / "metingen.csv", organisation,
                                   load_framework("standaardkader", files), "tester",
                                   "voorbeeld", reader=read_csv)
    request = AssessmentRequest(subjects=DEMO_SUBJECTS, first_year=2018, last_year=2022,
                                baseline_year=2018)
    outcome = run_assessment(repo, request, "tester", framework_files=files,
                             organisation_reader=read_organisation)
    yield Demo(imported, outcome, organisation)
    repo.close()


def csv_rows() -> list[dict[str, str]]:
    with (EXAMPLE / "metingen.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_import_accepts_every_row(demo: Demo) -> None:
    rows = len(csv_rows())
    assert 300 <= rows <= 1000
    assert (demo.imported.rows, demo.imported.new, demo.imported.changed) == (rows, rows, 0)
    assert demo.imported.decimal_comma is False


def test_the_generator_reproduces_the_committed_csv(tmp_path: Path) -> None:
    output = tmp_path / "metingen.csv"
    subprocess.run([sys.executable, str(GENERATOR), "--output", str(output)], check=True,
                   capture_output=True)
    assert output.read_bytes() == (EXAMPLE / "metingen.csv").read_bytes()


@pytest.mark.parametrize("kind", list(SubjectKind))
@pytest.mark.parametrize("verdict", list(Verdict))
def test_every_verdict_occurs_for_every_kind_of_subject(demo: Demo, kind: SubjectKind,
                                                         verdict: Verdict) -> None:
    assert any(demo.kind(f.subject) is kind and f.verdict == verdict
               for f in demo.outcome.findings)


@pytest.mark.parametrize("label", list(QualityLabel))
def test_every_quality_label_occurs(demo: Demo, label: QualityLabel) -> None:
    assert any(label.value in f.labels for f in demo.outcome.findings)


@pytest.mark.parametrize("status", list(BaselineStatus))
def test_every_baseline_status_occurs(demo: Demo, status: BaselineStatus) -> None:
    assert any(f.baseline_status == status for f in demo.outcome.findings)


# Worked cases: the deliberate gaps and labels of the scenario (docs/example.md).
@pytest.mark.parametrize(("subject", "indicator", "year", "verdict", "gap", "label"), [
    # team costs: no nulmeting for financiële administratie, so no baseline comparison
    (f"{SHARED}/financiele-administratie", "lasten_eur", 2019, "niet_te_beoordelen",
     "geen_nulmeting", None),
    # ... and the derived separation cost % misses its input lasten_eur in 2018
    (f"{SHARED}/financiele-administratie", "ontvlechtingskosten_pct", 2018,
     "niet_te_beoordelen", "invoer_ontbreekt", "schatting"),
    # baseline-relative norms start after the baseline year
    (f"{SHARED}/communicatie", "lasten_eur", 2018, "niet_te_beoordelen",
     "norm_nog_niet_van_toepassing", None),
    (f"{SHARED}/personeel-organisatie", "lasten_eur", 2020, "voldoet_niet", None,
     "nulmeting_gereconstrueerd"),
    (f"{SHARED}/personeel-organisatie", "ziekteverzuim_pct", 2019, "voldoet_deels", None,
     "reconstructie"),
    (f"{SHARED}/communicatie", "tijdigheid_pct", 2022, "voldoet", None, "voorlopig"),
    ("GM0377", "overhead_pct", 2018, "voldoet_deels", None, "overgenomen_niet_berekend"),
    ("GM0377", "externe_inhuur_pct", 2020, "voldoet_niet", None, None),
    ("GM0397", "formatie_per_1000", 2021, "niet_te_beoordelen", "niet_vergelijkbaar",
     "niet_vergelijkbaar"),
    ("GM0397", "formatie_per_1000", 2018, "voldoet_niet", None, None),
    (SHARED, "sturing_oordeel", 2020, "voldoet_deels", None, None),
    (SHARED, "sturing_oordeel", 2022, "niet_te_beoordelen", "geen_waarde", None),
    (SHARED, "tussentijdse_evaluatie_tijdig", 2021, "voldoet_niet", None, None),
    ("omgevingswet-kennisdeling", "lt_voortzetten", 2022, "niet_te_beoordelen", "geen_waarde",
     None),
])
def test_worked_cases_of_the_scenario(demo: Demo, subject: str, indicator: str, year: int,
                                      verdict: str, gap: str | None, label: str | None) -> None:
    finding = demo.finding(subject, indicator, year)
    assert (finding.verdict, finding.gap) == (verdict, gap)
    if label is not None:
        assert label in finding.labels


def test_only_the_real_public_facts_lack_the_fictitious_mark() -> None:
    unmarked = {(r["onderwerp"], r["indicator"], r["jaar"], r["soort"]): r["waarde"]
                for r in csv_rows() if not r["bron"].startswith("Fictief voorbeeld: ")}
    assert unmarked == REAL_VALUES


@pytest.mark.parametrize(("column", "value"), [
    ("status", "reconstructie"), ("status", "schatting"), ("vergelijkbaar", "nee"),
])
def test_reconstructions_estimates_and_incomparable_values_are_explained(column: str,
                                                                         value: str) -> None:
    marked = [r for r in csv_rows() if r[column] == value]
    assert marked and all(r["toelichting"].strip() for r in marked)


@pytest.mark.parametrize(("indicator", "soort"), [
    ("inwoners", "begroting"), ("inwoners", "realisatie"), ("formatie_fte", "begroting"),
    ("formatie_fte", "realisatie"),
])
def test_reference_dates_are_the_first_of_january(indicator: str, soort: str) -> None:
    rows = [r for r in csv_rows() if (r["indicator"], r["soort"]) == (indicator, soort)]
    assert rows and all(r["peildatum"] == f"{r['jaar']}-01-01" for r in rows)
