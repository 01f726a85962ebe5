"""National register numbers: python-stdnum's checks plus the birth-date cross-check."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.be import nn

from sociaalhuis.cases.national_number import make, normalise
from sociaalhuis.errors import ValidationError


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 1)),
    st.integers(min_value=1, max_value=998),
)
def test_made_numbers_are_valid_and_carry_the_birth_date(born, serial):
    number = make(born, serial)
    assert nn.is_valid(number)
    assert normalise("nn", number, born) == (number, born)


@given(st.text(max_size=20))
def test_any_text_is_accepted_or_refused_with_a_validation_error(text):
    try:
        number, _ = normalise("nn", text)
    except ValidationError as exc:
        assert exc.field == "nn"
    else:
        assert nn.is_valid(number)


def test_formatting_is_removed():
    assert normalise("nn", "85.03.14-123.02") == ("85031412302", date(1985, 3, 14))


def test_a_bis_number_is_accepted():
    # BIS: birth month + 40 when the sex is known.
    base = "854314123"
    number = base + f"{97 - int(base) % 97:02d}"
    assert normalise("nn", number)[0] == number


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("85031412303", "check digits"),
        ("8503141230", "11 digits"),
        ("8503141230x", "only digits"),
    ],
)
def test_bad_numbers_say_why(raw, reason):
    with pytest.raises(ValidationError, match=reason):
        normalise("members[0].national_number", raw)
