"""Dates, numbers and money per language through Babel, and no hand-written date format left."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from sociaalhuis.eligibility import explain
from sociaalhuis.letters.layout import format_date
from sociaalhuis.locale_format import (
    format_day,
    format_moment,
    format_money,
    format_number,
    locale,
)

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("language", "numeric", "compact", "long"),
    [
        ("nl", "03/12/2026", "3/12/2026", "3 december 2026"),
        ("fr", "03/12/2026", "3/12/2026", "3 décembre 2026"),
        ("en", "03/12/2026", "3/12/2026", "3 December 2026"),
    ],
)
def test_days_per_language(language, numeric, compact, long):
    assert format_day(DAY, language) == numeric
    assert format_day(DAY, language, "compact") == compact
    assert format_day(DAY, language, "long") == long
    assert format_day(date(2026, 5, 1), language, "compact") == "1/5/2026"


@pytest.mark.parametrize(
    ("language", "positive", "negative", "small"),
    [
        ("nl", "€ 1.234,50", "€ -1.234,50", "€ 5,00"),
        ("fr", "1 234,50 €", "-1 234,50 €", "5,00 €"),
        ("en", "€1,234.50", "-€1,234.50", "€5.00"),
    ],
)
def test_money_per_language(language, positive, negative, small):
    assert format_money(Decimal("1234.5"), language) == positive
    assert format_money(Decimal("-1234.50"), language) == negative
    assert format_money(Decimal("5"), language) == small


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", ["21.400", "20.000", "0,12345", "-0,5", "1.234.567,125", "7"]),
        ("fr", ["21 400", "20 000", "0,12345", "-0,5", "1 234 567,125", "7"]),
        ("en", ["21,400", "20,000", "0.12345", "-0.5", "1,234,567.125", "7"]),
    ],
)
def test_numbers_keep_every_digit_and_drop_trailing_zeros(language, expected):
    values = [Decimal("21400.00"), Decimal("2E+4"), Decimal("0.12345"), Decimal("-0.5")]
    values += [Decimal("1234567.125"), 7]
    assert [format_number(value, language) for value in values] == expected


def test_output_has_ordinary_spaces_only():
    texts = [format_money(Decimal("1234567.5"), lang) for lang in ("nl", "fr", "en")]
    texts += [format_number(Decimal("1234567"), "fr"), format_day(DAY, "fr", "long")]
    assert not any(ch in text for text in texts for ch in "\u00a0\u202f")


def test_moments_are_numeric_with_seconds_in_the_time_zone_given():
    moment = datetime(2026, 12, 3, 14, 5, 9, tzinfo=UTC)
    assert format_moment(moment) == "03/12/2026 14:05:09"
    east = moment.astimezone(timezone(timedelta(hours=5)))
    assert format_moment(east, "en") == "03/12/2026 19:05:09"
    assert format_moment(datetime(2026, 1, 2, 3, 4, 5)) == "02/01/2026 03:04:05"
    assert format_moment(moment, seconds=False) == "03/12/2026 14:05"


def test_english_is_british_and_an_unknown_language_is_refused():
    assert str(locale("en")) == "en_GB"
    assert (str(locale("nl")), str(locale("fr"))) == ("nl_BE", "fr_BE")
    with pytest.raises(ValueError, match="'de'"):
        format_day(DAY, "de")


def test_callers_keep_the_output_the_desk_knows():
    assert format_date(date(2026, 11, 22)) == "22/11/2026"
    assert format_date(date(2026, 11, 22), "fr") == "22/11/2026"
    assert explain.day(date(2022, 8, 1)) == "1/8/2022"
    assert explain.money(Decimal("1288.46")) == "€ 1.288,46"
    assert explain.number(Decimal("21400.00")) == "21.400"


def test_no_hand_written_day_month_format_remains():
    # strftime("%d/%m/%Y"), f"{day:%d/%m/%Y}" and f"{day.day}/{day.month}/…" alike
    pattern = re.compile(r"strftime\(\s*[\"']%d/%m|\{[^{}]*:%d/%m|\.day(:02d)?\}/\{")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("ui", "sociaalhuis")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert found == []
    assert pattern.search('f"{x.day:02d}/{x.month:02d}"') and pattern.search('f"{on:%d/%m/%Y}"')
