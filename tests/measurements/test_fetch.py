"""`fetch cbs` and `fetch bbv`: published figures stored as measurements with their source URL,
the retrieval date and status gepubliceerd, through the ordinary import.

No internet here: CBS StatLine is the real client library (cbsodata) talking HTTP to a local
server that serves a small recorded response in the documented OData format
(recorded/statline-03759ned/README.md). Offline, the files a user downloads are read in the
sites' own layouts."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from samenwerkingsmonitor.adapters.organisation.file import read_organisation
from samenwerkingsmonitor.adapters.storage import SqlRepository, open_repository
from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.errors import NotFound, UsageError
from samenwerkingsmonitor.services.measurements.use_cases import FetchRequest, fetch_published
from samenwerkingsmonitor.services.organisation.register import register_organisation
from support.cli import Cli

RECORDED = Path(__file__).parent / "recorded" / "statline-03759ned"
EXAMPLE = Path(__file__).resolve().parents[2] / "src/samenwerkingsmonitor/example/organisatie.toml"
TODAY = date(2026, 12, 4)


class Recorded(BaseHTTPRequestHandler):
    asked: list[tuple[str, dict[str, list[str]]]] = []

    def do_GET(self) -> None:  # noqa: N802  (the name http.server calls)
        parts = urlsplit(self.path)
        Recorded.asked.append((parts.path, parse_qs(parts.query)))
        name = parts.path.rstrip("/").rsplit("/", 1)[-1]
        path = RECORDED / ("root.json" if name == "03759ned" else f"{name}.json")
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def statline() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorded)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Recorded.asked = []
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[str, SqlRepository]]:
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    repo = open_repository(url)
    repo.migrate()
    register_organisation(repo, EXAMPLE, "tester", "test", reader=read_organisation)
    yield url, repo
    repo.close()


def stored(repo: SqlRepository) -> dict[tuple[str, str, int, str], object]:
    return {s.measurement.key: s.measurement for s in repo.current_measurements()}


def test_cbs_inhabitants_through_the_client_library(statline: str,
                                                    database: tuple[str, SqlRepository]) -> None:
    url, repo = database
    wiring = Wiring(url, statline_catalog=statline, statline_https=False)
    request = FetchRequest("cbs", ("GM0397", "GM0377"), 2019, 2019, "tester", today=TODAY)
    result = fetch_published(request, wiring)
    assert [(v.subject, v.year, v.value) for v in result.values] == [
        ("GM0377", 2019, 23159.0), ("GM0397", 2019, 27286.0)]  # the row "Mannen" left out
    assert (result.imported.new, result.imported.batch_id) == (2, 1)
    heemstede = repo.history("GM0397", "inwoners")[-1]
    m = heemstede.measurement
    assert (m.value, m.status.value, m.reference_date, m.unit) == (
        27286.0, "gepubliceerd", date(2019, 1, 1), "aantal")
    assert m.source == (f"http://{statline}/ODataFeed/odata/03759ned/TypedDataSet?$filter="
                        "RegioS eq 'GM0397' and Perioden eq '2019JJ00'"
                        "&$select=BevolkingOp1Januari_1")
    assert m.note == "Opgehaald op 2026-12-04 uit CBS StatLine, tabel 03759ned."
    data_requests = [query for path, query in Recorded.asked if path.endswith("DataSet")]
    assert data_requests and data_requests[0]["$filter"] == [
        "(RegioS eq 'GM0397' or RegioS eq 'GM0377') and (Perioden eq '2019JJ00')"]
    again = fetch_published(request, wiring)  # the same figures: nothing new, no batch
    assert (again.imported.new, again.imported.unchanged, again.imported.batch_id) == (0, 2, None)


def test_an_unknown_municipality_is_refused_before_anything_is_asked(
        statline: str, database: tuple[str, SqlRepository]) -> None:
    url, _repo = database
    with pytest.raises(NotFound) as refused:
        fetch_published(FetchRequest("cbs", ("GM9999",), 2019, 2019, "t", today=TODAY),
                        Wiring(url, statline_catalog=statline, statline_https=False))
    assert str(refused.value) == ("Onbekende gemeente: GM9999. Kies uit de gemeenten van het "
                                  "geregistreerde organisatiebestand.")
    assert Recorded.asked == []


STATLINE_CSV = ('"Geslacht";"Leeftijd";"Burgerlijke staat";"Regio\'s";"Perioden";'
                '"Bevolking op 1 januari (aantal)"\n') + '''\
"Totaal mannen en vrouwen";"Totaal";"Totaal burgerlijke staat";"Heemstede";"2017";"26.923"
"Totaal mannen en vrouwen";"Totaal";"Totaal burgerlijke staat";"Heemstede";"2019";"27.286"
"Mannen";"Totaal";"Totaal burgerlijke staat";"Heemstede";"2019";"13.000"
"Totaal mannen en vrouwen";"Totaal";"Totaal burgerlijke staat";"Bloemendaal";"2019";"23.159"
'''


def test_cbs_offline_from_a_statline_download_including_2017(
        tmp_path: Path, database: tuple[str, SqlRepository]) -> None:
    url, repo = database
    path = tmp_path / "03759ned.csv"
    path.write_text(STATLINE_CSV, encoding="utf-8")
    result = fetch_published(FetchRequest("cbs", (), 2017, 2019, "tester", from_file=path,
                                          today=TODAY), Wiring(url))
    assert sorted((v.subject, v.year, v.value) for v in result.values) == [
        ("GM0377", 2019, 23159.0), ("GM0397", 2017, 26923.0), ("GM0397", 2019, 27286.0)]
    values = stored(repo)
    assert values["GM0397", "inwoners", 2017, "realisatie"].source == (  # type: ignore[attr-defined]
        "03759ned.csv, rij 2 (download van CBS StatLine, tabel 03759ned)")


BBV_CSV = ("Gemeente;Periode;Formatie (fte per 1.000 inwoners);Bezetting (fte per 1.000 "
           "inwoners);Apparaatskosten (€ per inwoner);Externe inhuur (% van totale loonsom + "
           "totale kosten inhuur externen);Overhead (% van totale lasten)\n") + """\
Bloemendaal;2017;0,18;0,17;612;1,2;10,4
Bloemendaal;2018;0,19;0,18;598;;10,9
"""


def test_bbv_offline_from_a_waarstaatjegemeente_export(
        tmp_path: Path, database: tuple[str, SqlRepository]) -> None:
    url, repo = database
    path = tmp_path / "bbv.csv"
    path.write_text(BBV_CSV, encoding="utf-8")
    result = fetch_published(FetchRequest("bbv", ("GM0377",), 2017, 2018, "tester",
                                          from_file=path, today=TODAY), Wiring(url))
    assert result.imported.new == 9  # 2018 has no externe inhuur: left out, not zero
    values = stored(repo)
    assert values["GM0377", "apparaatskosten_per_inwoner", 2017, "begroting"].value == 612.0  # type: ignore[attr-defined]
    assert values["GM0377", "formatie_per_1000", 2018, "begroting"].value == 0.19  # type: ignore[attr-defined]
    assert ("GM0377", "externe_inhuur_pct", 2018, "begroting") not in values
    assert {m.status.value for m in values.values()} == {"gepubliceerd"}  # type: ignore[attr-defined]


def test_bbv_online_says_to_export_the_file(database: tuple[str, SqlRepository]) -> None:
    url, _repo = database
    with pytest.raises(UsageError) as refused:
        fetch_published(FetchRequest("bbv", ("GM0377",), 2018, 2018, "t", today=TODAY),
                        Wiring(url))
    assert str(refused.value) == (
        "waarstaatjegemeente.nl heeft geen programmeerbare toegang die dit programma kan "
        "gebruiken. Exporteer de BBV-indicatoren op de site als CSV en geef het bestand met "
        "--from-file.")


def test_the_command_prints_what_it_fetched_and_stored(
        cli: Cli, statline: str, database: tuple[str, SqlRepository],
        monkeypatch: pytest.MonkeyPatch) -> None:
    url, _repo = database
    monkeypatch.setenv("SAMENWERKINGSMONITOR_CBS_URL", f"http://{statline}")
    code, out, err = cli("--database", url, "fetch", "cbs", "--subjects", "GM0397",
                         "--years", "2019-2019", "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert [(v["subject"], v["value"]) for v in data["values"]] == [("GM0397", 27286.0)]
    assert data["import"]["message"] == ("Opgeslagen als importbatch 1: 1 nieuw, 0 gewijzigd, "
                                         "0 ongewijzigd.")
