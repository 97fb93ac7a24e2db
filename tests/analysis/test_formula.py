"""The formula grammar: what is accepted, what is refused (with the exact message), and how
whole columns are evaluated."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from samenwerkingsmonitor.analysis.formula import (
    Binary,
    Expr,
    Negate,
    Number,
    Variable,
    evaluate,
    parse,
    to_text,
    variables,
)
from samenwerkingsmonitor.errors import FormulaError


@pytest.mark.parametrize(
    ("text", "canonical", "names"),
    [
        ("formatie_fte / inwoners * 1000", "formatie_fte / inwoners * 1000",
         {"formatie_fte", "inwoners"}),
        ("inhuur_eur/(loonsom_eur+inhuur_eur)*100", "inhuur_eur / (loonsom_eur + inhuur_eur) * 100",
         {"inhuur_eur", "loonsom_eur"}),
        ("-a - -b", "-a - -b", {"a", "b"}),
        ("a - (b - c)", "a - (b - c)", {"a", "b", "c"}),
        ("(a - b) - c", "a - b - c", {"a", "b", "c"}),
        ("a / (b * c)", "a / (b * c)", {"a", "b", "c"}),
        ("-(a + b) * 2", "-(a + b) * 2", {"a", "b"}),
        ("1.5e3 * x2", "1500 * x2", {"x2"}),
        ("  12.25  ", "12.25", set()),
        ("((lasten_eur))", "lasten_eur", {"lasten_eur"}),
    ],
)
def test_accepted_formulas(text: str, canonical: str, names: set[str]) -> None:
    expr = parse(text)
    assert to_text(expr) == canonical
    assert variables(expr) == frozenset(names)
    assert parse(canonical) == expr


def test_precedence_and_left_association() -> None:
    assert parse("a - b * c / d") == Binary(
        "-", Variable("a"), Binary("/", Binary("*", Variable("b"), Variable("c")), Variable("d")))
    assert parse("-2") == Negate(Number(2.0))


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("max(a, b)", 1, "Functieaanroep 'max(' op positie 1 is niet toegestaan; een formule "
                         "kent alleen + - * / en haakjes."),
        ("a + sqrt (b)", 5, "Functieaanroep 'sqrt(' op positie 5 is niet toegestaan; een "
                            "formule kent alleen + - * / en haakjes."),
        ("a ** 2", 3, "'**' op positie 3 is niet toegestaan: machtsverheffen kan niet in een "
                      "formule."),
        ("gemeente.inwoners / 2", 1, "Naam met een punt 'gemeente.inwoners' op positie 1 is "
                                     "niet toegestaan; gebruik een invoer-id zonder punt."),
        ("a + 'tekst'", 5, "Tekst tussen aanhalingstekens op positie 5 is niet toegestaan."),
        ("a >= b", 3, "Vergelijking '>=' op positie 3 is niet toegestaan."),
        ("a == b", 3, "Vergelijking '==' op positie 3 is niet toegestaan."),
        ("a < b", 3, "Vergelijking '<' op positie 3 is niet toegestaan."),
        ("a % b", 3, "Teken '%' op positie 3 is niet toegestaan; een formule bevat alleen "
                     "getallen, invoer-id's, + - * / en haakjes."),
        ("Inwoners * 2", 1, "'Inwoners' op positie 1 is geen geldig invoer-id: gebruik kleine "
                            "letters, cijfers en _, beginnend met een letter."),
        ("(a + b", 1, "Het haakje '(' op positie 1 wordt niet gesloten."),
        ("a +", 4, "De formule houdt op bij positie 4; daar hoort een getal, invoer-id of '(' "
                   "te staan."),
        ("a b", 3, "Onverwacht 'b' op positie 3; daar hoort een operator (+ - * /) of het "
                   "einde van de formule."),
        ("a)", 2, "Onverwacht ')' op positie 2; daar hoort een operator (+ - * /) of het "
                  "einde van de formule."),
        ("* a", 1, "Onverwacht '*' op positie 1; daar hoort een getal, invoer-id of '(' te "
                   "staan."),
        ("+a", 1, "Onverwacht '+' op positie 1; daar hoort een getal, invoer-id of '(' te "
                  "staan."),
        ("1.2.3", 1, "Ongeldig getal op positie 1."),
        ("   ", 1, "De formule is leeg."),
        ("1e999", 1, "Getal op positie 1 is te groot."),
    ],
)
def test_refused_formulas(text: str, position: int, message: str) -> None:
    with pytest.raises(FormulaError) as caught:
        parse(text)
    assert caught.value.message == message
    assert caught.value.position == position


def test_deep_nesting_is_refused_not_a_crash() -> None:
    with pytest.raises(FormulaError, match="te diep genest"):
        parse("(" * 80 + "a" + ")" * 80)
    with pytest.raises(FormulaError, match="te lang"):
        parse(" + ".join(["a"] * 300))


NAN = float("nan")


@pytest.mark.parametrize(
    ("text", "env", "values", "zero_division"),
    [
        ("a / b", {"a": [1, 2, NAN, 0], "b": [2, 0, 1, 0]},
         [0.5, NAN, NAN, NAN], [False, True, False, True]),
        ("inhuur / (loonsom + inhuur) * 100", {"inhuur": [10, 0], "loonsom": [90, 0]},
         [10.0, NAN], [False, True]),
        ("a - -b * 2", {"a": [1.0], "b": [3.0]}, [7.0], [False]),
        ("a / (b - b)", {"a": [1.0, NAN], "b": [4.0, 5.0]}, [NAN, NAN], [True, True]),
        ("(a / b) * 0 + 1", {"a": [1.0], "b": [0.0]}, [NAN], [True]),
        ("a * 1000 / 4", {"a": [2.0, 3.0]}, [500.0, 750.0], [False, False]),
    ],
)
def test_evaluate_whole_columns(text: str, env: dict[str, list[float]], values: list[float],
                                zero_division: list[bool]) -> None:
    arrays = {name: np.array(column, dtype=float) for name, column in env.items()}
    result, mask = evaluate(parse(text), arrays)
    np.testing.assert_array_equal(result, np.array(values))
    assert mask.tolist() == zero_division


def test_evaluate_a_constant_and_a_missing_input() -> None:
    result, mask = evaluate(parse("6 / 3"), {})
    assert float(result) == 2.0 and not bool(mask)
    with pytest.raises(FormulaError, match="maar daarvoor is geen waarde"):
        evaluate(parse("a + b"), {"a": np.array([1.0])})


names = st.sampled_from(["a", "b", "inwoners", "loonsom_eur", "x1"])
numbers = st.floats(min_value=0, max_value=1e20, allow_nan=False).map(Number)
expressions: st.SearchStrategy[Expr] = st.recursive(
    st.one_of(numbers, names.map(Variable)),
    lambda inner: st.one_of(
        inner.map(Negate),
        st.tuples(st.sampled_from("+-*/"), inner, inner).map(lambda t: Binary(*t)),
    ),
    max_leaves=12,
)


@given(expressions)
def test_text_reads_back_to_the_same_tree(expr: Expr) -> None:
    assert parse(to_text(expr)) == expr


@given(expressions, st.lists(st.floats(-1e6, 1e6), min_size=3, max_size=3))
def test_evaluate_agrees_element_by_element(expr: Expr, column: list[float]) -> None:
    env = {name: np.array(column) for name in ("a", "b", "inwoners", "loonsom_eur", "x1")}
    whole, whole_mask = evaluate(expr, env)
    for index in range(3):
        one = {name: values[index:index + 1] for name, values in env.items()}
        single, single_mask = evaluate(expr, one)
        np.testing.assert_array_equal(single, whole[index:index + 1])
        assert single_mask.tolist() == whole_mask[index:index + 1].tolist()
