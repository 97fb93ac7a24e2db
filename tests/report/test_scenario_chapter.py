"""The scenario chapter of the Technische bijlage and its decision point in the kernboodschap,
read back from the written demo reports (HTML, PDF, DOCX) as a reader gets them."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from reading import docx_text, html_text, needs_poppler, pdf_pages

from samenwerkingsmonitor.adapters.report.charts import validated
from samenwerkingsmonitor.adapters.scenarios.file import read_scenario_set
from samenwerkingsmonitor.services.scenarios.use_cases import ScenarioOutcome, stored_outcomes

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = ROOT / "test-artifacts" / "scenarios"


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def outcomes(demo_repo: tuple[object, str]) -> tuple[ScenarioOutcome, ...]:
    repo, _run = demo_repo
    found = stored_outcomes(repo, read_scenario_set)  # type: ignore[arg-type]
    assert [o.scenario_set.id for o in found] == ["hb-handhaving-toekomst",
                                                  "hb-samenwerking-toekomst"]
    return found


def test_the_bijlage_has_the_chapter_with_chart_and_tables(written: dict[str, Path],
                                                           outcomes: tuple[ScenarioOutcome, ...]
                                                           ) -> None:
    page = written["technische-bijlage.html"].read_text(encoding="utf-8")
    text = flat(html_text(written["technische-bijlage.html"]))
    assert '<section id="scenarios"' in page
    for outcome in outcomes:
        anchor = f"scenario-{outcome.scenario_set.id}"
        assert f'<section id="{anchor}"' in page and f'href="#{anchor}"' in page
        figure = page[page.index(f'<figure class="chart-figure" id="{anchor}-grafiek"'):]
        figure = figure[:figure.index("</figure>")]
        assert re.search(r'<svg[^>]*role="img"[^>]*aria-labelledby="' + anchor, figure)
        for sentence in outcome.headline:
            assert sentence in text
        names = [a.name for a in outcome.scenario_set.alternatives]
        for council in outcome.councils:
            shares = council.result.rank_acceptability
            for i, name in enumerate(names):  # the rank table, as a reader sees it
                row = " ".join(f"{round(float(s) * 100)} %" for s in shares[i])
                assert f"{name} {row}" in text, (council.council.name, name)
    assert "Fictief voorbeeld : alle waarden en wegingen van deze scenarioset zijn verzonnen." \
        in text  # a bold label and its text are two parts of the page


def test_the_chart_is_a_valid_vega_lite_layer_with_a_label_per_bar(
        demo_repo: tuple[object, str]) -> None:
    from reading import DAY

    from samenwerkingsmonitor.adapters.frameworks.file import TomlFrameworkFiles
    from samenwerkingsmonitor.adapters.organisation.file import read_organisation
    from samenwerkingsmonitor.services.report.build import build_report_products

    repo, run_id = demo_repo
    model = build_report_products(repo, run_id, framework_files=TomlFrameworkFiles(),
                                  organisation_reader=read_organisation, today=DAY,
                                  scenario_reader=read_scenario_set).model  # type: ignore[arg-type]
    assert [c.anchor for c in model.scenarios] == ["scenario-hb-handhaving-toekomst",
                                                   "scenario-hb-samenwerking-toekomst"]
    for chapter in model.scenarios:
        spec = validated(chapter.chart.spec)
        assert len(spec["layer"]) == 2
        labels = [row["label"] for row in chapter.chart.spec["data"]["values"]
                  if row["rang"] == "label"]
        assert len(labels) == len(chapter.acceptability) * len(chapter.chart.table.rows)


@needs_poppler
def test_the_pdf_and_docx_bijlage_print_the_chapter(written: dict[str, Path],
                                                    outcomes: tuple[ScenarioOutcome, ...]
                                                    ) -> None:
    pages = pdf_pages(written["technische-bijlage.pdf"])
    start = next(i for i, p in enumerate(pages)
                 if "Scenario's Elke raad weegt de criteria" in p)
    chapter = " ".join(pages[start:start + 6])
    for outcome in outcomes:
        assert outcome.headline[0] in chapter
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(start + 2), "-l", str(start + 2),
                    str(written["technische-bijlage.pdf"]), str(ARTEFACTS / "bijlage")],
                   check=True)
    document = flat(docx_text(written["technische-bijlage.docx"]))
    for outcome in outcomes:
        assert outcome.headline[0] in document
        assert outcome.method in document


def test_the_kernboodschap_asks_the_council_to_choose(written: dict[str, Path],
                                                     outcomes: tuple[ScenarioOutcome, ...]
                                                     ) -> None:
    for name in ("rapport.html", "rapport.docx", "rapport-GM0377.html"):
        path = written[name]
        text = flat(html_text(path) if path.suffix == ".html" else docx_text(path))
        for outcome in outcomes:
            point = " ".join((outcome.scenario_set.title + " (fictief voorbeeld)",
                              *outcome.headline,
                              "De raad kiest. De doorrekening staat in de Technische bijlage, "
                              "hoofdstuk Scenario's."))
            assert point in text, name
