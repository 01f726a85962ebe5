"""The condition parser: what it accepts, and that it fails only with its own error."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sociaalhuis.catalog.language import (
    Binary,
    Call,
    ConditionSyntaxError,
    Literal,
    Name,
    Unary,
    names_in,
    parse,
)


def test_precedence_and_literals() -> None:
    node = parse("a or b and not c >= 2023-07-01")
    assert isinstance(node, Binary) and node.op == "or"
    assert isinstance(node.right, Binary) and node.right.op == "and"
    negated = node.right.right
    assert isinstance(negated, Unary) and negated.op == "not"
    comparison = negated.operand
    assert isinstance(comparison, Binary) and comparison.op == ">="
    assert isinstance(comparison.right, Literal) and comparison.right.value == date(2023, 7, 1)


def test_arithmetic_binds_tighter_than_comparison() -> None:
    node = parse("income <= limit + step * (n - 1)")
    assert isinstance(node, Binary) and node.op == "<="
    assert isinstance(node.right, Binary) and node.right.op == "+"
    assert isinstance(node.right.right, Binary) and node.right.right.op == "*"


def test_calls_lists_and_membership() -> None:
    node = parse("any(gezin, tenure not in ['owner', 'other']) and count(members) = 2")
    assert isinstance(node, Binary)
    call = node.left
    assert isinstance(call, Call) and call.function == "any" and len(call.args) == 2
    membership = call.args[1]
    assert isinstance(membership, Binary) and membership.op == "notin"
    assert [n.name for n in names_in(node)] == ["gezin", "tenure", "members"]


def test_numbers_are_exact_decimals() -> None:
    node = parse("x <= 24155.16")
    assert isinstance(node, Binary) and isinstance(node.right, Literal)
    assert node.right.value == Decimal("24155.16")


@pytest.mark.parametrize(
    ("text", "offset", "words"),
    [
        ("", 0, "empty"),
        ("a <", 3, "expected a value"),
        ("(a", 2, "expected ')'"),
        ("a < b < c", 6, "chained"),
        ("'abc", 0, "closing quote"),
        ("a ? b", 2, "unexpected character '?'"),
        ("and", 0, "the word 'and'"),
        ("f(a,", 4, "expected a value"),
        ("2023-13-01 = x", 0, "not a date"),
        ("a b", 2, "after a complete condition"),
        ("x in 'a'", 5, "'[' to start a list"),
        ("(" * 50 + "a" + ")" * 50, 40, "nested more than"),
    ],
)
def test_errors_name_the_offset(text: str, offset: int, words: str) -> None:
    with pytest.raises(ConditionSyntaxError) as caught:
        parse(text)
    assert caught.value.offset == offset
    assert words in caught.value.message


@settings(max_examples=400)
@given(st.text(max_size=80))
def test_arbitrary_text_fails_only_with_the_parsers_error(text: str) -> None:
    try:
        parse(text)
    except ConditionSyntaxError as exc:
        assert 0 <= exc.offset <= len(text)


TOKENS = st.sampled_from(
    [
        "a",
        "b",
        "leefloon",
        "any",
        "count",
        "(",
        ")",
        "[",
        "]",
        ",",
        "and",
        "or",
        "not",
        "in",
        "<",
        "<=",
        "=",
        "!=",
        "+",
        "-",
        "*",
        "/",
        "1",
        "2.5",
        "'x'",
        "2024-01-01",
        "true",
        "false",
    ]
)


@settings(max_examples=400)
@given(st.lists(TOKENS, max_size=25))
def test_token_soup_fails_only_with_the_parsers_error(tokens: list[str]) -> None:
    text = " ".join(tokens)
    try:
        node = parse(text)
    except ConditionSyntaxError as exc:
        assert 0 <= exc.offset <= len(text)
    else:
        assert isinstance(node, Binary | Unary | Call | Name | Literal)
