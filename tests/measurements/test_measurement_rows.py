"""Checking raw rows against the organisation and the framework: one worked case per refusal.

Every expected text is the exact Issue.describe() a user reads: file, row, column, message, hint.
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from samenwerkingsmonitor.domain.measurements import (
    Measurement,
    MeasurementKind,
    MeasurementStatus,
)
from samenwerkingsmonitor.services.intake.tables import RawTable
from samenwerkingsmonitor.services.measurements.rows import validate_rows
from support.import_fixtures import BASE_ROW, HEADERS, framework, organisation, row, table

ORG, FRAMEWORK = organisation(), framework()
HINT_SUBJECT = ("Registreer het onderwerp eerst in het organisatiebestand, of controleer de "
                "schrijfwijze (bijvoorbeeld GM0397 of GM0397/communicatie).")
HINT_DOT = ("Schrijf het getal zonder scheiding van duizendtallen en met een punt (bijvoorbeeld "
            "1234.5), of lever een bestand met puntkomma's als scheidingsteken, of importeer met "
            "--decimal comma.")
HINT_DUTCH = "Schrijf bijvoorbeeld 12,5 of 1.234,5, of importeer met --decimal point."
HINT_BOUNDS = "Controleer de waarde en de eenheid ('pct')."
KNOWN = ("onderwerp, indicator, jaar, soort, waarde, eenheid, bron, peildatum, status, variant, "
         "vergelijkbaar, toelichting")
AT = "metingen.csv, rij 2"


THIS_YEAR = 2021  # the storable years are 1990 to next year + 5: 1990-2027


def problems(raw: RawTable) -> list[str]:
    return [issue.describe()
            for issue in validate_rows(raw, ORG, FRAMEWORK, THIS_YEAR).report.issues]


REFUSALS = [
    ("unknown subject", [row(onderwerp="GM9999")],
     [f"{AT}, kolom 'onderwerp': Onbekend onderwerp 'GM9999'. {HINT_SUBJECT}"]),
    ("unknown subject, close to a known one", [row(onderwerp="gm0397")],
     [f"{AT}, kolom 'onderwerp': Onbekend onderwerp 'gm0397'. Bedoelde u 'GM0397'?"]),
    ("team not valid in that year", [row(onderwerp="GM0397/archief", jaar="2020")],
     [f"{AT}, kolom 'onderwerp': Onderwerp 'GM0397/archief' bestaat niet in 2020; het geldt in "
      "2015-2018. Controleer het jaar, of de geldigheid van het onderwerp in het "
      "organisatiebestand."]),
    ("unknown indicator", [row(indicator="bestaat_niet")],
     [f"{AT}, kolom 'indicator': Onbekende indicator 'bestaat_niet' in toetsingskader "
      "'testkader'. Gebruik een indicator uit het toetsingskader; 'samenwerkingsmonitor "
      "framework show testkader' toont ze."]),
    ("unknown indicator, close to a known one", [row(indicator="formatie")],
     [f"{AT}, kolom 'indicator': Onbekende indicator 'formatie' in toetsingskader 'testkader'. "
      "Bedoelde u 'formatie_fte'?"]),
    ("indicator not for this kind of subject",
     [row(onderwerp="GM0397/communicatie", indicator="inwoners", eenheid="aantal", waarde="5")],
     [f"{AT}, kolom 'indicator': Indicator 'inwoners' geldt niet voor een team, alleen voor: "
      "gemeente. Controleer het onderwerp en de indicator van deze rij."]),
    ("unit mismatch", [row(eenheid="eur")],
     [f"{AT}, kolom 'eenheid': Eenheid 'eur' past niet bij indicator 'formatie_fte', die in 'fte' "
      "is uitgedrukt. Gebruik eenheid 'fte' en reken de waarde zo nodig om."]),
    ("unknown unit with an unknown indicator", [row(indicator="iets_anders", eenheid="kg")],
     [f"{AT}, kolom 'indicator': Onbekende indicator 'iets_anders' in toetsingskader 'testkader'. "
      "Gebruik een indicator uit het toetsingskader; 'samenwerkingsmonitor framework show "
      "testkader' toont ze.",
      f"{AT}, kolom 'eenheid': Onbekende eenheid 'kg'. Bekende eenheden: aantal, fte, eur, pct, "
      "fte_per_1000, eur_per_inwoner, score_1_5, score_1_10, ja_nee, dagen, uren, index, jaren."]),
    ("text in a number column", [row(waarde="twaalf")],
     [f"{AT}, kolom 'waarde': Waarde 'twaalf' is geen getal. Vul een getal in, bijvoorbeeld "
      "1234.5, of laat de rij weg als de waarde ontbreekt."]),
    ("value not on the indicator's scale",
     [row(onderwerp="GM0397/communicatie", indicator="vervanging_geregeld", eenheid="ja_nee",
          waarde="misschien")],
     [f"{AT}, kolom 'waarde': Waarde 'misschien' staat niet op de schaal 'ja_nee' (ja, nee). "
      "Kies een van deze waarden."]),
    ("score outside its scale",
     [row(onderwerp="heemstede-bloemendaal", indicator="tevredenheid_partners",
          eenheid="score_1_5", waarde="6")],
     [f"{AT}, kolom 'waarde': Waarde '6' staat niet op de schaal 'score_1_5' (1, 2, 3, 4, 5). "
      "Kies een van deze waarden."]),
    ("duplicate row", [row(), row(waarde="191")],
     ["metingen.csv, rij 3: Dubbele rij: GM0397, formatie_fte, 2019, realisatie staat ook in "
      "rij 2. Houd één rij per onderwerp, indicator, jaar en soort over; een correctie "
      "importeert u later met --reason."]),
    ("year not an integer", [row(jaar="2019.0")],
     [f"{AT}, kolom 'jaar': Jaar '2019.0' is geen geheel getal. Schrijf het jaar als vier "
      "cijfers, bijvoorbeeld 2019."]),
    ("year before 1990", [row(jaar="1989")],
     [f"{AT}, kolom 'jaar': Jaar 1989 ligt buiten de jaren die kunnen worden opgeslagen "
      "(1990-2027). Controleer het jaar: metingen gaan van 1990 tot en met vijf jaar na "
      "volgend jaar."]),
    ("year after next year + 5", [row(jaar="2028")],
     [f"{AT}, kolom 'jaar': Jaar 2028 ligt buiten de jaren die kunnen worden opgeslagen "
      "(1990-2027). Controleer het jaar: metingen gaan van 1990 tot en met vijf jaar na "
      "volgend jaar."]),
    ("unknown soort", [row(soort="jaarrekening")],
     [f"{AT}, kolom 'soort': Onbekende soort 'jaarrekening'. Kies begroting, "
      "begroting_na_wijziging, realisatie of prognose (een jaarrekening is realisatie)."]),
    ("unknown status", [row(status="concept")],
     [f"{AT}, kolom 'status': Onbekende status 'concept'. Kies definitief (standaard), "
      "voorlopig, reconstructie, schatting of gepubliceerd."]),
    ("unknown vergelijkbaar", [row(vergelijkbaar="soms")],
     [f"{AT}, kolom 'vergelijkbaar': Vergelijkbaar 'soms' is geen ja of nee. Vul ja (standaard) "
      "of nee in; bij nee de reden in de kolom toelichting."]),
    ("not comparable without a note", [row(vergelijkbaar="nee", toelichting="")],
     [f"{AT}, kolom 'toelichting': Vergelijkbaar is 'nee', maar de toelichting is leeg. Leg in "
      "de kolom toelichting uit waarom de waarde niet vergelijkbaar is, bijvoorbeeld: het "
      "personeel zit in een gezamenlijke organisatie."]),
    ("not comparable, and no note column at all", [row(vergelijkbaar="nee")],
     [f"{AT}, kolom 'toelichting': Vergelijkbaar is 'nee', maar de toelichting is leeg. Leg in "
      "de kolom toelichting uit waarom de waarde niet vergelijkbaar is, bijvoorbeeld: het "
      "personeel zit in een gezamenlijke organisatie."]),
    ("Dutch notation in a dot file", [row(waarde="1.234,5")],
     [f"{AT}, kolom 'waarde': Waarde '1.234,5' bevat een komma, maar in dit bestand is de punt "
      f"het decimaalteken. {HINT_DOT}"]),
    ("decimal comma in a dot file", [row(waarde="12,5")],
     [f"{AT}, kolom 'waarde': Waarde '12,5' bevat een komma, maar in dit bestand is de punt het "
      f"decimaalteken. {HINT_DOT}"]),
    ("value below the minimum", [row(indicator="externe_inhuur_pct", eenheid="pct",
                                     waarde="-0.5")],
     [f"{AT}, kolom 'waarde': Waarde -0.5 is lager dan het minimum 0 van indicator "
      f"'externe_inhuur_pct'. {HINT_BOUNDS}"]),
    ("value above the maximum", [row(indicator="externe_inhuur_pct", eenheid="pct",
                                     waarde="100.01")],
     [f"{AT}, kolom 'waarde': Waarde 100.01 is hoger dan het maximum 100 van indicator "
      f"'externe_inhuur_pct'. {HINT_BOUNDS}"]),
    ("peildatum not a date", [row(peildatum="31/12/2019")],
     [f"{AT}, kolom 'peildatum': Peildatum '31/12/2019' is geen datum. Schrijf de datum als "
      "JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld 2019-01-01 of 01-01-2019."]),
    ("peildatum that does not exist", [row(peildatum="2019-02-30")],
     [f"{AT}, kolom 'peildatum': Peildatum '2019-02-30' is geen datum. Schrijf de datum als "
      "JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld 2019-01-01 of 01-01-2019."]),
    ("missing bron", [row(bron="  ")],
     [f"{AT}, kolom 'bron': Deze verplichte cel is leeg. Noem het document, het systeem of de "
      "URL waar de waarde vandaan komt."]),
    ("missing waarde", [row(waarde="")],
     [f"{AT}, kolom 'waarde': Deze verplichte cel is leeg. Vul de waarde in, of laat de rij weg "
      "als de waarde ontbreekt."]),
    ("unknown extra column", [row(opmerking="x")],
     [f"metingen.csv, rij 1, kolom 'opmerking': Onbekende kolom 'opmerking'. Bekende kolommen: "
      f"{KNOWN} (of hun Engelse namen). Verwijder de kolom of geef haar een van deze namen."]),
    ("cell beyond the header", [{**BASE_ROW, "": "x"}],
     [f"{AT}: Waarde 'x' staat in kolom 8, die geen naam heeft. Geef de kolom een naam "
      f"({KNOWN}) of verwijder de waarde."]),
]


@pytest.mark.parametrize(("rows", "expected"), [case[1:] for case in REFUSALS],
                         ids=[case[0] for case in REFUSALS])
def test_each_refusal_is_located_and_explained(rows: list[dict[str, str]],
                                               expected: list[str]) -> None:
    assert problems(table(rows)) == expected


@pytest.mark.parametrize(("headers", "expected"), [
    (tuple(h for h in HEADERS if h != "bron"),
     ["metingen.csv, rij 1: Verplichte kolom 'bron' ontbreekt. Gevonden kolommen: onderwerp, "
      "indicator, jaar, soort, waarde, eenheid. Scheid kolommen met een komma of een "
      "puntkomma."]),
    ((*HEADERS, "Value"),
     ["metingen.csv, rij 1, kolom 'Value': Kolom 'Value' komt twee keer voor (ook als 'waarde'). "
      "Houd één van beide kolommen over."]),
])
def test_header_refusals(headers: tuple[str, ...], expected: list[str]) -> None:
    assert problems(table([row()], headers=headers)) == expected


def test_a_tab_separated_file_shows_as_one_unknown_column() -> None:
    header = "onderwerp\tindicator\tjaar"
    raw = RawTable("metingen.csv", "0" * 64, (header,), [(2, ("GM0397\tformatie_fte\t2019",))],
                   False)
    assert problems(raw) == (
        [f"metingen.csv, rij 1, kolom '{header}': Onbekende kolom '{header}'. Bekende kolommen: "
         f"{KNOWN} (of hun Engelse namen). Verwijder de kolom of geef haar een van deze namen."]
        + [f"metingen.csv, rij 1: Verplichte kolom '{name}' ontbreekt. Gevonden kolommen: "
           f"{header}. Scheid kolommen met een komma of een puntkomma." for name in HEADERS])


@pytest.mark.parametrize(("raw", "expected"), [
    (RawTable("metingen.csv", "0" * 64, (), [], False),
     [f"metingen.csv: Het bestand is leeg. Zet in de eerste regel de kolomnamen ({KNOWN}) en "
      "daaronder één rij per waarde."]),
    (RawTable("metingen.csv", "0" * 64, HEADERS, [], False),
     ["metingen.csv: Het bestand bevat alleen een kopregel en geen rijen met waarden. Zet onder "
      "de kopregel één rij per waarde."]),
    (RawTable("metingen.csv", "0" * 64, HEADERS, [(2, ("",) * 7), (3, (" ",) * 3)], False),
     ["metingen.csv: Het bestand bevat alleen een kopregel en geen rijen met waarden. Zet onder "
      "de kopregel één rij per waarde."]),
], ids=["empty file", "header only", "header and blank rows"])
def test_a_file_without_rows_is_refused(raw: RawTable, expected: list[str]) -> None:
    assert problems(raw) == expected


def test_all_problems_of_all_rows_at_once() -> None:
    rows = [row(onderwerp="GM9999", waarde="twaalf", bron=""), row(), row(jaar="1899")]
    assert [p.split(":")[0] for p in problems(table(rows))] == [
        "metingen.csv, rij 2, kolom 'onderwerp'",
        "metingen.csv, rij 2, kolom 'waarde'",
        "metingen.csv, rij 2, kolom 'bron'",
        "metingen.csv, rij 4, kolom 'jaar'",
    ]


@pytest.mark.parametrize(("text", "decimal_comma", "value"), [
    ("190.5", False, 190.5),
    ("1.234", False, 1.234),  # in a dot file the dot is the decimal point, always
    ("-3", False, -3.0),
    (".5", False, 0.5),
    ("1234", False, 1234.0),
    ("1.234,5", True, 1234.5),
    ("1.234", True, 1234.0),  # in Dutch notation the dot separates thousands
    ("12,5", True, 12.5),
    ("1.234.567,25", True, 1234567.25),
    ("-0,5", True, -0.5),
    ("1234,5", True, 1234.5),
])
def test_number_notation(text: str, decimal_comma: bool, value: float) -> None:
    costs = row(onderwerp="GM0397/communicatie", indicator="lasten_eur", eenheid="eur",
                waarde=text)  # an indicator without bounds
    checked = validate_rows(table([costs], decimal_comma=decimal_comma), ORG, FRAMEWORK)
    assert checked.report.ok
    assert checked.rows[0].measurement.value == value


@pytest.mark.parametrize("text", ["12.5", "1.23", "1.2345,6", "1,234.5"])
def test_a_dot_that_is_not_a_thousands_separator_is_refused_in_dutch_notation(text: str) -> None:
    assert problems(table([row(waarde=text)], decimal_comma=True)) == [
        f"{AT}, kolom 'waarde': Waarde '{text}' past niet bij de Nederlandse notatie van dit "
        f"bestand (komma als decimaalteken, punt tussen duizendtallen). {HINT_DUTCH}"]


def test_a_full_row_becomes_a_measurement() -> None:
    full = row(onderwerp=" GM0397 ", soort="Realisatie", peildatum="01-01-2019",
               status="reconstructie", variant="excl. griffie", vergelijkbaar="NEE",
               toelichting="personeel zit in de samenwerking")
    checked = validate_rows(table([full]), ORG, FRAMEWORK)
    assert checked.report.ok
    assert checked.rows[0].row == 2
    assert checked.rows[0].measurement == Measurement(
        subject="GM0397", indicator="formatie_fte", year=2019, kind=MeasurementKind.ACTUAL,
        unit="fte", source="Jaarrekening 2019", value=190.5, reference_date=date(2019, 1, 1),
        status=MeasurementStatus.RECONSTRUCTED, variant="excl. griffie", comparable=False,
        note="personeel zit in de samenwerking")


@pytest.mark.parametrize(("changes", "expected"), [
    ({"indicator": "externe_inhuur_pct", "eenheid": "pct", "waarde": "8.2"},
     {"value": 8.2}),  # a derived indicator may be imported directly (a published BBV value)
    ({"onderwerp": "GM0397/communicatie", "indicator": "vervanging_geregeld",
      "eenheid": "JA_NEE", "waarde": "Ja"}, {"value": None, "scale_value": "ja", "unit": "ja_nee"}),
    ({"onderwerp": "heemstede-bloemendaal", "indicator": "tevredenheid_partners",
      "eenheid": "score_1_5", "waarde": "4"}, {"value": None, "scale_value": "4"}),
    ({"peildatum": "2019-12-31"}, {"reference_date": date(2019, 12, 31)}),
    ({"status": ""}, {"status": MeasurementStatus.FINAL, "comparable": True}),
    ({"onderwerp": "GM0397/archief", "jaar": "2018"}, {"subject": "GM0397/archief"}),
    # History without a framework (ADR 0024): the framework covers 2018-2022, yet any year from
    # 1990 to next year + 5 is stored; the framework's period only bounds the assessment.
    ({"jaar": "2017"}, {"year": 2017}),
    ({"jaar": "1990"}, {"year": 1990}),
    ({"jaar": "2027", "soort": "begroting"}, {"year": 2027}),
    # A pre-cooperation baseline: the cooperation and its shared team begin in 2013.
    ({"onderwerp": "heemstede-bloemendaal/communicatie", "indicator": "lasten_eur",
      "eenheid": "eur", "jaar": "2012", "status": "reconstructie"},
     {"subject": "heemstede-bloemendaal/communicatie", "year": 2012}),
    ({"onderwerp": "GM0397/archief", "jaar": "2014"}, {"year": 2014}),
])
def test_accepted_rows(changes: dict[str, str], expected: dict[str, object]) -> None:
    checked = validate_rows(table([row(**changes)]), ORG, FRAMEWORK, THIS_YEAR)
    assert checked.report.ok, problems(table([row(**changes)]))
    measurement = checked.rows[0].measurement
    assert {name: getattr(measurement, name) for name in expected} == expected


def test_english_headers_any_case_and_spaces() -> None:
    english = (" Subject", "INDICATOR", "year ", "Kind", "value", "unit", "source", "Note",
               "comparable", "reference_date")
    raw = RawTable("metingen.csv", "0" * 64, english,
                   [(2, ("GM0397", "formatie_fte", "2019", "begroting", "180", "fte", "Begroting",
                         "geen", "ja", "2019-01-01"))], False)
    checked = validate_rows(raw, ORG, FRAMEWORK)
    assert checked.report.ok
    assert checked.rows[0].measurement.note == "geen"
    problem = validate_rows(RawTable("m.csv", "0" * 64, english,
                                     [(2, ("GM0397", "formatie_fte", "2019", "begroting", "x",
                                           "fte", "B", "", "", ""))], False), ORG, FRAMEWORK)
    assert problem.report.issues[0].location.column == "value"  # the header as written


def _valid_rows() -> list[dict[str, str]]:
    rows = []
    for subject, indicator, unit in [("GM0397", "formatie_fte", "fte"),
                                     ("GM0377", "inwoners", "aantal"),
                                     ("GM0397/communicatie", "lasten_eur", "eur")]:
        for year in range(2018, 2023):
            for kind in ("begroting", "realisatie"):
                rows.append(row(onderwerp=subject, indicator=indicator, eenheid=unit,
                                jaar=str(year), soort=kind, waarde=str(year - 2000 + len(kind))))
    return rows


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False))
def test_the_validated_set_does_not_depend_on_row_order(rng: random.Random) -> None:
    rows = _valid_rows()
    shuffled = rows[:]
    rng.shuffle(shuffled)
    first = validate_rows(table(rows), ORG, FRAMEWORK)
    second = validate_rows(table(shuffled), ORG, FRAMEWORK)
    assert first.report.ok and second.report.ok
    assert {r.measurement for r in first.rows} == {r.measurement for r in second.rows}
    assert len(second.rows) == len(rows)


def test_template_rows_left_empty_are_skipped_and_counted() -> None:
    empty = row(jaar="2020", waarde="", bron="")
    checked = validate_rows(table([row(), empty]), organisation(), framework())
    assert checked.report.ok
    assert [r.row for r in checked.rows] == [2]
    assert checked.unfilled == [3]


def test_a_row_with_a_source_but_no_value_is_still_refused() -> None:
    checked = validate_rows(table([row(waarde="")]), organisation(), framework())
    assert not checked.report.ok


def test_a_template_with_no_row_filled_in_is_refused() -> None:
    assert problems(table([row(waarde="", bron=""), row(jaar="2020", waarde="", bron="")])) == [
        "metingen.csv: Geen enkele rij is ingevuld: alle 2 rijen missen waarde en bron. "
        "Vul per rij de waarde en de bron in."]
