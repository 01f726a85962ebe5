"""Lists of missing facts, each kept once per batch; findings refer to them by number."""

from __future__ import annotations

import hashlib
from functools import lru_cache

import numpy as np


class MissingTable:
    """Every distinct list of missing facts of a batch once; cells hold its index."""

    def __init__(self) -> None:
        self.lists: list[tuple[str, ...]] = [()]
        self.index: dict[tuple[str, ...], int] = {(): 0}

    def code(self, names: tuple[str, ...]) -> int:
        found = self.index.get(names)
        if found is None:
            found = self.index[names] = len(self.lists)
            self.lists.append(names)
        return found

    def hashes(self) -> np.ndarray:
        """A stable 8-byte hash of each list, as the digests use it."""
        return np.array([list_hash(names) for names in self.lists], dtype=np.uint64)


@lru_cache(maxsize=1 << 16)  # the same lists recur batch after batch
def list_hash(names: tuple[str, ...]) -> int:
    """A stable 8-byte hash of a list of fact names."""
    digest = hashlib.blake2b(",".join(names).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little")
