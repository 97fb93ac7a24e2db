"""CBS StatLine through its kept client library, cbsodata (OData v3): `fetch cbs`.

Which table holds what (docs/gepubliceerde-cijfers.md): inhabitants on 1 January per
municipality are in table 03759ned ("Bevolking op 1 januari en gemiddeld; geslacht, leeftijd en
regio"), topic BevolkingOp1Januari_1, with the totals of the other dimensions. The query asks
only the municipalities and years wanted; rows of sub-groups (one sex, one age group) are left
out by their dimension codes. Offline, a StatLine CSV download of the same table is read by
published_files.py.

No internet here: the tests serve a small recorded response in the documented OData format from
a local HTTP server and point the client at it (`catalog` and `https`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from samenwerkingsmonitor.errors import InputRefused
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.measurements.published import PublishedValue

CATALOG = "opendata.cbs.nl"
FEED = "ODataFeed/odata"


@dataclass(frozen=True, slots=True)
class StatLineTopic:
    indicator: str
    unit: str
    table: str
    topic: str
    totals: Mapping[str, str] = field(default_factory=dict)  # dimension -> code of its total


INHABITANTS = StatLineTopic(
    indicator="inwoners", unit="aantal", table="03759ned", topic="BevolkingOp1Januari_1",
    totals={"Geslacht": "T001038", "Leeftijd": "10000", "BurgerlijkeStaat": "T001019"})


def _period(year: int) -> str:
    return f"{year}JJ00"


@dataclass(slots=True)
class StatLineSource:
    """`fetch cbs`: inhabitants from CBS StatLine (online) or a StatLine CSV (offline)."""

    catalog: str = CATALOG
    https: bool = True
    name: str = "cbs"
    topics: tuple[StatLineTopic, ...] = (INHABITANTS,)

    def fetch(self, codes: Sequence[str], years: Sequence[int],
              today: date) -> list[PublishedValue]:
        import cbsodata  # the client library, only when fetching
        import requests

        values: list[PublishedValue] = []
        for topic in self.topics:
            regions = " or ".join(f"RegioS eq '{code}'" for code in codes)
            periods = " or ".join(f"Perioden eq '{_period(year)}'" for year in years)
            query = f"({regions}) and ({periods})"
            old = (cbsodata.options.catalog_url, cbsodata.options.use_https)
            cbsodata.options.catalog_url, cbsodata.options.use_https = self.catalog, self.https
            try:
                data = cbsodata.download_data(topic.table, filters=query)
            except (requests.RequestException, KeyError, ValueError) as error:
                raise InputRefused(_(
                    "CBS StatLine gaf geen antwoord op de vraag naar tabel {table}: {reason}. "
                    "Zonder internet: download de tabel als CSV op opendata.cbs.nl en geef "
                    "het bestand met --from-file.").format(table=topic.table,
                                                           reason=str(error).splitlines()[0])
                ) from error
            finally:
                cbsodata.options.catalog_url, cbsodata.options.use_https = old
            values += self._values(topic, _rows(data), codes, years, today)
        return values

    def _values(self, topic: StatLineTopic, rows: list[dict[str, Any]], codes: Sequence[str],
                years: Sequence[int], today: date) -> list[PublishedValue]:
        wanted = {(code, _period(year)): year for code in codes for year in years}
        base = f"{'https' if self.https else 'http'}://{self.catalog}/{FEED}/{topic.table}"
        values = []
        for row in rows:
            if any(str(row.get(dim, code)).strip() != code for dim, code in topic.totals.items()):
                continue  # a sub-group (one sex, one age group), not the total
            code = str(row.get("RegioS", "")).strip()
            year = wanted.get((code, str(row.get("Perioden", "")).strip()))
            number = row.get(topic.topic)
            if year is None or number is None:
                continue
            url = (f"{base}/TypedDataSet?$filter=RegioS eq '{code}' and Perioden eq "
                   f"'{_period(year)}'&$select={topic.topic}")
            values.append(PublishedValue(
                subject=code, indicator=topic.indicator, year=year, kind="realisatie",
                value=float(number), unit=topic.unit, source_url=url,
                source_name=_("CBS StatLine, tabel {table}").format(table=topic.table),
                retrieved=today, reference_date=date(year, 1, 1)))
        return sorted(values, key=lambda v: (v.subject, v.year))

    def read_download(self, path: Path, names: Mapping[str, str], years: Sequence[int],
                      today: date, kind: str = "realisatie") -> list[PublishedValue]:
        """`kind` is ignored: inhabitants on 1 January are a fact, not a budget."""
        from samenwerkingsmonitor.adapters.measurements.published_files import read_statline_csv

        return read_statline_csv(path, names, years, today)


def _rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The data rows with their dimension codes (cbsodata names the data set TypedDataSet or
    UntypedDataSet, depending on its version and on `typed`)."""
    for name in ("TypedDataSet", "UntypedDataSet"):
        if name in data:
            return list(data[name])
    return []
