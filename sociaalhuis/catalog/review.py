"""The maintainer's to-do list: figures whose validity ends, figures kept for lack of a newer
one, and sources nobody has read for a long time, the soonest first."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sociaalhuis.catalog.model import Catalog, Place
from sociaalhuis.catalog.parameters import period_end
from sociaalhuis.locale_format import format_day
from sociaalhuis.spreadsheet import plain_cell

DUE = {
    "validity_ends": "geldigheid loopt af",
    "validity_ended": "geldigheid verstreken",
    "lapsed": "geen nieuwer cijfer gevonden",
    "verified_long_ago": "bron lang niet nagelezen",
}
KINDS = {"parameter": "parameter", "right": "recht"}
FORMATS = ("text", "csv", "json")


@dataclass(frozen=True)
class ReviewItem:
    """One thing to look at again: what, why, by when, and where its source is."""

    id: str
    kind: str  # parameter | right
    due: str  # a key of DUE
    date: date  # the last day a figure holds, or the day its source reading grows too old
    detail: str  # Dutch
    sources: tuple[str, ...]
    place: Place


def review(catalog: Catalog, on: date, age_days: int = 365) -> list[ReviewItem]:
    """Every parameter whose last figure ends within `age_days` of `on` (or is kept lapsed),
    and every parameter and right whose source was read more than `age_days` before `on`."""
    horizon = on + timedelta(days=age_days)
    oldest = on - timedelta(days=age_days)
    items: list[ReviewItem] = []
    for key, parameter in catalog.parameters.items():
        if not parameter.periods:
            continue  # a formula: its inputs are listed themselves
        last = parameter.periods[-1]
        sources = (last.source,)
        end = period_end(parameter, len(parameter.periods) - 1)
        figure = f"cijfer {last.value} sinds {_day(last.start)}, geldig tot {_day(end)}"
        if parameter.lapsed:
            detail = f"{figure}; {parameter.lapsed}"
            items.append(ReviewItem(key, "parameter", "lapsed", end, detail, sources, last.place))
        elif end <= horizon:
            due = "validity_ended" if end < on else "validity_ends"
            items.append(ReviewItem(key, "parameter", due, end, figure, sources, last.place))
        if last.verified_on is not None and last.verified_on < oldest:
            items.append(_stale(key, "parameter", last.verified_on, age_days, sources, last.place))
    for right in catalog.rights:
        if right.verified_on is not None and right.verified_on < oldest:
            sources = tuple(right.sources)
            items.append(
                _stale(right.id, "right", right.verified_on, age_days, sources, right.place)
            )
    return sorted(items, key=lambda item: (item.date, item.kind, item.id, item.due))


def _stale(
    key: str, kind: str, verified_on: date, age_days: int, sources: tuple[str, ...], place: Place
) -> ReviewItem:
    detail = f"nagelezen op {_day(verified_on)}, meer dan {age_days} dagen geleden"
    due_on = verified_on + timedelta(days=age_days)
    return ReviewItem(key, kind, "verified_long_ago", due_on, detail, sources, place)


def _day(value: date) -> str:
    return format_day(value, "nl", "compact")


def as_text(items: list[ReviewItem], on: date, age_days: int) -> str:
    """A table for the terminal, in Dutch: date, kind, id, what is due, the detail and source."""
    title = (
        f"Na te kijken op {_day(on)}: cijfers die binnen {age_days} dagen vervallen en bronnen "
        f"die langer dan {age_days} dagen niet nagelezen zijn ({len(items)})"
    )
    if not items:
        return f"{title}\nNiets na te kijken.\n"
    rows = [
        (_day(item.date), KINDS[item.kind], item.id, DUE[item.due], item.detail, _first(item))
        for item in items
    ]
    header = ("vervalt", "soort", "id", "wat", "toelichting", "bron")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]
    lines = [title, ""]
    for row in [header, *rows]:
        # The first four columns line up; detail and source are long, so they end the line.
        cells = [row[i].ljust(widths[i]) for i in range(4)]
        lines.append("  ".join([*cells, f"{row[4]} — {row[5]}"]))
    return "\n".join(lines) + "\n"


def _first(item: ReviewItem) -> str:
    """The first source of a right with several; CSV and JSON give them all."""
    others = len(item.sources) - 1
    return item.sources[0] + (f" (en {others} andere)" if others else "")


def as_csv(items: list[ReviewItem]) -> str:
    """One row per item under a header; cells a spreadsheet would run are made plain text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["id", "kind", "due", "date", "what", "detail", "sources", "place"])
    for item in items:
        row = [item.id, item.kind, item.due, item.date.isoformat(), DUE[item.due]]
        row += [item.detail, " | ".join(item.sources), str(item.place)]
        writer.writerow([plain_cell(cell) for cell in row])
    return out.getvalue()


def as_json(items: list[ReviewItem]) -> str:
    """A list of objects with the fields of the CSV columns; `sources` is a list."""
    rows = []
    for item in items:
        row = asdict(item)
        row["sources"] = list(item.sources)
        row["date"] = item.date.isoformat()
        row["what"] = DUE[item.due]
        row["place"] = str(item.place)
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
