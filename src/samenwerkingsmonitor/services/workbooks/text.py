"""The Dutch texts of a template, shared by the XLSX and ODS writers: the title, the steps to
fill it in, the columns, the data burden, and the prompts of the dropdowns and checks."""

from __future__ import annotations

from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.measurements.columns import COLUMNS
from samenwerkingsmonitor.services.workbooks.model import BurdenLine, IndicatorGuide, TemplateModel

PROMPT_LIMIT = 255  # Excel refuses longer input and error messages of a data validation
TITLE_LIMIT = 32  # and longer titles


def clip(text: str, limit: int = PROMPT_LIMIT) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def title_lines(model: TemplateModel) -> tuple[str, ...]:
    lines = [
        _("Invulbestand metingen {first}-{last}").format(first=model.first_year,
                                                         last=model.last_year),
        _("Toetsingskader: {title} ({id}, versie {version}).").format(
            title=model.framework_title, id=model.framework_id,
            version=model.framework_version),
        _("Organisatie: {title}.").format(title=model.organisation_title),
    ]
    if model.fictitious:
        lines.append(_("Let op: de organisatie is een fictief voorbeeld."))
    return tuple(lines)


def instructions() -> tuple[str, ...]:
    """How to fill in the sheet Metingen, step by step."""
    return (
        _("Vul op het blad Metingen per rij de kolommen waarde en bron in (de gele cellen). "
          "Onderwerp, indicator, jaar, soort en eenheid staan al ingevuld."),
        _("Typ een getal als getal, zonder €-teken of %-teken. Een percentage is 12,5 en niet "
          "0,125; typ geen % erachter, want dan maakt de spreadsheet er 0,125 van."),
        _("Bij ja/nee en bij scores kiest u de waarde uit de keuzelijst in de cel."),
        _("Noem bij bron het document, het systeem of de URL, bijvoorbeeld 'Jaarrekening "
          "2019, paragraaf bedrijfsvoering'. Zonder bron wordt de rij geweigerd."),
        _("Hebt u een waarde niet? Laat dan waarde en bron leeg: de import slaat die rij over "
          "en telt hem als niet ingevuld. Een ontbrekende waarde maakt de bevinding 'niet te "
          "beoordelen'."),
        _("Is de waarde niet definitief? Kies bij status voorlopig of schatting, of "
          "reconstructie voor een waarde (zoals een nulmeting) die achteraf is bepaald."),
        _("Is de waarde niet te vergelijken met andere gemeenten, bijvoorbeeld omdat het "
          "personeel in een gezamenlijke organisatie zit? Kies bij vergelijkbaar nee en leg in "
          "toelichting uit waarom."),
        _("Gebruikt u een andere definitie (bijvoorbeeld totale lasten exclusief reserves)? "
          "Noem die in de kolom variant."),
        _("Een begroting of prognose, of een gepubliceerde BBV-waarde onder een afgeleide "
          "indicator (zoals overhead_pct)? Voeg onderaan een rij toe; de keuzelijsten werken "
          "daar ook."),
        _("Verander de naam van het blad Metingen en de kolomkoppen niet, en voeg geen kolommen "
          "toe: de import herkent het blad en de kolommen aan hun naam."),
        _("Importeer het bestand met: samenwerkingsmonitor import BESTAND --dry-run (alleen "
          "controleren) en daarna zonder --dry-run. Elk probleem wordt gemeld met rij, kolom en "
          "een tip; er wordt pas iets opgeslagen als alle rijen goed zijn."),
    )


def column_notes() -> tuple[tuple[str, str, str], ...]:
    """(header, required or not, what goes in) for every column of Metingen."""
    required, optional = _("verplicht"), _("mag leeg")
    notes = {
        "onderwerp": _("Gemeente (GM0397), team (GM0397/communicatie) of samenwerking; al "
                       "ingevuld."),
        "indicator": _("Id van de indicator, zie de tabel hieronder; al ingevuld."),
        "jaar": _("Kalenderjaar; al ingevuld."),
        "soort": _("begroting, realisatie (jaarrekening) of prognose; al ingevuld."),
        "waarde": _("Het getal, of de schaalwaarde uit de keuzelijst."),
        "eenheid": _("De eenheid van de indicator; ligt vast, niet wijzigen."),
        "bron": _("Document, systeem of URL waar de waarde vandaan komt."),
        "peildatum": _("Datum waarop de waarde betrekking heeft (JJJJ-MM-DD)."),
        "status": _("definitief (standaard), voorlopig, reconstructie, schatting of "
                    "gepubliceerd (opgehaald met fetch)."),
        "variant": _("Gebruikte definitievariant, bijvoorbeeld 'lasten excl. reserves'."),
        "vergelijkbaar": _("ja (standaard) of nee; bij nee de reden in toelichting."),
        "toelichting": _("Vrije tekst."),
    }
    return tuple((c.name, required if c.required else optional, notes[c.name])
                 for c in COLUMNS)


def burden_sentence(line: BurdenLine) -> str:
    return _("{subjects} {kind}: {per} waarden per onderwerp per jaar, waarvan {pc} al "
             "gepubliceerd (begroting, jaarrekening of een ander openbaar stuk) en {assessed} "
             "door een beoordelaar (het hele kader vraagt er ten hoogste {framework}); {rows} "
             "rijen in dit bestand.").format(
                 subjects=line.subjects, kind=line.subject_kind, per=line.per_subject_year,
                 pc=line.pc_source, assessed=line.assessed, framework=line.framework_values,
                 rows=line.rows)


def bound_text(value: float) -> str:
    """A bound in a check formula: 0 and 100 rather than 0.0 and 100.0."""
    return str(int(value)) if value == int(value) else repr(value)


def bounds_text(guide: IndicatorGuide) -> str:
    def show(value: float) -> str:
        return str(int(value)) if value == int(value) else str(value).replace(".", ",")

    if guide.minimum is not None and guide.maximum is not None:
        return _("{low} tot en met {high}").format(low=show(guide.minimum),
                                                   high=show(guide.maximum))
    if guide.minimum is not None:
        return _("ten minste {low}").format(low=show(guide.minimum))
    if guide.maximum is not None:
        return _("ten hoogste {high}").format(high=show(guide.maximum))
    return ""


def value_prompt(guide: IndicatorGuide) -> tuple[str, str]:
    """Title and text shown when a waarde cell of this indicator is selected."""
    parts = [guide.how]
    bounds = bounds_text(guide)
    if bounds and not guide.scale:
        parts.append(_("Toegestaan: {bounds}.").format(bounds=bounds))
    if guide.definition:
        parts.append(guide.definition)
    return clip(guide.name, TITLE_LIMIT), clip(" ".join(parts))


def value_error(guide: IndicatorGuide) -> str:
    if guide.scale:
        return clip(_("Kies een van: {values}.").format(values=", ".join(guide.scale)))
    bounds = bounds_text(guide)
    return clip(_("Vul een getal in (eenheid {unit}); toegestaan: {bounds}.").format(
        unit=guide.unit, bounds=bounds or _("elk getal")))


def source_prompt(guide: IndicatorGuide) -> str:
    hint = guide.source_hint or _("Noem het document, het systeem of de URL.")
    return clip(_("Bron: {hint}").format(hint=hint))



# --- the layout both writers share ---------------------------------------------------------

MEASUREMENT_WIDTHS: dict[str, int] = {
    "onderwerp": 43, "indicator": 26, "jaar": 6, "soort": 10, "waarde": 12, "eenheid": 11,
    "bron": 28, "peildatum": 11, "status": 11, "variant": 12, "vergelijkbaar": 13,
    "toelichting": 18,
}
"""Column widths of Metingen in characters, narrow enough to print on A4 in landscape."""
GUIDE_WIDTHS: tuple[int, ...] = (24, 24, 9, 12, 16, 40, 40, 36, 18, 16)
"""Column widths of the indicator table on Toelichting in characters."""


def headings() -> dict[str, str]:
    return {
        "steps": _("Zo vult u het blad Metingen in"),
        "columns": _("De kolommen van Metingen"),
        "indicators": _("De indicatoren"),
        "burden": _("Hoeveel gegevens het kader vraagt"),
    }


def column_table_headers() -> tuple[str, str, str]:
    return _("kolom"), _("verplicht"), _("inhoud")


def guide_headers() -> tuple[str, ...]:
    return (_("indicator"), _("naam"), _("soort"), _("eenheid"), _("toegestaan"),
            _("definitie"), _("waar te vinden"), _("invullen"), _("criterium"),
            _("geldt voor"))


def source_text(guide: IndicatorGuide) -> str:
    parts = []
    if guide.pc_source:
        parts.append(_("Wordt al gepubliceerd: begroting, jaarrekening of een ander openbaar "
                       "stuk."))
    if guide.assessed:
        parts.append(_("Oordeel van een beoordelaar (bijvoorbeeld uit interviews)."))
    if guide.source_hint:
        parts.append(guide.source_hint)
    return " ".join(parts)


def guide_cells(guide: IndicatorGuide) -> tuple[str, ...]:
    allowed = ", ".join(guide.scale) if guide.scale else bounds_text(guide)
    return (guide.id, guide.name, guide.kind, guide.unit, allowed, guide.definition,
            source_text(guide), guide.how, guide.criterion, guide.subject_kinds)


def burden_intro() -> str:
    return _("Per soort onderwerp: hoeveel waarden één onderwerp in één jaar moet aanleveren "
             "en hoeveel rijen dit bestand daarvoor heeft. Waarden uit begroting en jaarrekening "
             "kunt u overnemen; een oordeel komt van een beoordelaar.")
