"""The checks on the cells of one measurement row (used by rows.py).

Each check adds a located issue with a hint and returns None on failure, so one row can report
several problems at once. Look-ups that repeat across rows (subjects, dates) are cached.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from operator import itemgetter

from samenwerkingsmonitor.domain.framework import SCALE_UNITS, UNITS, Framework, Indicator
from samenwerkingsmonitor.domain.measurements import Measurement, MeasurementKind, MeasurementStatus
from samenwerkingsmonitor.domain.organisation import Organisation, Subject, SubjectKind
from samenwerkingsmonitor.domain.periods import storable_years
from samenwerkingsmonitor.domain.process import (
    GUIDANCE_GROUP_SET_UP,
    INTERIM_EVALUATION_ON_TIME,
    PROCESS_INDICATORS,
)
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.intake.number_text import read_text_number
from samenwerkingsmonitor.services.intake.numbers import NumberParser, format_number
from samenwerkingsmonitor.services.intake.tables import CheckedTable
from samenwerkingsmonitor.services.intake.text_cells import FREE_TEXT_COLUMNS, SUSPECT, text_problem
from samenwerkingsmonitor.services.measurements.columns import COLUMNS

_INTEGER = re.compile(r"[+-]?[0-9]+")  # ASCII digits only: int() also reads other scripts
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_DUTCH_DATE = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})")
_YES_NO = {"ja": True, "nee": False}
_KINDS = {k.value: k for k in MeasurementKind}
_STATUSES = {s.value: s for s in MeasurementStatus}


def subject_kind_name(kind: SubjectKind) -> str:
    names = {SubjectKind.MUNICIPALITY: _("gemeente"), SubjectKind.TEAM: _("team"),
             SubjectKind.COOPERATION: _("samenwerking")}
    return names[kind]


def process_event_hint(indicator: str) -> str:
    """Where to record the events a process indicator is counted from."""
    if indicator == INTERIM_EVALUATION_ON_TIME:
        return _("Leg de geplande en de gehouden tussentijdse evaluatie vast met "
                 "'samenwerkingsmonitor process add evaluatie_gepland' en 'process add "
                 "evaluatie_gehouden', of in het organisatiebestand onder "
                 "[[process.evaluations]]; het oordeel volgt daaruit.")
    if indicator == GUIDANCE_GROUP_SET_UP:
        return _("Leg de instelling van de begeleidingsgroep vast met 'samenwerkingsmonitor "
                 "process add begeleidingsgroep_ingesteld', of in het organisatiebestand onder "
                 "[[process.guidance_groups]]; het oordeel volgt daaruit.")
    return _("Leg elke raadsinformatiebrief vast met 'samenwerkingsmonitor process add "
             "raadsinformatiebrief', of in het organisatiebestand onder "
             "[[process.council_documents]] (kind = \"brief\"); het aantal volgt daaruit.")


def required_hint(column: str) -> str:
    hints = {
        "onderwerp": _("Vul de code van de gemeente, het team of de samenwerking in, "
                       "bijvoorbeeld GM0397 of GM0397/communicatie."),
        "indicator": _("Vul de id van een indicator uit het toetsingskader in, "
                       "bijvoorbeeld formatie_fte."),
        "jaar": _("Vul het kalenderjaar in, bijvoorbeeld 2019."),
        "soort": _("Vul begroting, realisatie of prognose in."),
        "waarde": _("Vul de waarde in, of laat de rij weg als de waarde ontbreekt."),
        "eenheid": _("Vul de eenheid van de indicator in, bijvoorbeeld fte of eur."),
        "bron": _("Noem het document, het systeem of de URL waar de waarde vandaan komt."),
    }
    return hints[column]


class CellChecker:
    def __init__(self, checked: CheckedTable, positions: dict[str, int],
                 organisation: Organisation, framework: Framework,
                 this_year: int | None = None) -> None:
        self.checked = checked
        # Any year from 1990 to next year + 5 may be stored; the framework's period only bounds
        # what an assessment judges (ADR 0024).
        self.storable = storable_years(this_year if this_year is not None
                                       else date.today().year)
        self.positions = positions
        self.framework = framework
        self.subjects = organisation.subjects()
        self.indicators = {i.id: i for i in framework.indicators}
        self.numbers = NumberParser(checked.table.decimal_comma)
        self.first_rows: dict[tuple[str, str, int, str], int] = {}
        self.dates: dict[str, date | None] = {}
        self.hints: dict[tuple[str, str], str] = {}  # a misspelling tends to repeat
        self.width = len(checked.table.headers)
        # One C-level call picks every column's cell; a missing column reads the "" at the end.
        self.pick = itemgetter(*(positions.get(c.name, self.width) for c in COLUMNS))

    def problem(self, row: int, column: str | None, message: str, hint: str) -> None:
        self.checked.report.add(self.checked.location(row, column), message, hint)

    def required(self, row: int, column: str, text: str) -> str:
        if not text and column in self.positions:  # a missing column is reported once
            self.problem(row, column, _("Deze verplichte cel is leeg."), required_hint(column))
        return text

    def check(self, row: int, cells: tuple[str, ...]) -> Measurement | None:
        """The row's measurement, or None when any of its cells was refused."""
        if len(cells) != self.width:
            cells = (cells + ("",) * self.width)[:self.width]
        raw = self.pick(cells + ("",))  # in the order of COLUMNS
        if SUSPECT.search("".join(raw)) and self.characters(row, raw):
            return None  # the other checks would repeat the refused text
        (subject_text, indicator_text, year_text, kind_text, value_text, unit_text, source_text,
         date_text, status_text, variant, comparable_text, note) = [c.strip() for c in raw]
        before = len(self.checked.report)
        subject = self.subject(row, self.required(row, "onderwerp", subject_text))
        indicator = self.indicator(row, self.required(row, "indicator", indicator_text))
        year = self.year(row, self.required(row, "jaar", year_text))
        kind = self.choice(row, "soort", self.required(row, "soort", kind_text))
        self.subject_in_year(row, subject, year)
        self.applies(row, subject, indicator)
        unit = self.unit(row, self.required(row, "eenheid", unit_text), indicator)
        value, scale_value = self.value(row, self.required(row, "waarde", value_text), indicator,
                                        unit)
        source = self.required(row, "bron", source_text)
        reference_date = self.reference_date(row, date_text)
        status = self.choice(row, "status", status_text)
        comparable = self.comparable(row, comparable_text)
        if comparable is False and not note:
            self.problem(row, "toelichting",
                         _("Vergelijkbaar is 'nee', maar de toelichting is leeg."),
                         _("Leg in de kolom toelichting uit waarom de waarde niet vergelijkbaar "
                           "is, bijvoorbeeld: het personeel zit in een gezamenlijke "
                           "organisatie."))
        if subject and indicator and year is not None and kind is not None:
            self.duplicate(row, (subject.id, indicator.id, year, kind))
        if (len(self.checked.report) > before or subject is None or indicator is None
                or year is None or kind is None or unit is None or comparable is None):
            return None
        return Measurement(
            subject=subject.id, indicator=indicator.id, year=year,
            kind=MeasurementKind(kind), unit=unit, source=source, value=value,
            scale_value=scale_value, reference_date=reference_date,
            status=MeasurementStatus(status or MeasurementStatus.FINAL),
            variant=variant, comparable=comparable, note=note,
        )

    def characters(self, row: int, raw: tuple[str, ...]) -> bool:
        """Adds a problem for each cell with a character it may not hold (text_cells.py);
        True when there was one."""
        found = False
        for column, text in zip(COLUMNS, raw, strict=True):
            problem = text_problem(text, column.name in FREE_TEXT_COLUMNS)
            if problem is not None and column.name in self.positions:
                self.problem(row, column.name, *problem)
                found = True
        return found

    def subject(self, row: int, text: str) -> Subject | None:
        if not text:
            return None
        subject = self.subjects.get(text)
        if subject is None:
            hint = self.hints.get(("onderwerp", text)) or self._subject_hint(text)
            self.hints["onderwerp", text] = hint
            self.problem(row, "onderwerp", _("Onbekend onderwerp '{subject}'.").format(
                subject=text), hint)
        return subject

    def _subject_hint(self, text: str) -> str:
        guess = _closest(text, list(self.subjects))
        if guess:
            return _("Bedoelde u '{guess}'?").format(guess=guess)
        return _("Registreer het onderwerp eerst in het organisatiebestand, of controleer de "
                 "schrijfwijze (bijvoorbeeld GM0397 of GM0397/communicatie).")

    def indicator(self, row: int, text: str) -> Indicator | None:
        if not text:
            return None
        indicator = self.indicators.get(text)
        if indicator is None:
            hint = self.hints.get(("indicator", text)) or self._indicator_hint(text)
            self.hints["indicator", text] = hint
            self.problem(row, "indicator",
                         _("Onbekende indicator '{indicator}' in toetsingskader "
                           "'{framework}'.").format(indicator=text, framework=self.framework.id),
                         hint)
        elif indicator.id in PROCESS_INDICATORS:
            self.problem(row, "indicator",
                         _("'{indicator}' wordt geteld uit de procesgebeurtenissen en kan niet "
                           "worden geïmporteerd.").format(indicator=indicator.id),
                         process_event_hint(indicator.id))
            return None
        return indicator

    def _indicator_hint(self, text: str) -> str:
        guess = _closest(text, list(self.indicators))
        if guess:
            return _("Bedoelde u '{guess}'?").format(guess=guess)
        return _("Gebruik een indicator uit het toetsingskader; 'samenwerkingsmonitor framework "
                 "show {framework}' toont ze.").format(framework=self.framework.id)

    def year(self, row: int, text: str) -> int | None:
        if not text:
            return None
        if not _INTEGER.fullmatch(text):
            self.problem(row, "jaar", _("Jaar '{text}' is geen geheel getal.").format(text=text),
                         _("Schrijf het jaar als vier cijfers, bijvoorbeeld 2019."))
            return None
        year = int(text)
        first, last = self.storable
        if not first <= year <= last:
            self.problem(row, "jaar",
                         _("Jaar {year} ligt buiten de jaren die kunnen worden opgeslagen "
                           "({first}-{last}).").format(year=year, first=first, last=last),
                         _("Controleer het jaar: metingen gaan van {first} tot en met vijf jaar "
                           "na volgend jaar.").format(first=first))
            return None
        return year

    def choice(self, row: int, column: str, text: str) -> str | None:
        """soort or status: one value from a closed list, any letter case."""
        if not text:
            return None
        value = text.lower()
        allowed = _KINDS if column == "soort" else _STATUSES
        if value in allowed:
            return value
        if column == "soort":
            self.problem(row, column, _("Onbekende soort '{text}'.").format(text=text),
                         _("Kies begroting, begroting_na_wijziging, realisatie of prognose (een "
                           "jaarrekening is realisatie)."))
        else:
            self.problem(row, column, _("Onbekende status '{text}'.").format(text=text),
                         _("Kies definitief (standaard), voorlopig, reconstructie, schatting of "
                           "gepubliceerd."))
        return None

    def subject_in_year(self, row: int, subject: Subject | None, year: int | None) -> None:
        """A year before a team or cooperation began is its pre-cooperation history (a baseline
        such as 2012 for a cooperation of 2013, ADR 0024); after it ended, it does not exist."""
        if subject is None or year is None or subject.validity.covers(year):
            return
        if year < subject.validity.first_year:
            return
        self.problem(row, "onderwerp",
                     _("Onderwerp '{subject}' bestaat niet in {year}; het geldt in "
                       "{period}.").format(subject=subject.id, year=year,
                                           period=subject.validity.label()),
                     _("Controleer het jaar, of de geldigheid van het onderwerp in het "
                       "organisatiebestand."))

    def applies(self, row: int, subject: Subject | None, indicator: Indicator | None) -> None:
        if subject is None or indicator is None or subject.kind in indicator.applies_to:
            return
        self.problem(row, "indicator",
                     _("Indicator '{indicator}' geldt niet voor een {kind}, alleen voor: "
                       "{kinds}.").format(indicator=indicator.id,
                                          kind=subject_kind_name(subject.kind),
                                          kinds=", ".join(subject_kind_name(k)
                                                          for k in indicator.applies_to)),
                     _("Controleer het onderwerp en de indicator van deze rij."))

    def unit(self, row: int, text: str, indicator: Indicator | None) -> str | None:
        if not text:
            return None
        unit = text.lower()
        if indicator is not None and unit != indicator.unit:
            self.problem(row, "eenheid",
                         _("Eenheid '{unit}' past niet bij indicator '{indicator}', die in "
                           "'{expected}' is uitgedrukt.").format(
                             unit=text, indicator=indicator.id, expected=indicator.unit),
                         _("Gebruik eenheid '{expected}' en reken de waarde zo nodig "
                           "om.").format(expected=indicator.unit))
            return None
        if indicator is None and unit not in UNITS:
            self.problem(row, "eenheid", _("Onbekende eenheid '{unit}'.").format(unit=text),
                         _("Bekende eenheden: {units}.").format(units=", ".join(UNITS)))
            return None
        return unit

    def value(self, row: int, text: str, indicator: Indicator | None,
              unit: str | None) -> tuple[float | None, str | None]:
        """(number, None) or (None, scale value); the indicator's unit decides which."""
        if not text:
            return None, None
        scale_unit = indicator.unit if indicator is not None else unit
        scale = SCALE_UNITS.get(scale_unit or "")
        if scale is not None:
            if text.lower() in scale:
                return None, text.lower()
            self.problem(row, "waarde",
                         _("Waarde '{text}' staat niet op de schaal '{unit}' ({values}).").format(
                             text=text, unit=scale_unit, values=", ".join(scale)),
                         _("Kies een van deze waarden."))
            return None, None
        if (row, self.positions.get("waarde")) in self.checked.table.text_numbers:
            number, problem = read_text_number(text)  # no notation in the file (ADR 0011)
        else:
            number, problem = self.numbers.read(text)
        if problem is not None:
            self.problem(row, "waarde", *problem)
        elif indicator is not None and number is not None:
            self.within_bounds(row, text, number, indicator)
        return number, None

    def within_bounds(self, row: int, text: str, number: float, indicator: Indicator) -> None:
        comma = self.numbers.decimal_comma
        hint = _("Controleer de waarde en de eenheid ('{unit}').").format(unit=indicator.unit)
        if indicator.minimum is not None and number < indicator.minimum:
            self.problem(row, "waarde",
                         _("Waarde {text} is lager dan het minimum {minimum} van indicator "
                           "'{indicator}'.").format(
                             text=text, minimum=format_number(indicator.minimum, comma),
                             indicator=indicator.id), hint)
        if indicator.maximum is not None and number > indicator.maximum:
            self.problem(row, "waarde",
                         _("Waarde {text} is hoger dan het maximum {maximum} van indicator "
                           "'{indicator}'.").format(
                             text=text, maximum=format_number(indicator.maximum, comma),
                             indicator=indicator.id), hint)

    def reference_date(self, row: int, text: str) -> date | None:
        if not text:
            return None
        if text not in self.dates:
            self.dates[text] = _parse_date(text)
        parsed = self.dates[text]
        if parsed is None:
            self.problem(row, "peildatum", _("Peildatum '{text}' is geen datum.").format(text=text),
                         _("Schrijf de datum als JJJJ-MM-DD of DD-MM-JJJJ, bijvoorbeeld "
                           "2019-01-01 of 01-01-2019."))
        return parsed

    def comparable(self, row: int, text: str) -> bool | None:
        if not text:
            return True
        value = _YES_NO.get(text.lower())
        if value is None:
            self.problem(row, "vergelijkbaar",
                         _("Vergelijkbaar '{text}' is geen ja of nee.").format(text=text),
                         _("Vul ja (standaard) of nee in; bij nee de reden in de kolom "
                           "toelichting."))
        return value

    def duplicate(self, row: int, key: tuple[str, str, int, str]) -> None:
        first = self.first_rows.setdefault(key, row)
        if first != row:
            self.problem(row, None,
                         _("Dubbele rij: {subject}, {indicator}, {year}, {kind} staat ook in rij "
                           "{first}.").format(subject=key[0], indicator=key[1], year=key[2],
                                              kind=key[3], first=first),
                         _("Houd één rij per onderwerp, indicator, jaar en soort over; een "
                           "correctie importeert u later met --reason."))


def _closest(text: str, candidates: list[str]) -> str | None:
    folded = {c.lower(): c for c in candidates}
    if text.lower() in folded:
        return folded[text.lower()]
    matches = difflib.get_close_matches(text, candidates, n=1, cutoff=0.8)
    return matches[0] if matches else None


def _parse_date(text: str) -> date | None:
    iso = _ISO_DATE.fullmatch(text)
    dutch = None if iso else _DUTCH_DATE.fullmatch(text)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if dutch:
            return date(int(dutch[3]), int(dutch[2]), int(dutch[1]))
    except ValueError:
        return None
    return None
