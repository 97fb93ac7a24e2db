"""`framework validate` and `framework show` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from samenwerkingsmonitor.cli import build_app, main

app = build_app()

ROOT = Path(__file__).resolve().parents[2]
CONSOLE_SCRIPT = ROOT / ".venv" / "bin" / "samenwerkingsmonitor"
BUNDLED = ROOT / "src" / "samenwerkingsmonitor" / "frameworks" / "standaardkader.toml"


def run_main(args: list[str], monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """main() as the console script runs it: the error mapping included."""
    monkeypatch.setattr(sys, "argv", ["samenwerkingsmonitor", *args])
    try:
        main()
        code = 0
    except SystemExit as stop:
        code = int(stop.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_validate_confirms_a_valid_framework_in_dutch() -> None:
    result = CliRunner().invoke(app, ["framework", "validate", str(BUNDLED)])
    assert result.exit_code == 0
    assert result.output == (
        "Toetsingskader 'standaardkader' versie 1.0 is geldig: 9 criteria, 40 indicatoren, "
        "33 normen.\n"
    )


def test_validate_lists_every_problem_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    text = BUNDLED.read_text(encoding="utf-8")
    text = text.replace('unit = "fte_per_1000"', 'unit = "fte_per_duizend"', 1)
    text = text.replace('formula = "apparaatskosten_eur / inwoners"',
                        'formula = "round(apparaatskosten_eur / inwoners)"')
    broken = tmp_path / "kader.toml"
    broken.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    unit_line = lines.index('unit = "fte_per_duizend"') + 1
    formula_line = lines.index('formula = "round(apparaatskosten_eur / inwoners)"') + 1
    code, out, err = run_main(["framework", "validate", str(broken)], monkeypatch, capsys)
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"Fout: Het toetsingskader in {broken} is niet geldig: 2 problemen.",
        f"- {broken}, regel {unit_line}, sleutel indicators.formatie_per_1000.unit: "
        "Onbekende eenheid 'fte_per_duizend'. Toegestaan: aantal, fte, eur, pct, fte_per_1000, "
        "eur_per_inwoner, score_1_5, score_1_10, ja_nee, dagen, uren, index, jaren.",
        f"- {broken}, regel {formula_line}, sleutel "
        "indicators.apparaatskosten_per_inwoner.formula: Formule niet toegestaan: "
        "Functieaanroep 'round(' op positie 1 is niet toegestaan; een formule kent alleen "
        "+ - * / en haakjes. Een formule bevat alleen getallen, "
        "invoer-id's, + - * / en haakjes.",
    ]


def test_show_an_unknown_framework_exits_1_with_the_bundled_ids(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_main(["framework", "show", "mijnkader"], monkeypatch, capsys)
    assert code == 1
    assert err == ("Fout: Toetsingskader 'mijnkader' niet gevonden: geen bestand en geen "
                   "meegeleverd kader (meegeleverd: standaardkader).\n")


def test_show_prints_the_tree_norms_and_burden() -> None:
    result = CliRunner().invoke(app, ["framework", "show", "standaardkader"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for expected in (
        "Kwetsbaarheid [kwetsbaarheid] · niveau 2 · samenvatting: zwakste_schakel",
        "Formatie per 1.000 inwoners [formatie_per_1000] · fte_per_1000 · gemeente · "
        "= formatie_fte / inwoners * 1000",
        "norm overhead_band (absoluut): band 7 tot 12, signaal 5 tot 14.5",
        "[voorbeeld: de raad stelt deze norm vast]",
        "eigenaar: wetgever",
        "Gegevenslast per onderwerp per jaar",
    ):
        assert expected in result.output
    burden = [line for line in result.output.splitlines() if "│ team" in line]
    assert burden and burden[0].split("│")[2].strip() == "11"
    assert ("Uit gepubliceerde bronnen (begroting, jaarrekening, CBS, de tekst van de regeling, "
            "raadsbesluiten): 12 van de 19 jaarlijkse waarden van een gemeente en een "
            "samenwerking samen (63 %).") in " ".join(result.output.split())


def test_show_json_has_the_tree_and_the_burden() -> None:
    result = CliRunner().invoke(app, ["framework", "show", str(BUNDLED), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [c["id"] for c in data["criteria"]] == [
        "kwaliteit", "kosten", "flexibiliteit", "ontvlechtbaarheid", "sturing", "proces",
        "partnerschap", "lichte_toets",
    ]
    flexibility = data["criteria"][2]
    assert [c["id"] for c in flexibility["criteria"]] == ["kwetsbaarheid"]
    assert data["data_burden"]["municipality"] == {
        "values": 8, "pc_source": 8, "assessed": 0,
        "inputs": ["inwoners", "formatie_fte", "bezetting_fte", "apparaatskosten_eur",
                   "loonsom_eur", "inhuur_eur", "lasten_totaal_eur", "lasten_overhead_eur"],
    }
    assert data["data_burden"]["team"]["values"] == 11
    assert data["published_share"] == {"published": 12, "inputs": 19, "percent": 63.2}


def test_show_refuses_an_unknown_format(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run_main(["framework", "show", "standaardkader", "--format", "xml"],
                               monkeypatch, capsys)
    assert code == 2
    assert err == "Fout: Onbekend formaat 'xml': kies tabel of json.\n"


@pytest.mark.parametrize(
    ("replace", "code", "first_line"),
    [
        (('id = "overhead_band"', 'id = "overhead band"'), 1,
         "Fout: Het toetsingskader in {file} is niet geldig: 1 probleem."),
        (('version = "1.0"', 'version = 1.0"'), 1,
         "Fout: Het toetsingskader in {file} is niet geldig: 1 probleem."),
        (('version = "1.0"', 'version = "1.0"'), 0, None),
    ],
)
def test_the_console_script_exits_cleanly(
    replace: tuple[str, str], code: int, first_line: str | None, tmp_path: Path
) -> None:
    path = tmp_path / "kader.toml"
    path.write_text(BUNDLED.read_text(encoding="utf-8").replace(*replace), encoding="utf-8")
    done = subprocess.run([str(CONSOLE_SCRIPT), "framework", "validate", str(path)],
                          capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == code
    assert "Traceback" not in done.stderr + done.stdout
    if first_line is not None:
        assert done.stderr.splitlines()[0] == first_line.format(file=path)






def test_validate_speaks_english_with_lang_en(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "kader.toml"
    broken.write_text(BUNDLED.read_text(encoding="utf-8").replace(
        'formula = "apparaatskosten_eur / inwoners"', 'formula = "apparaatskosten_eur ** 2"'),
        encoding="utf-8")
    try:
        code, _out, err = run_main(["--lang", "en", "framework", "validate", str(broken)],
                                   monkeypatch, capsys)
    finally:
        from samenwerkingsmonitor.i18n import set_language

        set_language("nl")
    assert code == 1
    assert "The framework in" in err and "is not valid: 1 problem." in err
    assert ("Formula not allowed: '**' at position 21 is not allowed: a formula cannot raise "
            "to a power.") in err
