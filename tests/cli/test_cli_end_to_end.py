"""The real console script, end to end: demo, exit codes, and messages without tracebacks."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from support.cli import run_process

ROOT = Path(__file__).resolve().parents[2]
FRAMEWORK = ROOT / "src/samenwerkingsmonitor/frameworks/standaardkader.toml"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("demo")
    return folder, run_process("demo", "--output", str(folder / "uit"), cwd=folder)


def test_demo_builds_the_folder_and_prints_the_matrix(
        demo: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, result = demo
    assert result.returncode == 0, result.stderr
    assert "toetsing R-0001" in result.stdout
    assert "heemstede-bloemendaal/communicatie" in result.stdout
    assert "Legenda: V = voldoet" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    html = (folder / "uit" / "rapport.html").read_text(encoding="utf-8")
    assert "R-0001" in html
    assert (folder / "uit" / "samenwerkingsmonitor.db").is_file()


def test_demo_can_run_again_and_answers_in_json(
        demo: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _first = demo
    result = run_process("demo", "--output", str(folder / "uit"), "--format", "json", cwd=folder)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["run"] == "R-0001"  # a fresh database each time
    assert set(data["subjects"]) >= {"GM0397", "GM0377", "heemstede-bloemendaal"}
    verdicts = {v["verdict"] for v in data["criterion_verdicts"]}
    assert verdicts == {"voldoet", "voldoet_deels", "voldoet_niet", "niet_te_beoordelen"}


def test_verify_reproduces_the_demo_run_with_its_vulnerability_input(
        demo: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    """The demo's run uses values computed from the competence matrices; verify hashes the
    values exactly as assess did, so the demo's own run reproduces (exit 0)."""
    folder, _result = demo
    database = str(folder / "uit" / "samenwerkingsmonitor.db")
    shown = run_process("--database", database, "verify", "R-0001", cwd=folder)
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert shown.stdout.startswith("Toetsing R-0001 is gereproduceerd: alle ")


def test_history_of_the_demo_database(
        demo: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    folder, _result = demo
    database = str(folder / "uit" / "samenwerkingsmonitor.db")
    shown = run_process("--database", database, "history", "GM0397", "inwoners", "--format", "json",
                cwd=folder)
    assert shown.returncode == 0, shown.stderr
    assert {row["jaar"] for row in json.loads(shown.stdout)} == set(range(2018, 2023))
    missing = run_process("--database", database, "history", "GM0397", "bestaatniet", cwd=folder)
    assert missing.returncode == 1
    assert missing.stderr.strip() == (
        "Fout: Geen waarden gevonden voor GM0397 / bestaatniet. Controleer de schrijfwijze; "
        "'samenwerkingsmonitor export' toont alle opgeslagen waarden.")


@pytest.mark.parametrize("command", ["framework validate", "register --check-only"])
def test_deeply_nested_toml_is_refused_without_traceback(tmp_path: Path, command: str) -> None:
    deep = tmp_path / "diep.toml"
    deep.write_text("a=" + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    result = run_process(*command.split(), str(deep), cwd=tmp_path)
    assert result.returncode == 1
    assert "Het bestand is te diep genest om te lezen. Controleer de haken [ ] en { } in het " \
           "bestand." in result.stderr
    assert "Traceback" not in result.stderr


def test_a_byte_order_mark_before_the_toml_is_accepted(tmp_path: Path) -> None:
    with_bom = tmp_path / "kader.toml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + FRAMEWORK.read_bytes())
    result = run_process("framework", "validate", str(with_bom), cwd=tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("args", "code"), [
    (("bestaat-niet",), 2),
    (("--lang", "xx", "init"), 2),
    (("assess", "--years", "2018-2022"), 2),
])
def test_wrong_usage_exits_2(tmp_path: Path, args: tuple[str, ...], code: int) -> None:
    assert run_process(*args, cwd=tmp_path).returncode == code


def test_located_messages_speak_english_with_lang_en(tmp_path: Path) -> None:
    broken = tmp_path / "kader.toml"
    broken.write_text(FRAMEWORK.read_text(encoding="utf-8").replace(
        'unit = "fte_per_1000"', 'unit = "fte_per_duizend"', 1), encoding="utf-8")
    result = run_process("--lang", "en", "framework", "validate", str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("Error: The framework in")
    assert ", line " in result.stderr and ", key indicators.formatie_per_1000.unit" in result.stderr
    assert " regel " not in result.stderr and " sleutel " not in result.stderr
