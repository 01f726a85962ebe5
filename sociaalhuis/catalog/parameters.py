"""Parameter values as of a date, with the period they come from and whether it has lapsed."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sociaalhuis.catalog.compiler import EvaluationContext
from sociaalhuis.catalog.logic import Unknown
from sociaalhuis.catalog.model import Catalog, ParameterDef, Period


@dataclass(frozen=True)
class ParameterValue:
    """A parameter's value on a date: since when it holds, from where, and if it is outdated."""

    key: str
    value: Decimal | None
    since: date | None
    source: str
    outdated: bool  # the last known period has lapsed, or an input of the formula has
    reason: str = ""  # why an outdated figure is still used (the parameter's `lapsed`)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(parameter: ParameterDef, index: int) -> date:
    """The last day the period at `index` is known to hold."""
    period = parameter.periods[index]
    if period.end is not None:
        return period.end
    if index + 1 < len(parameter.periods):
        return parameter.periods[index + 1].start - timedelta(days=1)
    return add_months(period.start, parameter.current_for_months) - timedelta(days=1)


def period_on(parameter: ParameterDef, on: date) -> tuple[int, Period] | None:
    found = None
    for index, period in enumerate(parameter.periods):
        if period.start <= on:
            found = (index, period)
    return found


def lookup(parameter: ParameterDef, on: date) -> ParameterValue:
    """The value of a parameter with periods; None before its first period."""
    found = period_on(parameter, on)
    if found is None:
        return ParameterValue(parameter.key, None, None, "", False)
    index, period = found
    outdated = on > period_end(parameter, index)
    return ParameterValue(
        parameter.key,
        period.value,
        period.start,
        period.source,
        outdated,
        parameter.lapsed if outdated else "",
    )


def values_on(catalog: Catalog, on: date) -> dict[str, ParameterValue]:
    """Every parameter's value on `on`, formulas included; cached per date."""
    cached = catalog.value_cache.get(on)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    values: dict[str, ParameterValue] = {}
    raw: dict[str, Any] = {}
    for key in catalog.parameter_order:
        parameter = catalog.parameters[key]
        if parameter.formula:
            inputs = [values[name] for name in sorted(parameter.inputs)]
            if any(item.value is None for item in inputs):
                value = ParameterValue(key, None, None, parameter.source, False)
            else:
                result = parameter.node.fn(EvaluationContext(on, {}, [], raw))  # type: ignore[union-attr]
                since = max((item.since for item in inputs if item.since), default=None)
                reasons = dict.fromkeys(item.reason for item in inputs if item.reason)
                value = ParameterValue(
                    key,
                    None if isinstance(result, Unknown) else result,
                    since,
                    parameter.source,
                    any(item.outdated for item in inputs),
                    " ".join(reasons),
                )
        else:
            value = lookup(parameter, on)
        values[key] = value
        raw[key] = value.value
    if len(catalog.value_cache) > 64:
        catalog.value_cache.clear()
    catalog.value_cache[on] = values
    return values


def raw_values_on(catalog: Catalog, on: date) -> dict[str, Decimal | None]:
    """The bare values, as compiled conditions read them."""
    return {key: value.value for key, value in values_on(catalog, on).items()}
