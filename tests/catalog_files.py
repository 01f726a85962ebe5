"""A small catalog written to a temporary folder, for tests that need exact control."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FACTS = """\
[fact.birth_date]
about = "person"
type = "date"
label = "geboortedatum"
question = "Wat is de geboortedatum?"
theme = "identity"

[fact.dependant]
about = "person"
type = "bool"
label = "persoon ten laste"
question = "Ten laste?"
theme = "household"

[fact.leefloon]
about = "person"
type = "bool"
label = "leefloon"
question = "Leefloon?"
theme = "statuses"

[fact.household_income]
about = "household"
type = "money"
label = "gezinsinkomen"
question = "Gezinsinkomen?"
theme = "income"
min = 0

[fact.lives_in_herent]
about = "household"
type = "bool"
label = "woont in Herent"
question = "Woont in Herent?"
theme = "household"

[fact.tenure]
about = "household"
type = "choice"
label = "woonsituatie"
question = "Huur of eigendom?"
theme = "housing"
choices = { owner = "eigenaar", private_rent = "huurt privé", social_rent = "huurt sociaal" }

[derived.age]
about = "person"
type = "number"
label = "leeftijd"
formula = "years_between(birth_date, evaluation_date)"
min = 0
max = 130

[group.gezin]
label = "gezin"
where = "role in ['applicant', 'partner'] or dependant"
"""

PARAMETERS = """\
[parameter.vt_limit]
type = "money"
label = "grens"

[[parameter.vt_limit.period]]
valid_from = 2022-08-01
verified_on = 2024-05-01
value = "24155.16"
source = "https://www.fsmb.be/nl/inkomensonderzoek"

[parameter.vt_step]
type = "money"
label = "per bijkomend gezinslid"

[[parameter.vt_step.period]]
valid_from = 2022-08-01
verified_on = 2024-05-01
value = "4471.78"
source = "https://www.fsmb.be/nl/inkomensonderzoek"

[parameter.base]
type = "money"
label = "basisbedrag"

[[parameter.base.period]]
valid_from = 2024-01-01
verified_on = 2024-05-01
until = 2024-12-31
value = "100"
source = "test"

[[parameter.base.period]]
valid_from = 2025-01-01
verified_on = 2024-05-01
value = "110"
source = "test"

[parameter.coefficient]
type = "number"
label = "koppelingscoëfficiënt"
current_for_months = 24

[[parameter.coefficient.period]]
valid_from = 2025-01-01
verified_on = 2024-05-01
value = "1.5"
source = "test"

[parameter.indexed]
type = "money"
label = "geïndexeerd bedrag"
formula = "round(base * coefficient, 2)"
source = "basisbedrag × coëfficiënt"
"""

RIGHTS = """\
[[right]]
id = "vt"
name = "Verhoogde tegemoetkoming"
level = "federaal"
provider = "ziekenfonds"
obtained = "automatic"
sources = ["https://www.fsmb.be/nl/inkomensonderzoek"]
verified_on = 2024-05-01

[[right.route]]
label = "leefloon"
when = "any(gezin, leefloon)"

[[right.route]]
label = "laag inkomen"
when = "household_income <= vt_limit + vt_step * (count(gezin) - 1)"

[[right]]
id = "local"
name = "Lokaal recht"
level = "lokaal"
provider = "Sociaal Huis Herent"
obtained = "grant"
sources = ["beleidsplan"]
verified_on = 2022-03-08
when = "lives_in_herent and eligible(vt)"

[[right]]
id = "senior"
name = "Senior"
level = "lokaal"
provider = "Sociaal Huis Herent"
obtained = "refer"
sources = ["beleidsplan"]
verified_on = 2022-03-08
when = "count(members, age >= 65) >= 1 and tenure != 'owner'"
"""

CASES = """\
[[case]]
name = "leefloon"
date = 2026-11-22
expect = { vt = "eligible", local = "possibly_eligible" }
missing = { local = ["lives_in_herent"] }

[[case.member]]
role = "applicant"
leefloon = true
"""


@pytest.fixture
def make_catalog(tmp_path: Path) -> Callable[..., Path]:
    """Write a catalog folder; keyword arguments replace or add files (relative path → text)."""

    def make(**files: str) -> Path:
        root = tmp_path / "catalog"
        contents = {
            "catalog.toml": 'name = "Testcatalogus"\nversion = "t1"\n',
            "facts/core.toml": FACTS,
            "parameters/core.toml": PARAMETERS,
            "rights/core.toml": RIGHTS,
            "tests/core.toml": CASES,
        }
        contents.update(
            {
                name.replace("__", "/").removesuffix("_toml") + ".toml": text
                for name, text in files.items()
            }
        )
        for name, text in contents.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return root

    return make
