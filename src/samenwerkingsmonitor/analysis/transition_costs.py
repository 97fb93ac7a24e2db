"""The frictiekosten model: one-off costs of moving to another form of cooperation.

Three visible drivers and a rest (docs/scenarios.md): staff that moves to another employer or
team (fte × a price per fte for recruitment, induction and lost productivity), systems that are
split or set up anew (number × a price per system), contracts that are renegotiated or
transferred (number × a price per contract), and other one-off costs in euros. Every input is a
range (low, likely, high); since every term grows with its inputs, the low total is the sum of
the low terms and so on. The same model gives the cost estimate of ontvlechtbaarheid: the
transition cost of going zelfstandig is the cost of undoing the cooperation.
"""

from __future__ import annotations

from dataclasses import dataclass

from samenwerkingsmonitor.domain.scenarios import Range, TransitionInputs, TransitionPrices


@dataclass(frozen=True, slots=True)
class CostTerm:
    name: str  # "personeel", "systemen", "contracten", "overig"
    quantity: Range
    price: Range | None  # None for "overig", already in euros
    cost: Range


@dataclass(frozen=True, slots=True)
class TransitionCost:
    terms: tuple[CostTerm, ...]
    total: Range
    source: str


def _product(quantity: Range, price: Range) -> Range:
    return Range(quantity.low * price.low, quantity.likely * price.likely,
                 quantity.high * price.high)


def transition_cost(inputs: TransitionInputs, prices: TransitionPrices) -> TransitionCost:
    terms = (
        CostTerm("personeel", inputs.staff_moved_fte, prices.per_fte_moved,
                 _product(inputs.staff_moved_fte, prices.per_fte_moved)),
        CostTerm("systemen", inputs.systems_split, prices.per_system_split,
                 _product(inputs.systems_split, prices.per_system_split)),
        CostTerm("contracten", inputs.contracts, prices.per_contract,
                 _product(inputs.contracts, prices.per_contract)),
        CostTerm("overig", inputs.other_eur, None, inputs.other_eur),
    )
    total = Range(sum(t.cost.low for t in terms), sum(t.cost.likely for t in terms),
                  sum(t.cost.high for t in terms))
    return TransitionCost(terms, total, prices.source)
