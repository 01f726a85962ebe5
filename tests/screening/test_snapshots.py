"""The PostgreSQL proof that nothing but the runner's own writes ended between two snapshots."""

from __future__ import annotations

from sociaalhuis.screening import snapshots


def test_a_snapshot_is_read_as_postgresql_writes_it() -> None:
    assert snapshots.parse("100:104:100,102") == (100, 104, frozenset({100, 102}))
    assert snapshots.parse("7:7:") == (7, 7, frozenset())


def test_only_transactions_that_ended_in_between_are_named() -> None:
    before = snapshots.parse("100:104:100,102")  # 101 and 103 ended, 100 and 102 running
    after = snapshots.parse("102:108:102,106")  # 100 ended since, 104, 105 and 107 came and went
    assert snapshots.ended_between(before, after) == {100, 104, 105, 107}
    assert snapshots.ended_between(before, before) == set()
    assert snapshots.visible(99, before) and snapshots.visible(103, before)
    assert not snapshots.visible(102, before) and not snapshots.visible(104, before)


def test_too_many_transactions_in_between_give_no_proof() -> None:
    before = snapshots.parse("100:100:")
    after = snapshots.parse(f"{100 + snapshots.SPAN + 1}:{100 + snapshots.SPAN + 1}:")
    assert snapshots.ended_between(before, after) is None
