"""Text from a user cannot be made to read differently in a report or export (ADR 0026).

The import refuses bidirectional controls now, but a database may hold them from before. One
stored source text carries a corpus of right-to-left override, isolates, a zero-width space and
a Cyrillic homoglyph; the real commands write the technische bijlage (HTML, PDF, DOCX),
herkomst.csv and the exports (CSV, XLSX, ODS). Every output shows each bidi control as its code
([U+202E]) and holds none of them; the reports show the zero-width space as its code too, the
exports keep it (the import accepts it in free text); the homoglyph is shown exactly as stored.
"""

from __future__ import annotations

import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.storage import open_repository
from samenwerkingsmonitor.services.storage.ports import NewVersion

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "src/samenwerkingsmonitor/example"
RLO, LRI, PDI, ZWSP = "\u202e", "\u2066", "\u2069", "\u200b"
HOMOGLYPH = "J\u0430\u0430rrekening"  # two Cyrillic a's
SOURCE = f"Jaarrekening {RLO}9102 cilbup, {LRI}bijlage{PDI} zie{ZWSP}noot {HOMOGLYPH}"
BIDI = (RLO, LRI, PDI, "\u202a", "\u202b", "\u202c", "\u202d", "\u2067", "\u2068")
IN_REPORT = f"Jaarrekening [U+202E]9102 cilbup, [U+2066]bijlage[U+2069] zie[U+200B]noot {HOMOGLYPH}"
IN_EXPORT = f"Jaarrekening [U+202E]9102 cilbup, [U+2066]bijlage[U+2069] zie{ZWSP}noot {HOMOGLYPH}"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from samenwerkingsmonitor.cli import main  # the real command line, in this process

    folder = tmp_path_factory.mktemp("bidi")
    url = f"sqlite:///{folder / 'a.db'}"

    def run(*args: str) -> None:
        import sys
        argv = sys.argv
        sys.argv = ["samenwerkingsmonitor", "--database", url, *args]
        try:
            main()
        except SystemExit as stop:
            assert not stop.code, args
        finally:
            sys.argv = argv

    run("init")
    run("register", str(EXAMPLE / "organisatie.toml"))
    run("import", str(EXAMPLE / "metingen.csv"))
    repo = open_repository(url)  # a version stored before the import refused these characters
    stored = next(s for s in repo.current_measurements()
                  if (s.measurement.subject, s.measurement.indicator, s.measurement.year)
                  == ("GM0397", "inwoners", 2019))
    batch = repo.add_batch("oud.csv", "0" * 64, None, "tester", "oude gegevens", 1)
    repo.append_versions(batch, [NewVersion(replace(stored.measurement, source=SOURCE), 2,
                                            stored.version_id)])
    run("assess", "--subjects", "GM0397", "--years", "2018-2020", "--baseline", "2018")
    run("report", "latest", "--as", "html,pdf,docx", "--appendix", "--output",
        str(folder / "rapport"))
    for suffix in ("csv", "xlsx", "ods"):
        run("export", "--output", str(folder / f"export.{suffix}"))
    return folder


def _no_bidi(text: str) -> None:
    assert [ch for ch in BIDI if ch in text] == []


def test_the_appendix_html_shows_every_control_as_its_code(outputs: Path) -> None:
    html = (outputs / "rapport/technische-bijlage.html").read_text(encoding="utf-8")
    _no_bidi(html)
    assert IN_REPORT in html


def test_the_appendix_pdf_shows_every_control_as_its_code(outputs: Path) -> None:
    text = subprocess.run(["pdftotext", "-layout", str(outputs / "rapport/technische-bijlage.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    _no_bidi(text)
    assert "[U+202E]9102 cilbup" in text
    assert "[U+2066]bijlage[U+2069]" in text and "zie[U+200B]noot" in " ".join(text.split())


def test_the_appendix_docx_shows_every_control_as_its_code(outputs: Path) -> None:
    with zipfile.ZipFile(outputs / "rapport/technische-bijlage.docx") as archive:
        xml = "".join(archive.read(name).decode("utf-8") for name in archive.namelist()
                      if name.startswith("word/") and name.endswith(".xml"))
    _no_bidi(xml)
    assert "[U+202E]9102 cilbup" in xml and HOMOGLYPH in xml


def test_herkomst_and_the_csv_export_show_bidi_controls_as_their_code(outputs: Path) -> None:
    for name in ("rapport/herkomst.csv", "export.csv"):
        text = (outputs / name).read_text(encoding="utf-8-sig")
        _no_bidi(text)
        assert IN_EXPORT in text, name


def test_the_xlsx_and_ods_exports_show_bidi_controls_as_their_code(outputs: Path) -> None:
    import python_calamine

    for name in ("export.xlsx", "export.ods"):
        workbook = python_calamine.CalamineWorkbook.from_path(str(outputs / name))
        cells = [str(c) for row in workbook.get_sheet_by_index(0).to_python() for c in row]
        _no_bidi("".join(cells))
        assert IN_EXPORT in cells, name


def test_the_stored_text_itself_is_unchanged(outputs: Path) -> None:
    repo = open_repository(f"sqlite:///{outputs / 'a.db'}")
    assert SOURCE in [s.measurement.source for s in repo.current_measurements()]
