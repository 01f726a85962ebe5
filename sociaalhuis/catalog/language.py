"""The condition language: tokens and a recursive-descent parser into a small syntax tree.

Nothing here evaluates; `sociaalhuis.eligibility.compiler` turns the tree into functions.
Every failure is a `ConditionSyntaxError` carrying the offset in the source text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any


class ConditionSyntaxError(ValueError):
    """A condition that cannot be parsed, with the 0-based offset of the problem."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(eq=False)
class Node:
    """A node of the syntax tree; `offset` points into the condition text."""

    offset: int
    # Filled in by the compiler: the static type and the evaluating function.
    type: str = field(default="", init=False, repr=False)
    fn: Any = field(default=None, init=False, repr=False)


@dataclass(eq=False)
class Literal(Node):
    value: bool | Decimal | str | date
    text: str = ""


@dataclass(eq=False)
class Name(Node):
    name: str


@dataclass(eq=False)
class ListOf(Node):
    items: list[Node]


@dataclass(eq=False)
class Unary(Node):
    op: str  # "not" or "-"
    operand: Node


@dataclass(eq=False)
class Binary(Node):
    op: str  # and or = != < <= > >= + - * / in notin
    left: Node
    right: Node


@dataclass(eq=False)
class Call(Node):
    function: str
    args: list[Node]


KEYWORDS = {"and", "or", "not", "in", "true", "false"}

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<date>\d{4}-\d{2}-\d{2}(?![\d.]))
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<string>'[^'\n]*'|"[^"\n]*")
  | (?P<op><=|>=|!=|==|[-+*/()<>=,\[\]])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str  # date number name string op end
    text: str
    offset: int


def tokenize(text: str) -> list[Token]:
    """Split a condition into tokens; anything unrecognised is an error at its offset."""
    tokens: list[Token] = []
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None:
            char = text[position]
            if char in "'\"":
                raise ConditionSyntaxError("text without a closing quote", position)
            raise ConditionSyntaxError(f"unexpected character {char!r}", position)
        kind = match.lastgroup or ""
        if kind != "space":
            tokens.append(Token(kind, match.group(), position))
        position = match.end()
    tokens.append(Token("end", "", len(text)))
    return tokens


_COMPARISONS = {"=", "==", "!=", "<", "<=", ">", ">="}


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    def nest(self, offset: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionSyntaxError(f"nested more than {MAX_DEPTH} levels deep", offset)

    @property
    def current(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def accept(self, text: str) -> Token | None:
        token = self.current
        if token.kind in ("op", "name") and token.text == text:
            self.index += 1
            return token
        return None

    def expect(self, text: str, what: str) -> Token:
        token = self.accept(text)
        if token is None:
            raise ConditionSyntaxError(
                f"expected {what}, found {_describe(self.current)}", self.current.offset
            )
        return token

    def parse(self) -> Node:
        if self.current.kind == "end":
            raise ConditionSyntaxError("the condition is empty", 0)
        node = self.or_()
        if self.current.kind != "end":
            raise ConditionSyntaxError(
                f"unexpected {_describe(self.current)} after a complete condition",
                self.current.offset,
            )
        return node

    def or_(self) -> Node:
        node = self.and_()
        while token := self.accept("or"):
            node = Binary(token.offset, "or", node, self.and_())
        return node

    def and_(self) -> Node:
        node = self.not_()
        while token := self.accept("and"):
            node = Binary(token.offset, "and", node, self.not_())
        return node

    def not_(self) -> Node:
        if token := self.accept("not"):
            self.nest(token.offset)
            node = Unary(token.offset, "not", self.not_())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self) -> Node:
        node = self.sum_()
        token = self.current
        if token.kind == "op" and token.text in _COMPARISONS:
            self.advance()
            op = "=" if token.text == "==" else token.text
            node = Binary(token.offset, op, node, self.sum_())
        elif token.kind == "name" and token.text == "in":
            self.advance()
            node = Binary(token.offset, "in", node, self.list_())
        elif (
            token.kind == "name"
            and token.text == "not"
            and self.tokens[self.index + 1].text == "in"
        ):
            self.index += 2
            node = Binary(token.offset, "notin", node, self.list_())
        nxt = self.current
        if nxt.kind == "op" and nxt.text in _COMPARISONS:
            raise ConditionSyntaxError(
                "comparisons cannot be chained; join them with 'and'", nxt.offset
            )
        return node

    def list_(self) -> ListOf:
        start = self.expect("[", "'[' to start a list")
        self.nest(start.offset)
        items: list[Node] = []
        if not self.accept("]"):
            items.append(self.sum_())
            while self.accept(","):
                items.append(self.sum_())
            self.expect("]", "',' or ']'")
        self.depth -= 1
        return ListOf(start.offset, items)

    def sum_(self) -> Node:
        node = self.product()
        while self.current.kind == "op" and self.current.text in "+-":
            token = self.advance()
            node = Binary(token.offset, token.text, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.current.kind == "op" and self.current.text in "*/":
            token = self.advance()
            node = Binary(token.offset, token.text, node, self.unary())
        return node

    def unary(self) -> Node:
        if token := self.accept("-"):
            self.nest(token.offset)
            node = Unary(token.offset, "-", self.unary())
            self.depth -= 1
            return node
        return self.atom()

    def atom(self) -> Node:
        token = self.current
        if token.kind == "number":
            self.advance()
            return Literal(token.offset, Decimal(token.text), token.text)
        if token.kind == "date":
            self.advance()
            try:
                return Literal(token.offset, date.fromisoformat(token.text), token.text)
            except ValueError:
                raise ConditionSyntaxError(f"{token.text} is not a date", token.offset) from None
        if token.kind == "string":
            self.advance()
            return Literal(token.offset, token.text[1:-1], token.text)
        if token.kind == "name":
            if token.text in ("true", "false"):
                self.advance()
                return Literal(token.offset, token.text == "true", token.text)
            if token.text in KEYWORDS:
                raise ConditionSyntaxError(
                    f"expected a value, found the word '{token.text}'", token.offset
                )
            self.advance()
            if opening := self.accept("("):
                self.nest(opening.offset)
                args: list[Node] = []
                if not self.accept(")"):
                    args.append(self.or_())
                    while self.accept(","):
                        args.append(self.or_())
                    self.expect(")", "',' or ')'")
                self.depth -= 1
                return Call(token.offset, token.text, args)
            return Name(token.offset, token.text)
        if opening := self.accept("("):
            self.nest(opening.offset)
            node = self.or_()
            self.expect(")", "')'")
            self.depth -= 1
            return node
        raise ConditionSyntaxError(f"expected a value, found {_describe(token)}", token.offset)


def _describe(token: Token) -> str:
    if token.kind == "end":
        return "the end of the condition"
    return f"'{token.text}'"


MAX_LENGTH = 4_000
MAX_DEPTH = 40


def parse(text: str) -> Node:
    """Parse a condition or formula; raises ConditionSyntaxError naming the offset."""
    if not isinstance(text, str):
        raise ConditionSyntaxError("a condition must be text", 0)
    if len(text) > MAX_LENGTH:
        raise ConditionSyntaxError(f"a condition may be at most {MAX_LENGTH} characters", 0)
    return _Parser(text).parse()


def names_in(node: Node) -> list[Name]:
    """Every name the tree refers to, in reading order (function names excluded)."""
    found: list[Name] = []
    stack: list[Node] = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, Name):
            found.append(current)
        elif isinstance(current, Unary):
            stack.append(current.operand)
        elif isinstance(current, Binary):
            stack.extend((current.right, current.left))
        elif isinstance(current, Call):
            stack.extend(reversed(current.args))
        elif isinstance(current, ListOf):
            stack.extend(reversed(current.items))
    found.sort(key=lambda n: n.offset)
    return found
