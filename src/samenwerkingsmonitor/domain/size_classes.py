"""CBS size classes of municipalities (gemeentegrootteklassen, by inhabitants on 1 January).

A peer norm may name the rule "inwonersklasse" instead of a fixed peer group: each municipality
is compared, per year, with the municipalities of its own class in that year, resolved from the
stored inhabitants (ADR 0024). The bounds are those CBS StatLine uses for "Gemeentegrootte".
"""

from __future__ import annotations

SIZE_CLASS_RULE = "inwonersklasse"

SIZE_CLASS_BOUNDS: tuple[int, ...] = (5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000)
"""Lower bounds of classes 2-8; class 1 is below 5,000 inhabitants."""


def size_class(inhabitants: float) -> int:
    """The class 1-8 of a municipality with this many inhabitants."""
    return 1 + sum(1 for bound in SIZE_CLASS_BOUNDS if inhabitants >= bound)


def size_class_label(number: int) -> str:
    """'20.000 tot 50.000 inwoners' (Dutch thousands separator, like CBS)."""
    def dotted(value: int) -> str:
        return f"{value:,}".replace(",", ".")
    if number <= 1:
        return f"minder dan {dotted(SIZE_CLASS_BOUNDS[0])} inwoners"
    if number > len(SIZE_CLASS_BOUNDS):
        return f"{dotted(SIZE_CLASS_BOUNDS[-1])} inwoners of meer"
    return (f"{dotted(SIZE_CLASS_BOUNDS[number - 2])} tot "
            f"{dotted(SIZE_CLASS_BOUNDS[number - 1])} inwoners")
