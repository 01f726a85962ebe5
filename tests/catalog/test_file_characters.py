"""What a maintainer's editor can do to a catalog file: a byte-order mark, another encoding,
a look-alike letter from another alphabet. Each gives one clear error, or none."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sociaalhuis.catalog import loader, lookalikes
from tests.catalog_files import CASES, FACTS, RIGHTS

MakeCatalog = Callable[..., Path]
CYRILLIC_A = "\u0430"
CYRILLIC_O = "\u043e"
GREEK_OMICRON = "\u03bf"


def errors(root: Path) -> list[str]:
    _, problems = loader.check(root, today=date(2026, 11, 22))
    return [str(p) for p in problems if p.severity == "error"]


def test_a_byte_order_mark_is_accepted(make_catalog: MakeCatalog) -> None:
    root = make_catalog()
    path = root / "facts" / "core.toml"
    path.write_bytes(codecs.BOM_UTF8 + FACTS.encode("utf-8"))
    catalog = loader.load(root, today=date(2026, 11, 22))
    assert catalog.facts["birth_date"].place.line == 1  # lines count as without the mark


def test_a_file_that_is_not_utf8_gives_one_error_with_its_line(make_catalog: MakeCatalog) -> None:
    root = make_catalog()
    # The facts file saved as Windows-1252: "é" is one byte that UTF-8 cannot read. Every
    # rule and case naming its facts would otherwise be reported as well.
    text = FACTS.replace('label = "leefloon"', 'label = "leefloon (één)"')
    (root / "facts" / "core.toml").write_bytes(text.encode("cp1252"))
    found = errors(root)
    line = text.splitlines().index('label = "leefloon (één)"') + 1
    assert found == [
        f"facts/core.toml:{line}: error: is not UTF-8: byte 20 of this line (0xE9) is not "
        "UTF-8 text, perhaps Windows-1252 or Latin-1; save the file as UTF-8"
    ]


def test_a_utf16_file_is_named_as_such(make_catalog: MakeCatalog) -> None:
    root = make_catalog()
    (root / "rights" / "core.toml").write_bytes(RIGHTS.encode("utf-16"))
    found = errors(root)
    assert len(found) == 1 and "UTF-16 byte-order mark" in found[0]
    assert found[0].startswith("rights/core.toml:1: error:")


def test_a_look_alike_in_a_condition_names_the_fact_it_resembles(
    make_catalog: MakeCatalog,
) -> None:
    bad = RIGHTS.replace("household_income <=", f"h{CYRILLIC_O}usehold_income <=")
    found = errors(make_catalog(rights__core_toml=bad))
    assert len(found) == 1
    assert found[0].endswith(
        "error: unexpected character U+043E CYRILLIC SMALL LETTER O, which looks like the "
        "Latin 'o'; did you mean 'household_income'?"
    )
    # file:line:column points at the letter itself.
    line = (
        bad.splitlines().index(
            f'when = "h{CYRILLIC_O}usehold_income <= vt_limit + vt_step * (count(gezin) - 1)"'
        )
        + 1
    )
    assert found[0].startswith(f"rights/core.toml:{line}:10: ")


def test_a_greek_letter_in_a_parameter_name_and_a_keyword(make_catalog: MakeCatalog) -> None:
    bad = RIGHTS.replace("vt_limit +", f"vt_limit {GREEK_OMICRON}r").replace(
        "lives_in_herent and", f"lives_in_herent {CYRILLIC_A}nd"
    )
    found = errors(make_catalog(rights__core_toml=bad))
    assert any("U+03BF GREEK SMALL LETTER OMICRON" in line and "'or'?" in line for line in found)
    assert any("U+0430 CYRILLIC SMALL LETTER A" in line and "'and'?" in line for line in found)


def test_a_look_alike_in_a_toml_key_names_the_character(make_catalog: MakeCatalog) -> None:
    bad = FACTS.replace("[fact.leefloon]", f"[fact.leefl{CYRILLIC_O}on]")
    found = errors(make_catalog(facts__core_toml=bad))
    line = bad.splitlines().index(f"[fact.leefl{CYRILLIC_O}on]") + 1
    assert found == [
        f"facts/core.toml:{line}:12: error: not valid TOML: Expected ']' at the end of a table "
        "declaration; the character there is U+043E CYRILLIC SMALL LETTER O, which looks like "
        "the Latin 'o'; write 'leefloon'"
    ]


def test_a_look_alike_in_a_right_id(make_catalog: MakeCatalog) -> None:
    bad = RIGHTS.replace('id = "senior"', f'id = "seni{CYRILLIC_O}r"')
    found = errors(make_catalog(rights__core_toml=bad))
    assert any(
        "right 'seniоr': an id is plain ASCII, but it holds U+043E CYRILLIC SMALL LETTER O" in line
        and "write 'senior'" in line
        for line in found
    )


def test_a_look_alike_in_a_test_case_names_the_right_and_fact(make_catalog: MakeCatalog) -> None:
    bad = CASES.replace(
        'expect = { vt = "eligible"', f'expect = {{ "v{chr(0x0442)}" = "eligible", vt = "eligible"'
    ).replace("leefloon = true", f'"leefl{CYRILLIC_O}on" = true')
    found = errors(make_catalog(tests__core_toml=bad))
    assert any("unknown right 'vт'" in line and "did you mean 'vt'?" in line for line in found)
    assert any(
        "fact 'leeflоon' holds U+043E" in line and "did you mean 'leefloon'?" in line
        for line in found
    )


def test_a_look_alike_field_name(make_catalog: MakeCatalog) -> None:
    bad = FACTS.replace('label = "leefloon"', f'"l{CYRILLIC_A}bel" = "leefloon"')
    found = errors(make_catalog(facts__core_toml=bad))
    assert any(
        "unknown field 'lаbel': U+0430 CYRILLIC SMALL LETTER A" in line
        and "did you mean 'label'?" in line
        for line in found
    )


def test_a_character_with_no_twin_is_still_named() -> None:
    assert lookalikes.describe("\u00a0") == "U+00A0 NO-BREAK SPACE"
    assert lookalikes.note("a\u00a0b", 1, {"ab"}) == "U+00A0 NO-BREAK SPACE"
    assert lookalikes.latin(f"h{CYRILLIC_O}usehold") == "household"
    assert lookalikes.id_problem("household") == ""
