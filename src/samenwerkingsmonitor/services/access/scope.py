"""Which subjects a person sees and may edit, from the municipalities their account names.

An official of Bloemendaal sees and edits Bloemendaal, Bloemendaal's own teams, the cooperations
Bloemendaal takes part in and their shared teams; they see the partner municipalities (public
figures) but neither see nor edit a partner's own teams. The assessor and the beheerder see all.
"""

from __future__ import annotations

from dataclasses import dataclass

from samenwerkingsmonitor.domain.access import Account, Role
from samenwerkingsmonitor.domain.organisation import Organisation


@dataclass(frozen=True, slots=True)
class Scope:
    everything: bool
    visible: frozenset[str]
    editable: frozenset[str]

    def sees(self, subject_id: str) -> bool:
        return self.everything or subject_id in self.visible

    def edits(self, subject_id: str) -> bool:
        return subject_id in self.editable


def scope_of(account: Account, organisation: Organisation | None) -> Scope:
    if organisation is None:
        return Scope(account.has(Role.ADMIN, Role.ASSESSOR), frozenset(), frozenset())
    own = set(account.municipalities)
    cooperations = [c for c in organisation.cooperations
                    if own.intersection(p.code for p in c.partners)]
    shared = {u.id for c in cooperations for u in c.shared_units}
    own_teams = {u.id for u in organisation.units if u.owner in own}
    partners = {p.code for c in cooperations for p in c.partners}
    editable = own | own_teams | shared | {c.slug for c in cooperations}
    everything = account.has(Role.ADMIN, Role.ASSESSOR)
    others_teams = {u.id for u in organisation.units if u.owner not in own}
    visible = set(organisation.subjects()) - others_teams if not everything else set()
    visible |= editable | partners
    may_edit = account.has(Role.OFFICIAL, Role.ADMIN)
    return Scope(everything, frozenset(visible), frozenset(editable) if may_edit else frozenset())
