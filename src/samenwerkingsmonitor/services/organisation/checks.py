"""Checks between the parts of an organisation (docs/organisation-file.md), all at once.

Types, required keys, code and slug formats and closed lists are checked by the file's schema
(adapters/organisation/schema.py). What is left needs the whole organisation: do references
point to something that exists, do validity periods fit, do the shares add up. Every problem
is reported at its key path in the file's own words (`shared_teams`, not `shared_units`);
`locate` turns that path into a file, line and readable key path.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence

from samenwerkingsmonitor.domain.ids import split_unit_id
from samenwerkingsmonitor.domain.organisation import Cooperation, Organisation
from samenwerkingsmonitor.domain.periods import Validity
from samenwerkingsmonitor.domain.validation import Location, ValidationReport
from samenwerkingsmonitor.i18n import _

KeyPath = tuple[str | int, ...]
Locate = Callable[[KeyPath], Location]
SHARE_TOLERANCE = 0.01

UNKNOWN_MUNICIPALITY_HINT = "Voeg de gemeente toe onder [[municipalities]] of verbeter de code."


def period_text(validity: Validity) -> str:
    if validity.last_year is None:
        return _("vanaf {year}").format(year=validity.first_year)
    return f"{validity.first_year}-{validity.last_year}"


class OrganisationChecker:
    """Collects every problem of one organisation into a ValidationReport."""

    def __init__(self, organisation: Organisation, locate: Locate) -> None:
        self.organisation = organisation
        self.locate = locate
        self.report = ValidationReport()
        self.codes = {m.code for m in organisation.municipalities}
        self.team_ids = {u.id for u in organisation.units}

    def run(self) -> ValidationReport:
        self._municipalities()
        self._teams()
        slugs: dict[str, KeyPath] = {}
        for index, cooperation in enumerate(self.organisation.cooperations):
            path: KeyPath = ("cooperations", index)
            self._once(slugs, cooperation.slug, path + ("slug",),
                       _("Samenwerking {slug} staat er al in ({where})."),
                       _("Geef elke samenwerking een eigen slug."), slug=cooperation.slug)
            CooperationChecker(self, cooperation, path).run()
        self._membership()
        self._peer_groups()
        self._reference_series()
        self._process()
        return self.report

    # helpers shared with CooperationChecker
    def add(self, path: KeyPath, message: str, hint: str = "") -> None:
        self.report.add(self.locate(path), message, hint)

    def where(self, path: KeyPath) -> str:
        location = self.locate(path)
        if location.line is not None:
            return _("regel {line}").format(line=location.line)
        return location.key_path or location.file

    def period(self, path: KeyPath, validity: Validity) -> bool:
        if validity.is_well_formed():
            return True
        self.add(path + ("valid_until",),
                 _("valid_until {last} ligt vóór valid_from {first}.").format(
                     last=validity.last_year, first=validity.first_year),
                 _("Een periode loopt van valid_from tot en met valid_until, in hele "
                   "kalenderjaren."))
        return False

    def overlaps(self, items: Sequence[tuple[str, KeyPath, Validity]], message: str,
                 hint: str, **names: str) -> None:
        """Report every item whose period overlaps an earlier item with the same key."""
        seen: list[tuple[str, KeyPath, Validity]] = []
        for key, path, validity in items:
            if not self.period(path, validity):
                continue
            earlier = next((s for s in seen if s[0] == key and s[2].overlaps(validity)), None)
            if earlier is not None:
                self.add(path, message.format(key=key, period=period_text(validity),
                                              other=period_text(earlier[2]),
                                              where=self.where(earlier[1]), **names), hint)
            seen.append((key, path, validity))

    def known_municipality(self, code: str, path: KeyPath, message: str, **names: str) -> None:
        if code not in self.codes:
            self.add(path, message.format(code=code, **names), _(UNKNOWN_MUNICIPALITY_HINT))

    def _once(self, seen: dict[str, KeyPath], key: str, path: KeyPath, message: str,
              hint: str, **names: str) -> None:
        if key in seen:
            self.add(path, message.format(where=self.where(seen[key]), **names), hint)
        else:
            seen[key] = path

    # the parts of the file
    def _membership(self) -> None:
        """A municipal team works for one shared team at a time (its costs and staff would
        otherwise count twice). Two versions of the same shared team are checked elsewhere."""
        seen: list[tuple[str, str, KeyPath, Validity]] = []
        for c_index, cooperation in enumerate(self.organisation.cooperations):
            for u_index, unit in enumerate(cooperation.shared_units):
                if not unit.validity.is_well_formed():
                    continue
                for m_index, member in enumerate(unit.members):
                    path = ("cooperations", c_index, "shared_teams", u_index, "members", m_index)
                    earlier = next((s for s in seen if s[0] == member and s[1] != unit.id
                                    and s[3].overlaps(unit.validity)), None)
                    if earlier is not None:
                        self.add(path, _("Team {key} ({period}) is ook lid van een ander "
                                         "gedeeld team ({other}, {where}).").format(
                                     key=member, period=period_text(unit.validity),
                                     other=period_text(earlier[3]), where=self.where(earlier[2])),
                                 _("Laat het lidmaatschap van het ene gedeelde team eindigen "
                                   "(valid_until) voordat het andere begint."))
                    seen.append((member, unit.id, path, unit.validity))

    def _municipalities(self) -> None:
        seen: dict[str, KeyPath] = {}
        for index, municipality in enumerate(self.organisation.municipalities):
            self._once(seen, municipality.code, ("municipalities", index, "code"),
                       _("Gemeente {code} staat er al in ({where})."),
                       _("Noem elke gemeente één keer."), code=municipality.code)

    def _teams(self) -> None:
        items: list[tuple[str, KeyPath, Validity]] = []
        for index, unit in enumerate(self.organisation.units):
            path: KeyPath = ("teams", index)
            self.known_municipality(unit.owner, path + ("owner",),
                                    _("Onbekende gemeente {code} als eigenaar van team {team}."),
                                    team=unit.id)
            items.append((unit.id, path, unit.validity))
        self.overlaps(items, _("Team {key} ({period}) overlapt met hetzelfde team {other} "
                               "({where})."), _(VERSIONS_HINT))

    def _peer_groups(self) -> None:
        items: list[tuple[str, KeyPath, Validity]] = []
        for index, group in enumerate(self.organisation.peer_groups):
            path: KeyPath = ("peer_groups", index)
            for position, code in enumerate(group.members):
                self.known_municipality(code, path + ("members", position),
                                        _("Onbekende gemeente {code} in vergelijkingsgroep "
                                          "{group}."), group=group.id)
            items.append((group.id, path, group.validity))
        self.overlaps(items, _("Vergelijkingsgroep {key} ({period}) overlapt met een andere "
                               "versie ervan ({other}, {where})."), _(VERSIONS_HINT))

    def _reference_series(self) -> None:
        seen: dict[str, KeyPath] = {}
        for index, series in enumerate(self.organisation.reference_series):
            path: KeyPath = ("reference_series", index)
            self._once(seen, series.id, path + ("id",), _("Reeks {id} staat er al in ({where})."),
                       _("Geef elke reeks een eigen id."), id=series.id)
            years = [year for year, _value in series.values]
            for year in sorted({y for y in years if years.count(y) > 1}):
                self.add(path + ("values", str(year)),
                         _("Jaar {year} komt twee keer voor in reeks {id}.").format(
                             year=year, id=series.id), _("Geef per jaar één waarde."))

    def _process(self) -> None:
        process = self.organisation.process
        parts: list[tuple[str, Iterable[str | None]]] = [
            ("evaluations", (e.cooperation for e in process.evaluations)),
            ("guidance_groups", (g.cooperation for g in process.guidance_groups)),
            ("council_documents", (d.cooperation for d in process.council_documents)),
        ]
        known = [c.slug for c in self.organisation.cooperations]
        for name, slugs in parts:
            for index, slug in enumerate(slugs):
                if slug is not None and slug not in known:
                    self.add(("process", name, index, "cooperation"),
                             _("Onbekende samenwerking {slug}.").format(slug=slug),
                             _("Bekende samenwerkingen: {known}.").format(
                                 known=", ".join(known) or "-"))
        for index, document in enumerate(process.council_documents):
            self.known_municipality(document.municipality,
                                    ("process", "council_documents", index, "municipality"),
                                    _("Onbekende gemeente {code}."))
            if document.closes_year is not None and document.kind != "besluit":
                self.add(("process", "council_documents", index, "closes_year"),
                         _("Alleen een besluit kan een jaarrekening vaststellen (closes_year)."),
                         _("Zet kind = \"besluit\", of laat closes_year weg bij een brief."))


VERSIONS_HINT = ("Er mogen meerdere versies zijn, maar hun geldigheidsperioden mogen niet "
                 "overlappen: laat de oude eindigen (valid_until) voor de nieuwe begint.")


class CooperationChecker:
    def __init__(self, parent: OrganisationChecker, cooperation: Cooperation,
                 path: KeyPath) -> None:
        self.parent = parent
        self.cooperation = cooperation
        self.path = path

    def run(self) -> None:
        self.parent.period(self.path, self.cooperation.validity)
        self._partners()
        self._forms()
        self._shared_teams()
        self._allocation_keys()
        self._clauses()

    def partners_throughout(self, validity: Validity) -> list[str]:
        """Partners in every year of `validity` (an open end is checked one year past the
        last year any partner period names)."""
        years = [validity.first_year] + [y for p in self.cooperation.partners
                                         for y in (p.validity.first_year, p.validity.last_year)
                                         if y is not None]
        last = validity.last_year if validity.last_year is not None else max(years) + 1
        codes = {p.code for p in self.cooperation.partners}
        for year in range(validity.first_year, last + 1):
            codes &= set(self.cooperation.partners_in(year))
        return sorted(codes)

    def _partners(self) -> None:
        items: list[tuple[str, KeyPath, Validity]] = []
        for index, partner in enumerate(self.cooperation.partners):
            path = self.path + ("partners", index)
            self.parent.known_municipality(
                partner.code, path + ("code",),
                _("Onbekende gemeente {code} als partner van {cooperation}."),
                cooperation=self.cooperation.slug)
            items.append((partner.code, path, partner.validity))
        self.parent.overlaps(items, _("Partner {key} ({period}) staat er al in voor de periode "
                                      "{other} ({where})."),
                             _("Noem een partner één keer per periode; laat perioden niet "
                               "overlappen."))

    def _forms(self) -> None:
        slug = self.cooperation.slug
        if self.cooperation.level == 2 and not self.cooperation.forms:
            self.parent.add(self.path + ("level",),
                            _("Samenwerking {slug} is van niveau 2 maar heeft geen vorm.").format(
                                slug=slug),
                            _("Voeg een [[cooperations.forms]] toe met organisational_model en "
                              "legal_form."))
        items: list[tuple[str, KeyPath, Validity]] = []
        for index, form in enumerate(self.cooperation.forms):
            path = self.path + ("forms", index)
            items.append(("", path, form.validity))
            centre = form.centre_municipality
            if centre is None or not form.validity.is_well_formed():
                continue
            partners = self.partners_throughout(form.validity)
            if centre not in partners:
                self.parent.add(path + ("centre_municipality",),
                                _("Centrumgemeente {code} is niet in de hele periode {period} "
                                  "partner van {cooperation}.").format(
                                      code=centre, period=period_text(form.validity),
                                      cooperation=slug),
                                _("Kies een partner die de hele periode meedoet: {partners}."
                                  ).format(partners=", ".join(partners) or "-"))
        self.parent.overlaps(items, _("De vorm {period} overlapt met de vorm {other} ({where})."),
                             _("Per jaar geldt één vorm: laat de ene vorm eindigen "
                               "(valid_until) voor de volgende begint."))

    def _shared_teams(self) -> None:
        items: list[tuple[str, KeyPath, Validity]] = []
        for index, unit in enumerate(self.cooperation.shared_units):
            path = self.path + ("shared_teams", index)
            items.append((unit.id, path, unit.validity))
            for position, member in enumerate(unit.members):
                self._member(member, unit.validity, path + ("members", position))
        self.parent.overlaps(items, _("Gedeeld team {key} ({period}) overlapt met hetzelfde "
                                      "team {other} ({where})."), _(VERSIONS_HINT))

    def _member(self, member: str, validity: Validity, path: KeyPath) -> None:
        owner = (split_unit_id(member) or ("", ""))[0]
        slug = self.cooperation.slug
        if member not in self.parent.team_ids:
            known = sorted(t for t in self.parent.team_ids if t.startswith(owner + "/"))
            close = difflib.get_close_matches(member, known, n=1)
            if close:
                hint = _("Een lid van een gedeeld team moet onder [[teams]] staan. Bedoelt u "
                         "{team}?").format(team=close[0])
            elif known:
                hint = _("Een lid van een gedeeld team moet onder [[teams]] staan. Teams van "
                         "{owner}: {known}.").format(owner=owner, known=", ".join(known))
            else:
                hint = _("Een lid van een gedeeld team moet onder [[teams]] staan; {owner} "
                         "heeft daar geen teams.").format(owner=owner)
            self.parent.add(path, _("Onbekend team {team} in samenwerking {cooperation}.").format(
                team=member, cooperation=slug), hint)
        elif validity.is_well_formed() and owner not in self.partners_throughout(validity):
            self.parent.add(path, _("Team {team} hoort bij {code}, die niet in de hele periode "
                                    "{period} partner is van {cooperation}.").format(
                                        team=member, code=owner, period=period_text(validity),
                                        cooperation=slug),
                            _("Voeg {code} toe als partner of haal het team uit members.").format(
                                code=owner))

    def _allocation_keys(self) -> None:
        seen: dict[tuple[int, str | None], KeyPath] = {}
        team_slugs = sorted({u.slug for u in self.cooperation.shared_units})
        for index, key in enumerate(self.cooperation.allocation_keys):
            path = self.path + ("allocation_keys", index)
            label = f"{key.year}" + (f" ({key.unit_slug})" if key.unit_slug else "")
            identity = (key.year, key.unit_slug)
            if identity in seen:
                self.parent.add(path, _("Er is al een verdeelsleutel {key} ({where}).").format(
                    key=label, where=self.parent.where(seen[identity])),
                    _("Geef per jaar (en per gedeeld team) één verdeelsleutel."))
            seen.setdefault(identity, path)
            if key.unit_slug is not None and key.unit_slug not in team_slugs:
                self.parent.add(path + ("team",),
                                _("Onbekend gedeeld team {team} in verdeelsleutel {key}.").format(
                                    team=key.unit_slug, key=label),
                                _("Gedeelde teams van {cooperation}: {known}.").format(
                                    cooperation=self.cooperation.slug,
                                    known=", ".join(team_slugs) or "-"))
            self._shares(key.year, key.shares, label, path)

    def _shares(self, year: int, shares: tuple[tuple[str, float], ...], label: str,
                path: KeyPath) -> None:
        partners = sorted(set(self.cooperation.partners_in(year)))
        for code, _share in shares:
            if code not in partners:
                self.parent.add(path + ("shares", code),
                                _("Gemeente {code} in verdeelsleutel {key} is in {year} geen "
                                  "partner van {cooperation}.").format(
                                      code=code, key=label, year=year,
                                      cooperation=self.cooperation.slug),
                                _("Partners in {year}: {partners}.").format(
                                    year=year, partners=", ".join(partners) or "-"))
        total = sum(share for _code, share in shares)
        if abs(total - 100.0) > SHARE_TOLERANCE:
            self.parent.add(path + ("shares",),
                            _("De aandelen in verdeelsleutel {key} tellen op tot {total} in "
                              "plaats van 100.").format(key=label, total=f"{round(total, 6):g}"),
                            _("Geef aandelen in procenten (54.1, niet 0.541) die samen 100 zijn "
                              "(marge 0.01)."))

    def _clauses(self) -> None:
        items = [(str(clause.kind), self.path + ("clauses", index), clause.validity)
                 for index, clause in enumerate(self.cooperation.clauses)]
        self.parent.overlaps(items, _("Clausule '{key}' ({period}) overlapt met een clausule "
                                      "van dezelfde soort ({other}, {where})."),
                             _("Per soort geldt per jaar één clausule: laat de oude eindigen "
                               "(valid_until) voor de nieuwe begint."))


def check_organisation(organisation: Organisation, locate: Locate) -> ValidationReport:
    """Every problem between the parts of `organisation`; an empty report if there is none."""
    return OrganisationChecker(organisation, locate).run()
