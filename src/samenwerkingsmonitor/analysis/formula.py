"""The formula grammar of derived indicators (docs/framework-file.md).

    expr    := term (("+" | "-") term)*
    term    := unary (("*" | "/") unary)*
    unary   := "-" unary | primary
    primary := NUMBER | INPUT_ID | "(" expr ")"

Nothing else: no function calls, powers, dotted names, strings or comparisons. A framework
file is data a council adopts; a formula must stay readable by a controller and can never run
code. Positions in messages count characters from 1.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from samenwerkingsmonitor.errors import FormulaError
from samenwerkingsmonitor.i18n import _

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

MAX_DEPTH = 50  # nesting deeper than this is no formula a person wrote
MAX_TOKENS = 400
_INPUT_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OPERATORS = "+-*/()"
_COMPARISONS = ("==", "!=", "<=", ">=", "<", ">", "=", "!")


@dataclass(frozen=True, slots=True)
class Number:
    value: float


@dataclass(frozen=True, slots=True)
class Variable:
    name: str


@dataclass(frozen=True, slots=True)
class Negate:
    operand: Expr


@dataclass(frozen=True, slots=True)
class Binary:
    operator: str  # one of + - * /
    left: Expr
    right: Expr


Expr = Number | Variable | Negate | Binary


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "number", "name", "op" or "end"
    text: str
    position: int


def _refusal(text: str, index: int) -> FormulaError:
    """The message for a character that starts no token of the grammar."""
    position = index + 1
    char = text[index]
    if text.startswith("**", index):
        return FormulaError(
            _("'**' op positie {pos} is niet toegestaan: machtsverheffen kan niet in een "
              "formule.").format(pos=position), position)
    if char in "'\"":
        return FormulaError(
            _("Tekst tussen aanhalingstekens op positie {pos} is niet toegestaan.").format(
                pos=position), position)
    for operator in _COMPARISONS:
        if text.startswith(operator, index):
            return FormulaError(
                _("Vergelijking '{op}' op positie {pos} is niet toegestaan.").format(
                    op=operator, pos=position), position)
    return FormulaError(
        _("Teken '{char}' op positie {pos} is niet toegestaan; een formule bevat alleen "
          "getallen, invoer-id's, + - * / en haakjes.").format(char=char, pos=position),
        position)


def _name_token(text: str, index: int) -> tuple[_Token, int]:
    match = _NAME.match(text, index)
    assert match is not None
    name, end, position = match.group(), match.end(), index + 1
    if end < len(text) and text[end] == ".":
        dotted = re.match(r"[A-Za-z0-9_.]*", text[index:])
        raise FormulaError(
            _("Naam met een punt '{name}' op positie {pos} is niet toegestaan; gebruik een "
              "invoer-id zonder punt.").format(name=dotted.group() if dotted else name,
                                               pos=position), position)
    if not _INPUT_ID.match(name):
        raise FormulaError(
            _("'{name}' op positie {pos} is geen geldig invoer-id: gebruik kleine letters, "
              "cijfers en _, beginnend met een letter.").format(name=name, pos=position),
            position)
    rest = text[end:].lstrip()
    if rest.startswith("("):
        raise FormulaError(
            _("Functieaanroep '{name}(' op positie {pos} is niet toegestaan; een formule "
              "kent alleen + - * / en haakjes.").format(name=name, pos=position), position)
    return _Token("name", name, position), end


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            index += 1
            continue
        if char.isdigit():
            match = _NUMBER.match(text, index)
            assert match is not None
            if match.end() < len(text) and text[match.end()] == ".":
                raise FormulaError(
                    _("Ongeldig getal op positie {pos}.").format(pos=index + 1), index + 1)
            tokens.append(_Token("number", match.group(), index + 1))
            index = match.end()
        elif char.isalpha() or char == "_":
            token, index = _name_token(text, index)
            tokens.append(token)
        elif char in _OPERATORS and not text.startswith("**", index):
            tokens.append(_Token("op", char, index + 1))
            index += 1
        else:
            raise _refusal(text, index)
    if len(tokens) > MAX_TOKENS:
        raise FormulaError(
            _("De formule is te lang: meer dan {n} getallen, namen en tekens.").format(
                n=MAX_TOKENS), tokens[MAX_TOKENS].position)
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0

    @property
    def current(self) -> _Token:
        return self.tokens[self.index]

    def take(self) -> _Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def at_op(self, operators: str) -> bool:
        return self.current.kind == "op" and self.current.text in operators

    def expression(self) -> Expr:
        node = self.term()
        while self.at_op("+-"):
            node = Binary(self.take().text, node, self.term())
        return node

    def term(self) -> Expr:
        node = self.unary()
        while self.at_op("*/"):
            node = Binary(self.take().text, node, self.unary())
        return node

    def unary(self) -> Expr:
        if self.at_op("-"):
            self.take()
            return Negate(self.nested(self.unary))
        return self.primary()

    def nested(self, rule: Callable[[], Expr]) -> Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(
                _("De formule is te diep genest bij positie {pos}.").format(
                    pos=self.current.position), self.current.position)
        node = rule()
        self.depth -= 1
        return node

    def primary(self) -> Expr:
        token = self.take()
        if token.kind == "number":
            value = float(token.text)
            if not math.isfinite(value):
                raise FormulaError(
                    _("Getal op positie {pos} is te groot.").format(pos=token.position),
                    token.position)
            return Number(value)
        if token.kind == "name":
            return Variable(token.text)
        if token.text == "(":
            node = self.nested(self.expression)
            if not self.at_op(")"):
                raise FormulaError(
                    _("Het haakje '(' op positie {pos} wordt niet gesloten.").format(
                        pos=token.position), token.position)
            self.take()
            return node
        if token.kind == "end":
            raise FormulaError(
                _("De formule houdt op bij positie {pos}; daar hoort een getal, invoer-id of "
                  "'(' te staan.").format(pos=token.position), token.position)
        raise FormulaError(
            _("Onverwacht '{token}' op positie {pos}; daar hoort een getal, invoer-id of "
              "'(' te staan.").format(token=token.text, pos=token.position), token.position)

    def finish(self, node: Expr) -> Expr:
        token = self.current
        if token.kind != "end":
            raise FormulaError(
                _("Onverwacht '{token}' op positie {pos}; daar hoort een operator (+ - * /) "
                  "of het einde van de formule.").format(token=token.text, pos=token.position),
                token.position)
        return node


def parse(text: str) -> Expr:
    """Parse a formula; raise FormulaError (with the character position) if it is refused."""
    if not text.strip():
        raise FormulaError(_("De formule is leeg."), 1)
    parser = _Parser(text)
    return parser.finish(parser.expression())


def variables(expr: Expr) -> frozenset[str]:
    """The input ids a formula reads."""
    if isinstance(expr, Variable):
        return frozenset({expr.name})
    if isinstance(expr, Negate):
        return variables(expr.operand)
    if isinstance(expr, Binary):
        return variables(expr.left) | variables(expr.right)
    return frozenset()


def evaluate(expr: Expr, env: Mapping[str, FloatArray]) -> tuple[FloatArray, BoolArray]:
    """Values of `expr` over whole columns at once, and where a division by zero occurred.

    A value is NaN where an input is NaN or a denominator is 0; the mask is True where a
    division by zero made it so (the finding then names the gap). Raises KeyError for an
    input missing from `env`. The result has the broadcast shape of all columns in `env`.
    """
    values, zero_division = _evaluate(expr, env)
    shape = np.broadcast_shapes(*(np.shape(column) for column in env.values()))
    return (np.broadcast_to(values, shape).astype(np.float64),
            np.broadcast_to(zero_division, shape).copy())


def _evaluate(expr: Expr, env: Mapping[str, FloatArray]) -> tuple[FloatArray, BoolArray]:
    if isinstance(expr, Number):
        return np.asarray(expr.value, dtype=np.float64), np.asarray(False)
    if isinstance(expr, Variable):
        if expr.name not in env:
            raise FormulaError(_("De formule gebruikt '{name}', maar daarvoor is geen waarde.")
                               .format(name=expr.name))
        column = np.asarray(env[expr.name], dtype=np.float64)
        return column, np.zeros(column.shape, dtype=np.bool_)
    if isinstance(expr, Negate):
        operand, mask = _evaluate(expr.operand, env)
        return -operand, mask
    left, left_mask = _evaluate(expr.left, env)
    right, right_mask = _evaluate(expr.right, env)
    mask = left_mask | right_mask
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        if expr.operator == "+":
            return left + right, mask
        if expr.operator == "-":
            return left - right, mask
        if expr.operator == "*":
            return left * right, mask
        by_zero = right == 0
        return np.where(by_zero, np.nan, left / np.where(by_zero, 1.0, right)), mask | by_zero


_PRECEDENCE = {"+": 1, "-": 1, "*": 2, "/": 2}


def to_text(expr: Expr) -> str:
    """The formula as text; parse(to_text(e)) == e."""
    if isinstance(expr, Number):
        value = expr.value
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(expr, Variable):
        return expr.name
    if isinstance(expr, Negate):
        inner = to_text(expr.operand)
        return f"-({inner})" if isinstance(expr.operand, Binary) else f"-{inner}"
    precedence = _PRECEDENCE[expr.operator]
    left = to_text(expr.left)
    if isinstance(expr.left, Binary) and _PRECEDENCE[expr.left.operator] < precedence:
        left = f"({left})"
    right = to_text(expr.right)
    if isinstance(expr.right, Binary) and _PRECEDENCE[expr.right.operator] <= precedence:
        right = f"({right})"
    return f"{left} {expr.operator} {right}"
