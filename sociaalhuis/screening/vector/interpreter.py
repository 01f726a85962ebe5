"""Evaluate a compiled condition's syntax tree over whole columns.

The tree is the one the compiler checked and typed (`node.type`); each node becomes a few
array operations over every household (or every member row) of the batch. Row by row the
result is what the node's compiled function gives for that household, errors included:
a row "errs" exactly where the function would raise, short circuits respected.
"""

from __future__ import annotations

import weakref
from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

import numpy as np

from sociaalhuis.catalog.language import Binary, Call, Literal, Name, Node, Unary, names_in
from sociaalhuis.catalog.model import BUILT_IN_GROUP, EVALUATION_DATE, Catalog
from sociaalhuis.screening.vector import aggregates
from sociaalhuis.screening.vector import values as v
from sociaalhuis.screening.vector.caseload import Caseload, scalar
from sociaalhuis.screening.vector.values import Col

# Syntax node → its key, and the base facts it reads, for every catalog loaded; an unloaded
# catalog's nodes drop out.
KEYS: weakref.WeakKeyDictionary[Node, str] = weakref.WeakKeyDictionary()
READS: weakref.WeakKeyDictionary[Node, frozenset[str]] = weakref.WeakKeyDictionary()
FIXED = (EVALUATION_DATE, BUILT_IN_GROUP)


class Run:
    """One batch on one date: base columns, derived values computed so far, rights so far."""

    def __init__(self, catalog: Catalog, caseload: Caseload, on: date, params: dict[str, Any]):
        self.catalog = catalog
        self.caseload = caseload
        self.on = on
        self.params = params
        self.doubt = caseload.doubt
        self.household = dict(caseload.household)
        self.members = dict(caseload.members)
        self.rights: dict[str, Col] = {}
        # Only parts that recur are kept: keeping every part of every condition until the band
        # was done cost 17 kB per household, and most parts are read once.
        self.recurring = recurring(catalog, self.key)
        self.cache: dict[tuple[str, bool], Col] = {}
        self.reads: dict[tuple[str, bool], frozenset[str]] = {}  # cache key → facts it read

    def rows(self, member: bool) -> int:
        return len(self.caseload.owner) if member else self.caseload.size

    def owner(self, member: bool) -> np.ndarray | None:
        return self.caseload.owner if member else None

    def forget(self, fact: str) -> None:
        """Values that read `fact` are computed again after an implied fact filled it in."""
        for key in [k for k in self.cache if fact in self.reads[k] or "*" in self.reads[k]]:
            del self.cache[key]

    def remember(self, key: tuple[str, bool], node: Node, col: Col) -> Col:
        self.cache[key] = col
        self.reads[key] = self.base_reads(node)
        return col

    def base_reads(self, node: Node) -> frozenset[str]:
        """The base facts a part of a condition reads, through derived facts and groups."""
        found = READS.get(node)
        if found is not None:
            return found
        names: set[str] = set()
        for name in names_in(node):
            fact = self.catalog.facts.get(name.name)
            if fact is not None:
                names |= self.base_reads(fact.node) if fact.node is not None else {name.name}
            elif name.name in self.catalog.groups:
                names |= self.base_reads(self.catalog.groups[name.name].node)  # type: ignore[arg-type]
            elif name.name not in self.catalog.parameters and name.name not in FIXED:
                names.add("*")  # a right of eligible(): it may read anything
        READS[node] = found = frozenset(names)
        return found

    def eval(self, node: Node, member: bool) -> Col:
        if isinstance(node, Unary | Binary | Call):
            # The same part of a condition recurs across rights (count(gezin), age >= 65):
            # computed once per batch, until an implied fact changes the base columns.
            key = (self.key(node), member)
            found = self.cache.get(key)
            if found is None:
                found = self.compute(node, member)
                if key[0] in self.recurring:
                    self.remember(key, node, found)
            return found
        return self.compute(node, member)

    def key(self, node: Node) -> str:
        """A text that is the same for two parts of conditions written alike."""
        found = KEYS.get(node)
        if found is not None:
            return found
        if isinstance(node, Literal):
            text = f"{type(node.value).__name__}:{node.value!r}"
        elif isinstance(node, Name):
            text = node.name
        elif isinstance(node, Unary):
            text = f"({node.op} {self.key(node.operand)})"
        elif isinstance(node, Binary):
            right = (
                "[" + ",".join(self.key(i) for i in node.right.items) + "]"  # type: ignore[attr-defined]
                if node.op in ("in", "notin")
                else self.key(node.right)
            )
            text = f"({self.key(node.left)} {node.op} {right})"
        elif isinstance(node, Call):
            text = f"{node.function}({','.join(self.key(a) for a in node.args)})"
        else:  # pragma: no cover - the parser makes no other nodes
            text = f"#{id(node)}"
        KEYS[node] = text
        return text

    def compute(self, node: Node, member: bool) -> Col:
        if isinstance(node, Literal):
            return self.constant(node.value, member)
        if isinstance(node, Name):
            return self.name(node, member)
        if isinstance(node, Unary):
            operand = self.eval(node.operand, member)
            if node.op == "not":
                return v.not3(operand)
            return v.negate(operand, self.doubt, self.owner(member))
        if isinstance(node, Binary):
            return self.binary(node, member)
        if isinstance(node, Call):
            return self.call(node, member)
        raise TypeError(f"cannot evaluate {type(node).__name__}")  # pragma: no cover

    def constant(self, value: Any, member: bool) -> Col:
        rows = self.rows(member)
        kind, element = scalar(value)
        if kind == "num":
            col = v.constant_number(element, rows)
            self.doubt.mark(np.full(rows, not abs(element) <= 1e8), self.owner(member))
            return col
        if kind == "bool":
            return v.constant_bool(element, rows)
        column = np.empty(rows, dtype=object) if kind == "text" else np.empty(rows, np.int64)
        column[:] = element
        return Col(kind, np.ones(rows, dtype=bool), val=column)

    def failing(self, kind: str, member: bool) -> Col:
        """A column that errs on every row (a parameter without a value on the date)."""
        rows = self.rows(member)
        unknown = np.zeros(rows, dtype=bool)
        col = (
            v.number(np.full(rows, -np.inf), np.full(rows, np.inf), unknown, ~unknown)
            if kind in ("number", "money")
            else Col("bool" if kind == "bool" else "text", unknown, val=np.zeros(rows, bool))
        )
        col.err = np.ones(rows, dtype=bool)
        return col

    def name(self, node: Name, member: bool) -> Col:
        key = node.name
        if key == EVALUATION_DATE:
            return self.constant(self.on, member)
        if key in self.catalog.parameters:
            value = self.params.get(key)
            if value is None:
                return self.failing(node.type, member)
            return self.constant(value, member)
        fact = self.catalog.facts[key]
        if fact.about == "household":
            col = self.household_value(key)
            return col.take(self.caseload.owner) if member else col
        if fact.derived:
            cached = self.cache.get((key, True))
            if cached is None:
                col = self.eval(fact.node, True)  # type: ignore[arg-type]
                cached = self.clamp(col, fact.min, fact.max, True)
                if key in self.recurring:
                    self.remember((key, True), fact.node, cached)  # type: ignore[arg-type]
            return cached
        return self.members[key]

    def household_value(self, key: str) -> Col:
        fact = self.catalog.facts[key]
        if not fact.derived:
            return self.household[key]
        cached = self.cache.get((key, False))
        if cached is None:
            col = self.eval(fact.node, False)  # type: ignore[arg-type]
            cached = self.clamp(col, fact.min, fact.max, False)
            if key in self.recurring:
                self.remember((key, False), fact.node, cached)  # type: ignore[arg-type]
        return cached

    def clamp(self, col: Col, lo: Decimal | None, hi: Decimal | None, member: bool) -> Col:
        if col.kind != "num":
            return col
        return v.clamp(
            col,
            None if lo is None else float(lo),
            None if hi is None else float(hi),
            self.doubt,
            self.owner(member),
        )

    def binary(self, node: Binary, member: bool) -> Col:
        op = node.op
        if op in ("in", "notin"):
            subject = self.eval(node.left, member)
            items = [item.value for item in node.right.items]  # type: ignore[attr-defined]
            return aggregates.membership(
                subject, items, op == "notin", self.doubt, self.owner(member)
            )
        left = self.eval(node.left, member)
        right = self.eval(node.right, member)
        if op == "and":
            return v.and3(left, right)
        if op == "or":
            return v.or3(left, right)
        if op in ("+", "-", "*", "/"):
            return v.arith(op, left, right, self.doubt, self.owner(member))
        return v.compare(op, left, right, self.doubt, self.owner(member))

    def group(self, name: str) -> Col | None:
        """Whether each member row belongs to the group (None: everyone)."""
        if name == BUILT_IN_GROUP:
            return None
        key = (f"group {name}", True)
        cached = self.cache.get(key)
        if cached is None:
            node = self.catalog.groups[name].node
            cached = self.eval(node, True)  # type: ignore[arg-type]
            if name in self.recurring:
                self.remember(key, node, cached)  # type: ignore[arg-type]
        return cached

    def call(self, node: Call, member: bool) -> Col:
        name = node.function
        if name in ("any", "all", "count", "sum"):
            group = self.group(node.args[0].name)  # type: ignore[attr-defined]
            body = self.eval(node.args[1], True) if len(node.args) > 1 else None
            return aggregates.aggregate(name, group, body, self.caseload)
        if name == "eligible":
            col = self.rights[node.args[0].name]  # type: ignore[attr-defined]
            return col.take(self.caseload.owner) if member else col
        args = [self.eval(arg, member) for arg in node.args]
        owner = self.owner(member)
        if name in ("years_between", "months_between"):
            return aggregates.between(name, args[0], args[1])
        if name in ("min", "max"):
            return aggregates.extreme(name, args[0], args[1], self.doubt, owner)
        if name == "round":
            digits = int(node.args[1].value)  # type: ignore[attr-defined]
            return aggregates.rounded(args[0], digits, self.doubt, owner)
        if name == "if":
            return aggregates.choose(args[0], args[1], args[2], self.doubt, owner)
        raise ValueError(f"unknown function {name}")  # pragma: no cover


def recurring(catalog: Catalog, key_of: Any) -> frozenset[str]:
    """The keys (`Run.key`) of the parts of the catalog's conditions, and the names of its
    derived facts and groups, that are read more than once in a batch: only those are worth
    keeping once computed. A part inside a derived fact or group counts once, as that fact or
    group is computed once (both are counted for member rows and households alike). Made
    per band: it takes well under a millisecond."""
    seen: Counter[str] = Counter()
    roots: list[Node] = [f.asked_when_node for f in catalog.facts.values() if f.asked_when_node]
    roots += [f.node for f in catalog.facts.values() if f.node is not None]
    roots += [g.node for g in catalog.groups.values() if g.node is not None]
    for right in catalog.rights:
        roots += [right.when_node] if right.when_node is not None else []
        roots += [route.node for route in right.routes if route.node is not None]
    for root in roots:
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, Name):
                seen[node.name] += 1
            elif isinstance(node, Unary):
                seen[key_of(node)] += 1
                stack.append(node.operand)
            elif isinstance(node, Binary):
                seen[key_of(node)] += 1
                stack.append(node.left)
                if node.op not in ("in", "notin"):
                    stack.append(node.right)
            elif isinstance(node, Call):
                seen[key_of(node)] += 1
                stack.extend(node.args)
    return frozenset(key for key, count in seen.items() if count > 1)
