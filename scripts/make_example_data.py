"""Write the fictitious example measurements: src/samenwerkingsmonitor/example/metingen.csv.

Run from the project root:

    .venv/bin/python scripts/make_example_data.py            # rewrites the committed file
    .venv/bin/python scripts/make_example_data.py --output /tmp/metingen.csv

The output is deterministic: one seeded numpy Generator (SEED) adds small noise to hand-chosen
profiles, in a fixed order, and numbers are rounded before they are written. Running the script
twice gives the same bytes; tests/assessment/test_example_data.py checks that the committed
CSV is exactly what this script writes, so change the profiles here and regenerate, never edit
the CSV by hand.

Only the inhabitants of Heemstede and Bloemendaal on 1 January 2019 (CBS) are real; every other
value is made up and its `bron` starts with "Fictief voorbeeld:" (example/README.md). The
scenario shows every verdict per kind of subject, every data-quality label and every baseline
status (docs/example.md says where).
File format: the long format of docs/import.md (docs/import.md): UTF-8, commas, dot decimals.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass
from pathlib import Path

import numpy as np

SEED = 20201014  # the date of the Heemstede college letter that started it all
YEARS = range(2018, 2023)
BASELINE_YEAR = 2018
ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "src" / "samenwerkingsmonitor" / "example"
OUTPUT = EXAMPLE / "metingen.csv"
COOPERATION = "heemstede-bloemendaal"
LIGHT_COOPERATION = "omgevingswet-kennisdeling"
FICTITIOUS = "Fictief voorbeeld: "
REAL_INHABITANTS = {"GM0397": 27286, "GM0377": 23159}  # 1 January 2019, docs/domain.md
REAL_INHABITANTS_SOURCE = "CBS StatLine, bevolking op 1 januari 2019"
OVERHEAD_VARIANT = "lasten excl. mutaties reserves"
# Shared teams whose kwetsbaarheid indicators come from the example competence matrix
# (scripts/make_example_vulnerability.py), not from this file.
MATRIX_TEAMS = frozenset({"communicatie", "personeel-organisatie", "facilitaire-zaken",
                          "financiele-administratie", "handhaving-openbare-ruimte"})
HEADER = ("onderwerp", "indicator", "jaar", "soort", "waarde", "eenheid", "bron", "peildatum",
          "status", "variant", "vergelijkbaar", "toelichting")


@dataclass(frozen=True, slots=True)
class Row:
    onderwerp: str
    indicator: str
    jaar: int
    soort: str
    waarde: str
    eenheid: str
    bron: str
    peildatum: str = ""
    status: str = "definitief"
    variant: str = ""
    vergelijkbaar: str = "ja"
    toelichting: str = ""


def number(value: float, decimals: int = 0) -> str:
    """Dot notation, no thousands separator, a fixed number of decimals."""
    return str(int(round(value))) if decimals == 0 else f"{value:.{decimals}f}"


def cpi() -> dict[int, float]:
    """The price index of the organisation example, so team costs follow its inflation."""
    document = tomllib.loads((EXAMPLE / "organisatie.toml").read_text(encoding="utf-8"))
    series = next(s for s in document["reference_series"] if s["id"] == "cpi")
    return {int(year): float(value) for year, value in series["values"].items()}


# --- municipalities: Heemstede, Bloemendaal and the peer group (all values but two made up) ---


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str
    inhabitants_2019: int
    formatie_per_1000: tuple[float, ...]  # per year 2018-2022 (begroting)
    occupancy: float  # bezetting / formatie
    costs_per_inhabitant: float  # apparaatskosten 2018, grows ~3 % a year
    hiring_pct: tuple[float, ...]  # externe inhuur per year
    overhead_pct: tuple[float, ...]
    expenses_per_inhabitant: float  # totale lasten 2018


MUNICIPALITIES = (
    Municipality("GM0397", "Heemstede", 27286, (7.0, 7.1, 7.1, 7.6, 7.7), 0.93, 505,
                 (7.5, 8.2, 9.1, 9.6, 8.8), (11.2, 11.5, 11.6, 11.9, 12.4), 2650),
    Municipality("GM0377", "Bloemendaal", 23159, (5.5, 5.6, 5.7, 5.9, 6.1), 0.94, 560,
                 (11.8, 12.6, 15.8, 13.4, 12.1), (13.1, 12.8, 12.6, 12.3, 11.9), 2810),
    Municipality("GM0629", "Wassenaar", 26100, (0.20, 0.21, 0.21, 0.22, 0.22), 0.95, 590,
                 (6.2, 6.8, 7.1, 7.4, 7.9), (12.9, 13.2, 13.0, 13.4, 13.1), 2900),
    Municipality("GM0579", "Oegstgeest", 24800, (5.2, 5.3, 5.3, 5.4, 5.4), 0.92, 430,
                 (4.8, 5.5, 6.1, 6.6, 6.0), (9.8, 10.1, 10.3, 10.2, 10.6), 2350),
    Municipality("GM0626", "Voorschoten", 25500, (0.18, 0.18, 0.19, 0.19, 0.20), 0.95, 500,
                 (6.0, 6.4, 7.2, 6.9, 7.5), (12.2, 12.5, 12.1, 12.6, 12.8), 2500),
    Municipality("GM0384", "Diemen", 29300, (6.2, 6.3, 6.2, 6.4, 6.5), 0.91, 470,
                 (9.5, 10.4, 11.2, 12.0, 11.1), (10.9, 11.2, 11.0, 11.4, 11.6), 2550),
    Municipality("GM0451", "Uithoorn", 29600, (5.8, 5.9, 5.9, 6.0, 6.1), 0.92, 450,
                 (3.9, 4.4, 5.2, 5.8, 6.3), (9.1, 9.4, 9.7, 9.9, 10.2), 2450),
    Municipality("GM0383", "Castricum", 35400, (6.0, 6.0, 6.1, 6.2, 6.2), 0.93, 400,
                 (5.1, 5.6, 5.9, 6.4, 6.8), (8.7, 8.9, 9.2, 9.0, 9.4), 2300),
)

# Own staff sits in a werkorganisatie: their formatie and bezetting are not comparable.
WORK_ORGANISATION = {"GM0629", "GM0626"}
WORK_ORGANISATION_NOTE = ("Niet vergelijkbaar: het personeel zit in een werkorganisatie die voor "
                          "meer gemeenten werkt; de eigen formatie is daardoor bijna nul.")
# From 2021 Heemstede employs the ICT staff of the GR DIT (centre municipality) for both.
CENTRE_STAFF_YEARS = {2021, 2022}
CENTRE_STAFF_NOTE = ("Niet vergelijkbaar: vanaf 2021 is het personeel van Informatisering als "
                     "centrumgemeente van de GR DIT bij Heemstede in dienst en werkt het ook "
                     "voor Bloemendaal.")
# Published overhead % taken over directly (not computed): (code, year) -> note.
IMPORTED_OVERHEAD = {
    ("GM0377", 2018): "Lasten van taakveld 0.4 over 2018 zijn niet meer los te achterhalen; "
                      "het gepubliceerde percentage uit de jaarrekening is overgenomen.",
    **{("GM0383", year): "Alleen het gepubliceerde percentage is beschikbaar."
       for year in YEARS},
    ("GM0451", 2018): "Alleen het gepubliceerde percentage is beschikbaar.",
    ("GM0451", 2019): "Alleen het gepubliceerde percentage is beschikbaar.",
}
EXPENSES_VARIANT = {"GM0384": "lasten incl. mutaties reserves"}


def municipality_rows(rng: np.random.Generator) -> Iterator[Row]:
    for m in MUNICIPALITIES:
        inhabitants = _inhabitants(m, rng)
        for i, year in enumerate(YEARS):
            yield from _municipality_year(m, i, year, inhabitants[year], rng)


def _inhabitants(m: Municipality, rng: np.random.Generator) -> dict[int, int]:
    growth = rng.normal(0.004, 0.002)
    return {year: int(round(m.inhabitants_2019 * (1 + growth) ** (year - 2019)
                            + (0 if year == 2019 else rng.normal(0, 25))))
            for year in YEARS}


def _municipality_year(m: Municipality, i: int, year: int, inhabitants: int,
                       rng: np.random.Generator) -> Iterator[Row]:
    real = m.code in REAL_INHABITANTS and year == 2019
    source = REAL_INHABITANTS_SOURCE if real else f"{FICTITIOUS}inwonertal bij benadering"
    own = m.code in REAL_INHABITANTS
    accounts = f"{FICTITIOUS}jaarrekening {year} {m.name}, paragraaf bedrijfsvoering"
    budget = f"{FICTITIOUS}begroting {year} {m.name}, verplichte beleidsindicatoren"
    first_january = f"{year}-01-01"
    for kind in ("begroting", "realisatie"):
        yield Row(m.code, "inwoners", year, kind, number(inhabitants), "aantal", source,
                  first_january)
    formatie = m.formatie_per_1000[i] * inhabitants / 1000 * (1 + rng.normal(0, 0.003))
    bezetting = formatie * m.occupancy * (1 + rng.normal(0, 0.01))
    comparable, note = _staff_comparability(m.code, year)
    staff_status = "voorlopig" if own and year == 2022 else "definitief"
    # Formatie (1 January) is printed in both the begroting and the jaarrekening.
    yield Row(m.code, "formatie_fte", year, "begroting", number(formatie, 1), "fte", budget,
              first_january, vergelijkbaar=comparable, toelichting=note)
    yield Row(m.code, "formatie_fte", year, "realisatie", number(formatie, 1), "fte", accounts,
              first_january, vergelijkbaar=comparable, toelichting=note)
    yield Row(m.code, "bezetting_fte", year, "realisatie", number(bezetting, 1), "fte", accounts,
              status=staff_status, vergelijkbaar=comparable, toelichting=note)
    costs = m.costs_per_inhabitant * 1.03 ** i * inhabitants * (1 + rng.normal(0, 0.01))
    if own:
        planned = costs * (1 + rng.normal(-0.02, 0.01))
        yield Row(m.code, "apparaatskosten_eur", year, "begroting", number(planned), "eur",
                  budget)
    yield Row(m.code, "apparaatskosten_eur", year, "realisatie", number(costs), "eur", accounts)
    payroll = costs * 0.62
    hiring = payroll * m.hiring_pct[i] / (100 - m.hiring_pct[i])
    yield Row(m.code, "loonsom_eur", year, "realisatie", number(payroll), "eur", accounts)
    yield Row(m.code, "inhuur_eur", year, "realisatie", number(hiring), "eur", accounts)
    yield from _overhead_rows(m, i, year, inhabitants, accounts, rng)


def _staff_comparability(code: str, year: int) -> tuple[str, str]:
    if code in WORK_ORGANISATION:
        return "nee", WORK_ORGANISATION_NOTE
    if code == "GM0397" and year in CENTRE_STAFF_YEARS:
        return "nee", CENTRE_STAFF_NOTE
    return "ja", ""


def _overhead_rows(m: Municipality, i: int, year: int, inhabitants: int, accounts: str,
                   rng: np.random.Generator) -> Iterator[Row]:
    expenses = m.expenses_per_inhabitant * 1.035 ** i * inhabitants * (1 + rng.normal(0, 0.01))
    variant = EXPENSES_VARIANT.get(m.code, OVERHEAD_VARIANT)
    yield Row(m.code, "lasten_totaal_eur", year, "realisatie", number(expenses), "eur", accounts,
              variant=variant)
    note = IMPORTED_OVERHEAD.get((m.code, year))
    if note is not None:
        published = f"{FICTITIOUS}gepubliceerde beleidsindicator overhead {year}, {m.name}"
        yield Row(m.code, "overhead_pct", year, "realisatie", number(m.overhead_pct[i], 1), "pct",
                  published, variant=variant, toelichting=note)
        return
    overhead = expenses * m.overhead_pct[i] / 100
    yield Row(m.code, "lasten_overhead_eur", year, "realisatie", number(overhead), "eur",
              accounts, variant="taakveld 0.4 Overhead")


# --- the shared teams of heemstede-bloemendaal (all values made up) ------------------------


@dataclass(frozen=True, slots=True)
class Team:
    slug: str
    years: range
    formatie: float  # fte on 1 January 2018
    occupancy: tuple[float, ...]  # bezetting / formatie per year
    costs: float  # lasten 2018 in euro
    real_growth: float  # yearly growth of the costs above the price index
    timeliness: tuple[float, float]  # % in 2018 and the change per year
    absence: float  # ziekteverzuim %
    single_person_tasks: tuple[int, ...]
    substitutable_pct: tuple[float, ...]
    quality: tuple[str, ...]  # score 1-5 of the external assessor
    satisfaction: tuple[str, ...]  # report mark 1-10 of internal clients ("" = missing)
    separation_plan: tuple[str, ...]  # ja/nee
    separation_costs: float  # estimated once-only cost of undoing, euro


TEAMS = (
    Team("communicatie", YEARS, 9.0, (0.96, 0.95, 0.97, 0.94, 0.96), 985_000, -0.006,
         (80.0, 2.0), 4.4, (1, 1, 0, 0, 0), (84, 86, 91, 92, 93), ("3", "3", "4", "4", "4"),
         ("7", "7", "8", "8", "8"), ("nee", "nee", "nee", "ja", "ja"), 180_000),
    Team("personeel-organisatie", YEARS, 12.5, (0.78, 0.86, 0.87, 0.88, 0.91), 1_450_000,
         0.026, (88.0, -1.2), 6.2, (4, 3, 3, 2, 2), (68, 72, 77, 79, 81),
         ("2", "3", "3", "3", "4"), ("6", "7", "7", "7", "7"), ("nee",) * 5, 650_000),
    Team("facilitaire-zaken", YEARS, 14.0, (0.97, 0.98, 0.96, 0.97, 0.99), 1_900_000,
         -0.012, (91.0, 0.5), 7.4, (0, 0, 0, 0, 1), (92, 93, 93, 94, 90),
         ("4", "4", "4", "5", "4"), ("8", "8", "", "8", "9"), ("ja",) * 5, 250_000),
    Team("financiele-administratie", YEARS, 11.0, (1.03, 1.02, 1.04, 1.01, 1.03),
         1_300_000, 0.015, (85.0, 1.5), 5.2, (2, 2, 2, 2, 1), (80, 79, 81, 83, 84),
         ("3", "3", "3", "2", "3"), ("7", "6", "7", "7", "7"), ("nee", "nee", "nee", "nee", "ja"),
         900_000),
    Team("handhaving-openbare-ruimte", YEARS, 16.0, (0.93, 0.92, 0.94, 0.95, 0.93),
         1_350_000, 0.004, (76.0, 1.0), 6.8, (1, 1, 1, 1, 1), (88, 88, 89, 90, 91),
         ("3", "4", "4", "4", "4"), ("7", "7", "7", "8", "8"), ("ja",) * 5, 200_000),
    Team("informatisering", range(2018, 2021), 18.0, (0.87, 0.88, 0.89), 2_900_000, 0.04,
         (75.0, 3.0), 6.0, (3, 3, 2), (74, 76, 78), ("3", "3", "3"), ("6", "6", "7"),
         ("nee", "nee", "ja"), 1_600_000),
)

# 2018 team costs were only reconstructed afterwards for these teams; missing for one.
RECONSTRUCTED_COSTS = {"personeel-organisatie", "informatisering"}
MISSING_BASELINE_COSTS = "financiele-administratie"
RECONSTRUCTED_COSTS_NOTE = ("Nulmeting achteraf (2021) gereconstrueerd uit het grootboek; in 2018 "
                            "werden de lasten niet per team bijgehouden.")
# Ziekteverzuim 2019 of P&O was lost in the switch to a new HR system and rebuilt later.
RECONSTRUCTED_ABSENCE = ("personeel-organisatie", 2019)
PROVISIONAL_YEAR = 2022


def team_rows(rng: np.random.Generator, index: dict[int, float]) -> Iterator[Row]:
    for team in TEAMS:
        subject = f"{COOPERATION}/{team.slug}"
        formatie = team.formatie
        for i, year in enumerate(team.years):
            formatie = round(formatie * (1 + rng.normal(0.005, 0.01)), 1)
            yield from _team_staff(team, subject, i, year, formatie, rng)
            yield from _team_costs(team, subject, i, year, index, rng)
            yield from _team_quality(team, subject, i, year, rng)
            yield from _team_vulnerability(team, subject, i, year, rng)


def _team_staff(team: Team, subject: str, i: int, year: int, formatie: float,
                rng: np.random.Generator) -> Iterator[Row]:
    bezetting = formatie * team.occupancy[i] + rng.normal(0, 0.05)
    yield Row(subject, "formatie_fte", year, "realisatie", number(formatie, 1), "fte",
              f"{FICTITIOUS}formatieplan {year}", f"{year}-01-01")
    yield Row(subject, "bezetting_fte", year, "realisatie", number(bezetting, 1), "fte",
              f"{FICTITIOUS}personeelssysteem, gemiddelde bezetting {year}")


def _team_costs(team: Team, subject: str, i: int, year: int, index: dict[int, float],
                rng: np.random.Generator) -> Iterator[Row]:
    prices = index[year] / index[BASELINE_YEAR]
    actual = team.costs * prices * (1 + team.real_growth) ** i * (1 + rng.normal(0, 0.004))
    planned = actual * (1 + rng.normal(-0.015, 0.01))
    yield Row(subject, "lasten_eur", year, "begroting", number(planned, 0), "eur",
              f"{FICTITIOUS}begroting {year}, teambudget")
    source = f"{FICTITIOUS}financiële administratie, teamrapportage {year}"
    if year == BASELINE_YEAR and team.slug == MISSING_BASELINE_COSTS:
        return  # the gap: no nulmeting of these costs
    if year == BASELINE_YEAR and team.slug in RECONSTRUCTED_COSTS:
        yield Row(subject, "lasten_eur", year, "realisatie", number(actual, 0), "eur", source,
                  status="reconstructie", toelichting=RECONSTRUCTED_COSTS_NOTE)
        return
    yield Row(subject, "lasten_eur", year, "realisatie", number(actual, 0), "eur", source)


def _team_quality(team: Team, subject: str, i: int, year: int,
                  rng: np.random.Generator) -> Iterator[Row]:
    start, step = team.timeliness
    timeliness = min(99.5, start + step * i + rng.normal(0, 0.3))
    status = "voorlopig" if year == PROVISIONAL_YEAR else "definitief"
    reconstructed = year == BASELINE_YEAR
    yield Row(subject, "tijdigheid_pct", year, "realisatie", number(timeliness, 1), "pct",
              f"{FICTITIOUS}zaaksysteem {year}", status=status,
              variant="afhandeltermijnen volgens de dienstverleningsafspraken")
    if team.satisfaction[i]:
        yield Row(subject, "klanttevredenheid_score", year, "realisatie", team.satisfaction[i],
                  "score_1_10", f"{FICTITIOUS}enquête interne klanten {year}")
    yield Row(subject, "kwaliteit_oordeel", year, "realisatie", team.quality[i], "score_1_5",
              f"{FICTITIOUS}rapport externe beoordelaar 2021, oordeel over {year}",
              status="reconstructie" if reconstructed else status,
              toelichting=("Oordeel over 2018 achteraf gegeven op basis van dossieronderzoek."
                           if reconstructed else ""))


def _team_vulnerability(team: Team, subject: str, i: int, year: int,
                        rng: np.random.Generator) -> Iterator[Row]:
    absence = max(0.5, team.absence + rng.normal(0, 0.25))
    rebuilt = (team.slug, year) == RECONSTRUCTED_ABSENCE
    yield Row(subject, "ziekteverzuim_pct", year, "realisatie", number(absence, 1), "pct",
              f"{FICTITIOUS}verzuimregistratie {year}",
              status="reconstructie" if rebuilt else "definitief",
              toelichting=("Registratie ging verloren bij de overgang naar een nieuw "
                           "HR-systeem; achteraf gereconstrueerd uit de salarisadministratie."
                           if rebuilt else ""))
    if team.slug not in MATRIX_TEAMS:  # the others: computed from example/competenties.csv
        matrix = f"{FICTITIOUS}competentiematrix {year} (gepseudonimiseerd)"
        yield Row(subject, "eenmansfuncties_aantal", year, "realisatie",
                  str(team.single_person_tasks[i]), "aantal", matrix)
        yield Row(subject, "vervangbaarheid_pct", year, "realisatie",
                  number(team.substitutable_pct[i], 1), "pct", matrix)
    yield Row(subject, "ontvlechtingsplan_aanwezig", year, "realisatie",
              team.separation_plan[i], "ja_nee", f"{FICTITIOUS}samenwerkingsovereenkomst en "
              f"bijlagen, stand {year}")
    estimate = team.separation_costs * (1 + rng.normal(0.02, 0.03)) ** i
    yield Row(subject, "ontvlechtingskosten_eur", year, "realisatie",
              str(int(round(estimate, -3))), "eur",
              f"{FICTITIOUS}raming van de controller {year}", status="schatting",
              toelichting="Grove raming van frictiekosten, systemen en contracten.")


# --- the cooperations (all values made up) -------------------------------------------------

# indicator -> (unit, source, values 2018-2022); "" means no value that year.
COOPERATION_VALUES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "evaluatiebepaling_aanwezig": ("ja_nee", "samenwerkingsovereenkomst 2013, artikel 12",
                                   ("ja",) * 5),
    "uittredingsbepaling_aanwezig": ("ja_nee", "samenwerkingsovereenkomst 2013, artikel 14",
                                     ("ja",) * 5),
    "zienswijze_raad_gevraagd": ("ja_nee", "raadsvoorstellen en -besluiten van het jaar",
                                 ("nee", "nee", "nee", "nee", "ja")),
    "sturing_oordeel": ("score_1_5", "rapport externe beoordelaar", ("2", "3", "3", "4", "")),
    # tussentijdse_evaluatie_tijdig, begeleidingsgroep_ingesteld and raadsinformatiebrieven_aantal
    # are counted from the process facts of organisatie.toml (ADR 0020), never imported.
    "partnertevredenheid_score": ("score_1_5", "interviews externe beoordelaar",
                                  ("3", "3", "4", "4", "4")),
    "verdeelsleutel_vastgesteld": ("ja_nee", "collegebesluiten verdeelsleutel",
                                   ("nee", "ja", "ja", "ja", "ja")),
}
LIGHT_CHECK_VALUES: dict[str, tuple[str, ...]] = {  # 2019-2022: the cooperation starts in 2019
    "lt_doel_vastgelegd": ("ja", "ja", "ja", "ja"),
    "lt_resultaat_gedeeld": ("nee", "ja", "ja", "ja"),
    "lt_inzet_bekend": ("nee", "nee", "ja", "ja"),
    "lt_evaluatie_afgesproken": ("nee", "ja", "ja", "ja"),
    "lt_voortzetten": ("ja", "ja", "ja", ""),
}
# (subject, indicator, year) -> (status, toelichting) where it is not (definitief, "").
NOTES = {
    (COOPERATION, "partnertevredenheid_score", 2018): (
        "reconstructie", "Oordeel over 2018 achteraf gereconstrueerd uit interviews in 2021."),
    (LIGHT_COOPERATION, "lt_inzet_bekend", 2021): (
        "schatting", "Uren geschat door de projectleider."),
}


def cooperation_rows() -> Iterator[Row]:
    series = [(COOPERATION, indicator, unit, source, YEARS, values)
              for indicator, (unit, source, values) in COOPERATION_VALUES.items()]
    series += [(LIGHT_COOPERATION, indicator, "ja_nee", "navraag bij de partners",
                range(2019, 2023), values) for indicator, values in LIGHT_CHECK_VALUES.items()]
    for subject, indicator, unit, source, years, values in series:
        for year, value in zip(years, values, strict=True):
            if value:  # "" is a deliberate gap
                status, note = NOTES.get((subject, indicator, year), ("definitief", ""))
                yield Row(subject, indicator, year, "realisatie", value, unit,
                          f"{FICTITIOUS}{source} {year}", status=status, toelichting=note)


# --- output ---------------------------------------------------------------------------------


def example_rows(seed: int = SEED) -> list[Row]:
    """All rows, in a fixed order; the one Generator is used in that same order."""
    rng = np.random.default_rng(seed)
    parts: list[Callable[[], Iterator[Row]]] = [
        lambda: municipality_rows(rng), lambda: team_rows(rng, cpi()), cooperation_rows,
    ]
    return [row for part in parts for row in part()]


def csv_text(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(astuple(row) for row in rows)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="CSV file to write")
    args = parser.parse_args(argv)
    rows = example_rows()
    args.output.write_bytes(csv_text(rows).encode("utf-8"))
    print(f"{len(rows)} rijen geschreven naar {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
