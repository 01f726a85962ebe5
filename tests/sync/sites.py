"""A site editing its own copy of the records offline, writing every edit as a Change."""

from __future__ import annotations

import uuid
from typing import Any

from sociaalhuis.sync.apply import Key
from sociaalhuis.sync.change import Change, new_change_id
from sociaalhuis.sync.merge import Record

PERSON = ("persons", str(uuid.UUID(int=1)))
HOUSEHOLD = ("households", str(uuid.UUID(int=2)))
REFERRAL = ("referrals", str(uuid.UUID(int=3)))

INITIAL: dict[Key, Record] = {
    PERSON: Record(
        1, {"given_name": "An", "family_name": "Peeters", "phone": "016 11", "email": "an@x.be"}
    ),
    HOUSEHOLD: Record(
        3, {"street": "Dorpsstraat", "house_number": "1", "postcode": "3020", "box": None}
    ),
    REFERRAL: Record(2, {"status": "draft", "reason": "Huurwaarborg", "follow_up_on": None}),
}


class LocalSite:
    """One site's records and outbox: each edit bumps the record's version by one and takes the
    site's next seq, as the outbox does."""

    def __init__(self, site_id: str, records: dict[Key, Record] | None = None) -> None:
        self.site_id = site_id
        self.records: dict[Key, Record] = dict(INITIAL if records is None else records)
        self.outbox: list[Change] = []

    def edit(self, key: Key, **fields: Any) -> Change:
        record = self.records[key]
        assert not record.deleted
        base_fields = {name: record.fields.get(name) for name in fields}
        self.records[key] = Record(record.version + 1, {**record.fields, **fields})
        return self._write(key, "update", record.version, fields, base_fields)

    def delete(self, key: Key) -> Change:
        record = self.records[key]
        assert not record.deleted
        self.records[key] = Record(record.version + 1, record.fields, deleted=True)
        return self._write(key, "delete", record.version, {}, {})

    def insert(self, table: str, **fields: Any) -> tuple[Key, Change]:
        key = (table, str(uuid.uuid4()))
        self.records[key] = Record(1, dict(fields))
        return key, self._write(key, "insert", None, fields, {})

    def _write(
        self,
        key: Key,
        op: str,
        base_version: int | None,
        fields: dict[str, Any],
        base_fields: dict[str, Any],
    ) -> Change:
        change = Change(
            change_id=new_change_id(),
            site_id=self.site_id,
            seq=len(self.outbox) + 1,
            table=key[0],
            record_id=key[1],
            op=op,
            base_version=base_version,
            version=1 if base_version is None else base_version + 1,
            fields=dict(fields),
            base_fields=base_fields,
        )
        self.outbox.append(change)
        return change
