"""Every file of the hostile corpus (tests/support/hostile_files.py) gets one exact Dutch message.

Each file goes through the reader the import would pick by suffix and through validate_rows,
as `import` does; no case may raise anything but ImportRefused or take more than a moment
(each is bounded by a check before parsing: see docs/adr/0011-file-intake.md).
A sample also runs through the real command line in a subprocess: exit code 1, no traceback.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samenwerkingsmonitor.composition import Wiring
from samenwerkingsmonitor.errors import ImportRefused
from samenwerkingsmonitor.services.measurements.rows import validate_rows
from samenwerkingsmonitor.services.measurements.use_cases import reader_for
from support.hostile_files import Hostile, corpus
from support.import_fixtures import framework, organisation

CORPUS = {item.name: item for item in corpus()}

EXPECTED = [
    ('leeg.csv',
     'leeg.csv: Het bestand is leeg. Zet in de eerste regel de kolomnamen (onderwerp,'
     ' indicator, jaar, soort, waarde, eenheid, bron, peildatum, status, variant, '
     'vergelijkbaar, toelichting) en daaronder één rij per waarde.'),
    ('alleen-bom.csv',
     'alleen-bom.csv: Het bestand is leeg. Zet in de eerste regel de kolomnamen '
     '(onderwerp, indicator, jaar, soort, waarde, eenheid, bron, peildatum, status, '
     'variant, vergelijkbaar, toelichting) en daaronder één rij per waarde.'),
    ('alleen-kop.csv',
     'alleen-kop.csv: Het bestand bevat alleen een kopregel en geen rijen met '
     'waarden. Zet onder de kopregel één rij per waarde.'),
    ('nul-byte.csv',
     'nul-byte.csv, regel 2: Het bestand bevat een NUL-teken (byte 0); het is geen '
     "gewone tekst. Sla het bestand opnieuw op als 'CSV UTF-8'; een CSV-bestand bevat"
     ' geen binaire gegevens.'),
    ('lange-regel.csv',
     'lange-regel.csv, regel 3: Regel te lang: meer dan 1.000.000 tekens. Een '
     'meetbestand heeft één waarde per rij; controleer of de regeleinden niet '
     'ontbreken of een aanhalingsteken niet open blijft staan.'),
    ('utf16.csv',
     'utf16.csv: Het bestand is opgeslagen als UTF-16-tekst (in Excel: '
     "'Unicode-tekst'). Sla het bestand op als 'CSV UTF-8' (in Excel: Opslaan als, "
     'CSV UTF-8).'),
    ('utf16-zonder-bom.csv',
     'utf16-zonder-bom.csv, regel 1: Het bestand bevat een NUL-teken (byte 0); het is'
     " geen gewone tekst. Sla het bestand opnieuw op als 'CSV UTF-8'; een CSV-bestand"
     ' bevat geen binaire gegevens.'),
    ('geen-tekenset.csv',
     'geen-tekenset.csv, rij 3: Het bestand is geen geldige UTF-8-tekst. Sla het '
     "bestand op als 'CSV UTF-8' (in Excel: Opslaan als, CSV UTF-8)."),
    ('dubbele-kop.csv',
     "dubbele-kop.csv, rij 1, kolom 'waarde': Kolom 'waarde' komt twee keer voor (ook"
     " als 'waarde'). Houd één van beide kolommen over."),
    ('breed.csv',
     'breed.csv, rij 1: De kopregel heeft 10000 kolommen; een meetbestand heeft er '
     'hooguit 500. Lever het lange formaat aan: één rij per waarde met de kolommen '
     'onderwerp, indicator, jaar, soort, waarde, eenheid en bron.'),
    ('pdf.csv',
     'pdf.csv: Dit is geen CSV-bestand maar een PDF-document. Lever de metingen aan '
     'als CSV-, XLSX- of ODS-bestand.'),
    ('png.csv',
     'png.csv: Dit is geen CSV-bestand maar een PNG-afbeelding. Lever de metingen aan'
     ' als CSV-, XLSX- of ODS-bestand.'),
    ('werkmap.csv',
     'werkmap.csv: Dit is geen CSV-bestand maar een spreadsheet (XLSX of ODS). Sla '
     'het blad Metingen op als CSV UTF-8, of lever een CSV-bestand aan.'),
    ('open-aanhalingsteken.csv',
     'open-aanhalingsteken.csv, rij 3: Het bestand is geen leesbare CSV-tekst. '
     'Controleer de aanhalingstekens vanaf deze regel: een waarde loopt door tot '
     'voorbij de grootte die een veld mag hebben.'),
    ('ruis.csv',
     'ruis.csv, regel 2: Het bestand bevat een NUL-teken (byte 0); het is geen gewone'
     " tekst. Sla het bestand opnieuw op als 'CSV UTF-8'; een CSV-bestand bevat geen "
     'binaire gegevens.'),
    ('versleuteld.csv',
     'versleuteld.csv: De werkmap is beveiligd met een wachtwoord (versleuteld) en '
     'kan daarom niet worden gelezen. Haal de beveiliging eraf (in Excel: Bestand, '
     'Info, Werkmap beveiligen, Versleutelen met wachtwoord, wachtwoord leegmaken) en'
     ' sla het bestand opnieuw op.'),
    ('te-groot.csv',
     'te-groot.csv: Het bestand is 1,9 MB groot; de grens is 1,0 MB. Splits het '
     'bestand, of verhoog de grens met --max-size of de omgevingsvariabele '
     'SAMENWERKINGSMONITOR_MAX_FILE_MB.'),
    ('map.csv',
     'map.csv: Dit is een map, geen bestand. Geef het pad van het bestand met '
     'metingen, niet van de map.'),
    ('tekst.xlsx',
     'tekst.xlsx: Dit is een tekstbestand (zoals CSV), geen XLSX-werkmap. Geef het '
     'bestand de extensie .csv, of sla het op als werkmap.'),
    ('pdf.xlsx',
     'pdf.xlsx: Dit is geen XLSX-werkmap maar een PDF-document. Lever de metingen aan'
     ' als XLSX-, ODS- of CSV-bestand.'),
    ('ruis.xlsx',
     'ruis.xlsx: Dit is geen XLSX-werkmap: het bestand is geen zip-archief. Open het '
     'bestand in Excel of LibreOffice en sla het op als .xlsx of .ods; een deels '
     'gekopieerd bestand moet opnieuw worden aangeleverd.'),
    ('leeg.xlsx',
     'leeg.xlsx: Het bestand is leeg (0 bytes). Lever een werkmap met een blad '
     'Metingen aan.'),
    ('versleuteld.xlsx',
     'versleuteld.xlsx: De werkmap is beveiligd met een wachtwoord (versleuteld) en '
     'kan daarom niet worden gelezen. Haal de beveiliging eraf (in Excel: Bestand, '
     'Info, Werkmap beveiligen, Versleutelen met wachtwoord, wachtwoord leegmaken) en'
     ' sla het bestand opnieuw op.'),
    ('oud-formaat.xlsx',
     'oud-formaat.xlsx: Dit is een bestand in het oude Office-formaat (zoals .xls), '
     'geen XLSX- of ODS-werkmap. Open het in Excel of LibreOffice en sla het op als '
     '.xlsx of .ods.'),
    ('word.xlsx',
     'word.xlsx: Dit is geen XLSX-werkmap maar een Word-document (DOCX). Lever de '
     'metingen aan als XLSX-, ODS- of CSV-bestand.'),
    ('zip.xlsx',
     'zip.xlsx: Dit is geen XLSX-werkmap maar een zip-archief. Lever de metingen aan '
     'als XLSX-, ODS- of CSV-bestand.'),
    ('ods-als.xlsx',
     'ods-als.xlsx: Dit is een ODS-werkmap, maar de naam eindigt op .xlsx. Geef het '
     'bestand de extensie .ods.'),
    ('xlsx-als.ods',
     'xlsx-als.ods: Dit is een XLSX-werkmap, maar de naam eindigt op .ods. Geef het '
     'bestand de extensie .xlsx.'),
    ('map.xlsx',
     'map.xlsx: Dit is een map, geen bestand. Geef het pad van het bestand met '
     'metingen, niet van de map.'),
    ('te-groot.xlsx',
     'te-groot.xlsx: Het bestand is 2,0 MB groot; de grens is 1,0 MB. Splits het '
     'bestand, of verhoog de grens met --max-size of de omgevingsvariabele '
     'SAMENWERKINGSMONITOR_MAX_FILE_MB.'),
    ('afgekapt-1.xlsx',
     'afgekapt-1.xlsx: De werkmap is beschadigd of onvolledig (het zip-archief is '
     'niet leesbaar). Lever het bestand opnieuw aan; open het zo nodig eerst in Excel'
     ' of LibreOffice en sla het opnieuw op.'),
    ('afgekapt-25.xlsx',
     'afgekapt-25.xlsx: De werkmap is beschadigd of onvolledig (het zip-archief is '
     'niet leesbaar). Lever het bestand opnieuw aan; open het zo nodig eerst in Excel'
     ' of LibreOffice en sla het opnieuw op.'),
    ('afgekapt-50.xlsx',
     'afgekapt-50.xlsx: De werkmap is beschadigd of onvolledig (het zip-archief is '
     'niet leesbaar). Lever het bestand opnieuw aan; open het zo nodig eerst in Excel'
     ' of LibreOffice en sla het opnieuw op.'),
    ('afgekapt-75.xlsx',
     'afgekapt-75.xlsx: De werkmap is beschadigd of onvolledig (het zip-archief is '
     'niet leesbaar). Lever het bestand opnieuw aan; open het zo nodig eerst in Excel'
     ' of LibreOffice en sla het opnieuw op.'),
    ('afgekapt-99.xlsx',
     'afgekapt-99.xlsx: De werkmap is beschadigd of onvolledig (het zip-archief is '
     'niet leesbaar). Lever het bestand opnieuw aan; open het zo nodig eerst in Excel'
     ' of LibreOffice en sla het opnieuw op.'),
    ('zip-bom-verhouding.xlsx',
     "zip-bom-verhouding.xlsx: Onderdeel 'xl/worksheets/sheet1.xml' pakt uit tot 1015"
     ' keer zijn grootte; dat doet geen werkmap (een zip-bom?). Lever de gegevens aan'
     ' in een gewone werkmap of als CSV-bestand.'),
    ('zip-bom-claimt-3gb.xlsx',
     'zip-bom-claimt-3gb.xlsx: Uitgepakt is de werkmap 3000,0 MB; de grens is 500,0 '
     'MB. Lever de gegevens aan in een gewone werkmap of als CSV-bestand.'),
    ('zip-bom-liegt.xlsx',
     "zip-bom-liegt.xlsx: Onderdeel 'xl/worksheets/sheet1.xml' is groter dan het "
     'zip-archief opgeeft (een zip-bom?). Lever de gegevens aan in een gewone werkmap'
     ' of als CSV-bestand.'),
    ('veel-onderdelen.xlsx',
     'veel-onderdelen.xlsx: Het zip-archief heeft 2005 onderdelen; een werkmap heeft '
     'er hooguit 1000. Dit is geen gewone werkmap; sla de gegevens op in een nieuwe '
     'werkmap.'),
    ('versleuteld-onderdeel.xlsx',
     'versleuteld-onderdeel.xlsx: De werkmap is beveiligd met een wachtwoord '
     '(versleuteld) en kan daarom niet worden gelezen. Haal de beveiliging eraf en '
     'sla het bestand opnieuw op.'),
    ('bzip2.xlsx',
     'bzip2.xlsx: De werkmap is beschadigd of onvolledig (het zip-archief is niet '
     'leesbaar). Lever het bestand opnieuw aan; open het zo nodig eerst in Excel of '
     'LibreOffice en sla het opnieuw op.'),
    ('kapotte-xml.xlsx',
     'kapotte-xml.xlsx: De werkmap kan niet worden gelezen; de inhoud is beschadigd '
     'of geen geldige spreadsheet. Open het bestand in Excel of LibreOffice, sla het '
     'opnieuw op en lever het opnieuw aan.'),
    ('miljoen-lege-rijen.xlsx',
     "miljoen-lege-rijen.xlsx, blad Metingen, rij 2, kolom 'waarde', cel E2: Waarde "
     "'twaalf' is geen getal. Vul een getal in, bijvoorbeeld 1234.5, of laat de rij "
     'weg als de waarde ontbreekt.'),
    ('cel-in-de-hoek.xlsx',
     'cel-in-de-hoek.xlsx: Een blad van de werkmap beslaat 17.179.869.184 cellen (van'
     ' de eerste tot de laatste gevulde cel); de grens is 10.000.000. Verwijder '
     'waarden ver buiten de tabel (bijvoorbeeld in de laatste rij of kolom) en sla '
     'opnieuw op.'),
    ('verkeerd-blad.xlsx',
     'verkeerd-blad.xlsx: De werkmap heeft geen blad Metingen; wel de bladen: '
     "'Blad1', 'Toelichting'. Zet de metingen op een blad met de naam Metingen "
     '(hoofdletters maken niet uit).'),
    ('twee-bladen-metingen.xlsx',
     'twee-bladen-metingen.xlsx: De werkmap heeft meer dan één blad dat Metingen '
     "heet: 'metingen', 'METINGEN'. Houd één blad Metingen over en geef de andere een"
     ' andere naam.'),
    ('leeg-blad.xlsx',
     'leeg-blad.xlsx, blad Metingen: Het bestand is leeg. Zet in de eerste regel de '
     'kolomnamen (onderwerp, indicator, jaar, soort, waarde, eenheid, bron, '
     'peildatum, status, variant, vergelijkbaar, toelichting) en daaronder één rij '
     'per waarde.'),
    ('alleen-kop.xlsx',
     'alleen-kop.xlsx, blad Metingen: Het bestand bevat alleen een kopregel en geen '
     'rijen met waarden. Zet onder de kopregel één rij per waarde.'),
    ('dubbele-kop.xlsx',
     "dubbele-kop.xlsx, blad Metingen, rij 1, kolom 'value', cel H1: Kolom 'value' "
     "komt twee keer voor (ook als 'waarde'). Houd één van beide kolommen over."),
    ('breed.xlsx',
     'breed.xlsx, blad Metingen, rij 1: De kopregel heeft 10000 kolommen; een '
     'meetbestand heeft er hooguit 500. Lever het lange formaat aan: één rij per '
     'waarde met de kolommen onderwerp, indicator, jaar, soort, waarde, eenheid en '
     'bron.'),
    ('dubbelzinnig.xlsx',
     "dubbelzinnig.xlsx, blad Metingen, rij 2, kolom 'waarde', cel E2: Waarde '1.234'"
     ' staat als tekst in de cel en is dubbelzinnig: de punt kan het decimaalteken '
     'zijn of duizendtallen scheiden (1234). Typ het getal als getal in de cel (niet '
     'als tekst), of kies de notatie voor het hele bestand met --decimal comma of '
     '--decimal point.'),
    ('afgekapt.ods',
     'afgekapt.ods: De werkmap is beschadigd of onvolledig (het zip-archief is niet '
     'leesbaar). Lever het bestand opnieuw aan; open het zo nodig eerst in Excel of '
     'LibreOffice en sla het opnieuw op.'),
    ('herhaalde-rijen.ods',
     'herhaalde-rijen.ods: Een rij met waarden wordt 1.000.000 keer herhaald '
     '(number-rows-repeated); een meetbestand heeft in elke rij andere waarden. '
     'Verwijder de herhaalde rijen en sla opnieuw op.'),
    ('verkeerd-blad.ods',
     "verkeerd-blad.ods: De werkmap heeft geen blad Metingen; wel de bladen: 'Blad1'."
     ' Zet de metingen op een blad met de naam Metingen (hoofdletters maken niet '
     'uit).'),
    ('geen-mimetype.ods',
     'geen-mimetype.ods: Dit is geen ODS-werkmap maar een zip-archief. Lever de '
     'metingen aan als XLSX-, ODS- of CSV-bestand.'),
]


def problems(item: Hostile, folder: Path) -> list[str]:
    path = folder / item.name
    item.make(path)
    try:  # a CSV file is read lazily (ADR 0025): its rows can be refused while checked
        table = reader_for(path, Wiring(limits=item.limits).measurement_readers())(path, None)
        report = validate_rows(table, organisation(), framework()).report
    except ImportRefused as refused:
        assert str(refused) == f"Het bestand {item.name} is geweigerd; er is niets opgeslagen."
        return [issue.describe() for issue in refused.report.issues]
    return [issue.describe() for issue in report.issues]


def test_the_corpus_holds_at_least_forty_files_each_with_an_expected_message() -> None:
    assert len(CORPUS) >= 40
    assert sorted(name for name, _ in EXPECTED) == sorted(CORPUS)


@pytest.mark.parametrize(("name", "expected"), EXPECTED, ids=[name for name, _ in EXPECTED])
def test_each_hostile_file_gets_one_clear_message(name: str, expected: str,
                                                  tmp_path: Path) -> None:
    assert problems(CORPUS[name], tmp_path) == [expected]


SAMPLE = ["nul-byte.csv", "versleuteld.xlsx", "zip-bom-liegt.xlsx", "cel-in-de-hoek.xlsx",
          "herhaalde-rijen.ods"]
COMMAND = [sys.executable, "-c", "from samenwerkingsmonitor.cli import main; main()"]


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A database with the example organisation registered, made once for the module."""
    database = tmp_path_factory.mktemp("cli") / "monitor.db"
    organisation_file = (Path(__file__).resolve().parents[2] / "src" / "samenwerkingsmonitor"
                         / "example" / "organisatie.toml")
    env = {**os.environ, "SAMENWERKINGSMONITOR_DATABASE": str(database)}
    for step in (["init"], ["register", str(organisation_file)]):
        subprocess.run([*COMMAND, *step], env=env, check=True, capture_output=True)
    return env


@pytest.mark.parametrize("name", SAMPLE)
def test_the_command_line_refuses_with_exit_code_1_and_no_traceback(
        name: str, tmp_path: Path, environment: dict[str, str]) -> None:
    item = CORPUS[name]
    path = tmp_path / item.name
    item.make(path)
    done = subprocess.run([*COMMAND, "import", str(path)], env=environment,
                          capture_output=True, text=True, timeout=120)
    expected = dict(EXPECTED)[name]
    assert (done.returncode, done.stdout) == (1, "")
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines()[:2] == [
        f"Fout: Het bestand {name} is geweigerd; er is niets opgeslagen.", f"- {expected}"]
