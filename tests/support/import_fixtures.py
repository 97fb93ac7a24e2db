"""A small organisation and framework, built from the domain dataclasses, for import tests.

Heemstede (GM0397) and Bloemendaal (GM0377), a team that exists since 2018, a team that was
dissolved after 2018, and their cooperation with one shared team. The framework covers
2018-2022 with one indicator of each flavour the import must handle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from samenwerkingsmonitor.domain.framework import (
    Adoption,
    AdoptionStatus,
    Criterion,
    Framework,
    Indicator,
    IndicatorKind,
)
from samenwerkingsmonitor.domain.organisation import (
    Area,
    Cooperation,
    CooperationForm,
    LegalForm,
    Municipality,
    Organisation,
    OrganisationalModel,
    Partner,
    SubjectKind,
    Unit,
)
from samenwerkingsmonitor.domain.periods import Validity
from samenwerkingsmonitor.services.intake.tables import RawTable

FILE = "metingen.csv"
MUNICIPALITY = SubjectKind.MUNICIPALITY
TEAM = SubjectKind.TEAM
COOPERATION = SubjectKind.COOPERATION


def organisation() -> Organisation:
    since_2013 = Validity(2013)
    shared = Unit("heemstede-bloemendaal", "communicatie", "Communicatie", Area.OPERATIONS,
                  since_2013, members=("GM0397/communicatie", "GM0377/communicatie"))
    cooperation = Cooperation(
        slug="heemstede-bloemendaal", name="Heemstede-Bloemendaal", level=2,
        partners=(Partner("GM0397", since_2013), Partner("GM0377", since_2013)),
        forms=(CooperationForm(since_2013, OrganisationalModel.VERVLOCHTEN_TEAMS,
                               LegalForm.PRIVATE_LAW),),
        shared_units=(shared,), validity=since_2013,
    )
    return Organisation(
        version="2024.1", title="Testorganisatie",
        municipalities=(Municipality("GM0397", "Heemstede"), Municipality("GM0377", "Bloemendaal")),
        units=(
            Unit("GM0397", "communicatie", "Communicatie", Area.OPERATIONS, Validity(2018)),
            Unit("GM0397", "archief", "Archief", Area.OPERATIONS, Validity(2015, 2018)),
        ),
        cooperations=(cooperation,), fictitious=True,
    )


def _indicator(id_: str, unit: str, applies_to: tuple[SubjectKind, ...], *,
               kind: IndicatorKind = IndicatorKind.INPUT, minimum: float | None = None,
               maximum: float | None = None, formula: str | None = None) -> Indicator:
    return Indicator(id=id_, name=id_.replace("_", " "), unit=unit, kind=kind,
                     criterion="kosten", formula=formula, applies_to=applies_to,
                     minimum=minimum, maximum=maximum)


def framework() -> Framework:
    return Framework(
        format_version=1, id="testkader", version="1", title="Testkader", source="test",
        adoption=Adoption(AdoptionStatus.CONCEPT), first_year=2018, last_year=2022,
        criteria=(Criterion("kosten", "Kosten"),),
        indicators=(
            _indicator("inwoners", "aantal", (MUNICIPALITY,), minimum=0),
            _indicator("formatie_fte", "fte", (MUNICIPALITY, TEAM), minimum=0),
            _indicator("lasten_eur", "eur", (TEAM,)),
            _indicator("inhuur_eur", "eur", (MUNICIPALITY,), minimum=0),
            _indicator("loonsom_eur", "eur", (MUNICIPALITY,), minimum=0),
            _indicator("externe_inhuur_pct", "pct", (MUNICIPALITY,), minimum=0, maximum=100,
                       kind=IndicatorKind.DERIVED,
                       formula="inhuur_eur / (loonsom_eur + inhuur_eur) * 100"),
            _indicator("vervanging_geregeld", "ja_nee", (TEAM,)),
            _indicator("tevredenheid_partners", "score_1_5", (COOPERATION,)),
        ),
        norms=(),
    )


HEADERS = ("onderwerp", "indicator", "jaar", "soort", "waarde", "eenheid", "bron")

BASE_ROW: Mapping[str, str] = {
    "onderwerp": "GM0397", "indicator": "formatie_fte", "jaar": "2019", "soort": "realisatie",
    "waarde": "190.5", "eenheid": "fte", "bron": "Jaarrekening 2019",
}


def row(**changes: str) -> dict[str, str]:
    """The base row with some cells changed; a new key adds a column."""
    return {**BASE_ROW, **changes}


def table(rows: Sequence[Mapping[str, str]], *, headers: Sequence[str] | None = None,
          decimal_comma: bool = False) -> RawTable:
    """A RawTable as a reader would give it: header in row 1, data from row 2."""
    if headers is None:
        extra = [key for r in rows for key in r if key not in HEADERS]
        headers = [*HEADERS, *dict.fromkeys(extra)]
    cells = [(number, tuple(r.get(h, "") for h in headers))
             for number, r in enumerate(rows, start=2)]
    return RawTable(file_name=FILE, sha256="0" * 64, headers=tuple(headers), rows=cells,
                    decimal_comma=decimal_comma)


def csv_text(rows: Sequence[Mapping[str, str]], delimiter: str = ",",
             headers: Sequence[str] = HEADERS) -> str:
    """A CSV file body (no quoting needed for the values used in the tests)."""
    lines = [delimiter.join(headers)]
    lines += [delimiter.join(r.get(h, "") for h in headers) for r in rows]
    return "\n".join(lines) + "\n"
