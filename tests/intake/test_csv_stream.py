"""The streamed CSV reader (ADR 0025) reads what parse_csv reads, block by block: the same rows,
hash and notation, and the same refusals with line numbers counted from the start of the file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from samenwerkingsmonitor.adapters.intake.csv_reader import parse_csv
from samenwerkingsmonitor.adapters.intake.csv_stream import stream_csv
from samenwerkingsmonitor.errors import ImportRefused

HEADER = "onderwerp;indicator;jaar;soort;waarde;eenheid;bron;toelichting\n"


def lines(count: int) -> list[str]:
    return [f"GM0397;formatie_fte;{2000 + i % 30};realisatie;{i},5;fte;\"bron, {i}\";'=som\n"
            for i in range(count)]


@pytest.mark.parametrize("block", [16, 64, 1000, 4_000_000])
def test_blocks_of_any_size_read_as_parse_csv_does(tmp_path: Path, block: int) -> None:
    text = "\ufeff\n" + HEADER + "".join(lines(40)) + "\n;;;\n" + "".join(lines(3))
    path = tmp_path / "metingen.csv"
    path.write_text(text, encoding="utf-8")
    data = path.read_bytes()
    whole, streamed = parse_csv(data, path.name), stream_csv(path, block=block)
    assert streamed.rows == whole.rows  # row numbers, cells, the ' before a formula removed
    assert list(streamed.rows) == list(whole.rows)  # and again: read from disk each time
    assert (streamed.headers, streamed.header_row, streamed.decimal_comma,
            streamed.delimiter, streamed.encoding) == (
        whole.headers, whole.header_row, True, ";", "utf-8")
    assert streamed.sha256 == whole.sha256 == hashlib.sha256(data).hexdigest()
    assert streamed.rows.data_rows == 43  # type: ignore[attr-defined]  # the batch's count


def test_a_nul_byte_far_into_the_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ruis.csv"
    path.write_bytes((HEADER + "".join(lines(30))).encode() + b"GM0397;x\x00;\n")
    with pytest.raises(ImportRefused) as refused:
        stream_csv(path, block=64)
    assert [issue.describe() for issue in refused.value.report.issues] == [
        "ruis.csv, regel 32: Het bestand bevat een NUL-teken (byte 0); het is geen gewone "
        "tekst. Sla het bestand opnieuw op als 'CSV UTF-8'; een CSV-bestand bevat geen "
        "binaire gegevens."]


def test_windows_1252_in_a_later_block_makes_the_whole_file_windows_1252(
        tmp_path: Path) -> None:
    path = tmp_path / "oud.csv"
    body = (HEADER + "".join(lines(30))
            + "GM0397;formatie_fte;2019;realisatie;1;fte;Begroting;café\n")
    path.write_bytes(body.encode("cp1252"))
    streamed = stream_csv(path, block=64)
    assert streamed.encoding == "cp1252"
    assert list(streamed.rows)[-1][1][-1] == "café"
    assert list(streamed.rows) == list(parse_csv(path.read_bytes(), path.name).rows)


def test_an_over_long_line_in_a_later_block_is_refused_with_its_line(tmp_path: Path) -> None:
    from samenwerkingsmonitor.adapters.intake.file_guard import IntakeLimits

    path = tmp_path / "lang.csv"
    path.write_text(HEADER + "".join(lines(5)) + "GM0397;" + "x" * 500 + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        stream_csv(path, limits=IntakeLimits(max_line_bytes=200), block=64)
    assert refused.value.report.issues[0].location.line == 7
