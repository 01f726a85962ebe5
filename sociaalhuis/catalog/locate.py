"""Line and column of tables and keys in a TOML file, which `tomllib` does not report.

A light scan of the text: table headers (with the index of each array-of-tables entry) and
`key = value` lines. It only has to be right for files `tomllib` already accepted.
"""

from __future__ import annotations

import re

Path = tuple[str | int, ...]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=\s*""")


def _split(name: str) -> list[str]:
    parts = re.findall(r'"[^"]*"|\'[^\']*\'|[^.\s]+', name)
    return [part.strip("\"'") for part in parts]


class Locator:
    """Maps (table path, key) to (line, column of the value); lines and columns from 1."""

    def __init__(self, text: str) -> None:
        self.places: dict[tuple[Path, str | None], tuple[int, int]] = {}
        array_index: dict[tuple[str, ...], int] = {}
        current: Path = ()
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            header = _HEADER.match(line)
            if header and not _KEY.match(line):
                names = _split(header.group(2))
                is_array = header.group(1) == "[["
                if is_array:
                    key = tuple(names)
                    array_index[key] = array_index.get(key, -1) + 1
                    for other in list(array_index):
                        if len(other) > len(key) and other[: len(key)] == key:
                            del array_index[other]
                current = self._resolve(names, array_index)
                self.places.setdefault((current, None), (number, 1))
                continue
            key_match = _KEY.match(line)
            if key_match:
                key = key_match.group(1).strip("\"'")
                column = key_match.end() + 1
                self.places.setdefault((current, key), (number, column))
                rest = line[key_match.end() :]
                for quote in ('"""', "'''"):
                    if rest.startswith(quote) and rest.count(quote) == 1:
                        in_multiline = quote

    @staticmethod
    def _resolve(names: list[str], array_index: dict[tuple[str, ...], int]) -> Path:
        path: list[str | int] = []
        for depth in range(1, len(names) + 1):
            path.append(names[depth - 1])
            prefix = tuple(names[:depth])
            if prefix in array_index:
                path.append(array_index[prefix])
        return tuple(path)

    def find(self, path: Path, key: str | None = None) -> tuple[int, int]:
        """The place of `key` in the table at `path`, else of the table, else (0, 0)."""
        if (path, key) in self.places:
            return self.places[(path, key)]
        while path:
            if (path, None) in self.places:
                return self.places[(path, None)]
            path = path[:-1]
        return 0, 0
