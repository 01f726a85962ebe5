"""Belgian national register numbers (rijksregisternummer) and BIS numbers, via python-stdnum."""

from __future__ import annotations

from datetime import date

from stdnum import exceptions
from stdnum.be import bis, nn

from sociaalhuis.errors import ValidationError
from sociaalhuis.locale_format import format_day

LENGTH = 11


def normalise(field: str, raw: str, birth_date: date | None = None) -> tuple[str, date | None]:
    """The number as 11 digits and the birth date it encodes (None if the number hides it).

    Raises ValidationError naming `field` for a bad format or checksum, or when
    `birth_date` contradicts the number.
    """
    number = nn.compact(raw)
    digits = _ascii_digits(number)
    if digits and len(number) != LENGTH:
        raise ValidationError(field, "a national register number has 11 digits")
    if digits and int(number) == 0:
        # python-stdnum calls this an invalid format, which read as "only digits" here.
        raise ValidationError(field, "a national register number cannot be all zeros")
    module = bis if _is_bis(number) else nn
    try:
        number = module.validate(number)
    except exceptions.InvalidLength:
        raise ValidationError(field, "a national register number has 11 digits") from None
    except exceptions.InvalidFormat:
        raise ValidationError(field, "a national register number has only digits") from None
    except exceptions.InvalidChecksum:
        raise ValidationError(field, "the check digits do not match (typing error?)") from None
    except exceptions.ValidationError as exc:
        raise ValidationError(field, f"not a valid national register number ({exc})") from None
    encoded = _encoded_birth_date(module, number)
    if birth_date is not None and encoded is not None and encoded != birth_date:
        raise ValidationError(
            field,
            f"the number belongs to someone born on {format_day(encoded)}, "
            f"not {format_day(birth_date)}",
        )
    return number, encoded


def _ascii_digits(text: str) -> bool:
    # str.isdigit() also accepts "²" and "٣", which int() or the register do not.
    return text.isascii() and text.isdigit()


def _is_bis(number: str) -> bool:
    # BIS numbers add 20 or 40 to the birth month.
    return len(number) == LENGTH and _ascii_digits(number) and int(number[2:4]) >= 20


def _encoded_birth_date(module: object, number: str) -> date | None:
    try:
        return module.get_birth_date(number)  # type: ignore[attr-defined, no-any-return]
    except exceptions.ValidationError:
        return None  # year or month unknown: allowed by the register


def make(birth_date: date, serial: int) -> str:
    """A valid national register number for `birth_date` (serial 1–998: odd men, even women)."""
    base = f"{birth_date:%y%m%d}{serial:03d}"
    value = int(base) if birth_date.year < 2000 else int("2" + base)
    return f"{base}{97 - value % 97:02d}"


MASK = "***.**"


def mask(number: str) -> str:
    """The number as shown on screen: the birth-date part in the usual `YY.MM.DD` notation,
    the serial and check digits hidden (`85.07.15-***.**`).

    The birth date is on screen anyway; the serial and check digits are what make the number
    one person's key in the national register, so they appear only on an audited reveal.
    """
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) != 11:
        return f"**.**.**-{MASK}"
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-{MASK}"


def is_masked(text: str | None) -> bool:
    """Whether `text` is (or holds) the masked form, which must never be saved as a number."""
    return bool(text) and "*" in str(text)
