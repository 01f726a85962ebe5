"""What the case services take and give: frozen dataclasses, never ORM objects."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

FactValue = bool | Decimal | date | str


@dataclass(frozen=True)
class PersonInput:
    """A person as entered at the desk; `person_id` set when editing someone already known."""

    given_name: str
    family_name: str
    birth_date: date | None = None
    national_number: str | None = None
    language: str = "nl"
    phone: str | None = None
    email: str | None = None
    person_id: uuid.UUID | None = None
    # True: leave the stored national number as it is (`national_number` is then ignored).
    # The masked text a view hands out (`national_number.mask`) means the same.
    keep_national_number: bool = False
    # The person's version the user started from (`PersonView.version`): a person may belong
    # to several households, so a save from any of them is refused when it moved on since.
    # None: not checked (a new person, or a caller that never showed the person).
    version: int | None = None


@dataclass(frozen=True)
class MemberInput:
    """A member and their role; `version` is the membership's as loaded (None: not checked)."""

    person: PersonInput
    role: str
    version: int | None = None


@dataclass(frozen=True)
class AddressInput:
    street: str
    house_number: str
    deelgemeente: str
    postcode: str = "3020"
    box: str | None = None


@dataclass(frozen=True)
class HouseholdInput:
    """A household's address and all its members, the applicant first or anywhere."""

    address: AddressInput
    members: tuple[MemberInput, ...]


@dataclass(frozen=True)
class FactInput:
    """A fact to record; `value=None` clears it (the fact becomes unknown again)."""

    key: str
    kind: str
    value: FactValue | None
    person_id: uuid.UUID | None = None
    evidence: str = "statement"
    valid_from: date | None = None
    valid_until: date | None = None


@dataclass(frozen=True)
class ConsentInput:
    """The client agrees to share data with a named `partner` for a `purpose`.

    `how` is `verbal` or `written`; `given_on` defaults to the day of the contact it is
    recorded with; `person_id` names the member who gave it (None: the household).
    """

    partner: str
    purpose: str
    how: str = "verbal"
    given_on: date | None = None
    person_id: uuid.UUID | None = None


@dataclass(frozen=True)
class ContactInput:
    """An intake conversation: who asked what, through which channel, with a first note and
    the consents the client gave in it."""

    question: str
    channel: str = "desk"
    site: str = "Herent"
    person_id: uuid.UUID | None = None
    occurred_at: datetime | None = None
    note: str = ""
    consents: tuple[ConsentInput, ...] = ()


@dataclass(frozen=True)
class DecisionInput:
    """What the worker did about one right: an action from `decisions.ACTIONS`, its date, a
    note and a follow-up date; `person_id` when it concerns one member."""

    right_id: str
    action: str
    decided_on: date
    note: str = ""
    follow_up_on: date | None = None
    person_id: uuid.UUID | None = None


@dataclass(frozen=True)
class PersonView:
    id: uuid.UUID
    version: int
    given_name: str
    family_name: str
    birth_date: date | None
    # Masked (`cases.national_number.mask`); the full number only through
    # `HouseholdService.reveal_national_number`, which is audited.
    national_number: str | None
    language: str
    phone: str | None
    email: str | None
    national_number_known: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


@dataclass(frozen=True)
class MemberView:
    person: PersonView
    role: str
    version: int | None = None  # the membership's, to hand back in `MemberInput.version`


@dataclass(frozen=True)
class FactView:
    id: uuid.UUID
    key: str
    kind: str
    value: FactValue | None
    person_id: uuid.UUID | None
    evidence: str
    recorded_by: uuid.UUID
    recorded_at: datetime
    valid_from: date | None
    valid_until: date | None


@dataclass(frozen=True)
class HouseholdView:
    """A household as loaded; `version` must be handed back with the next change."""

    id: uuid.UUID
    version: int
    street: str
    house_number: str
    box: str | None
    postcode: str
    deelgemeente: str
    members: tuple[MemberView, ...]
    facts: tuple[FactView, ...] = field(default=())
    # The user the case is assigned to (`access.need_to_know`); None: unassigned.
    case_worker: uuid.UUID | None = None

    @property
    def applicant(self) -> PersonView:
        return next(m.person for m in self.members if m.role == "applicant")


@dataclass(frozen=True)
class HouseholdSummary:
    """One line in a search result. A `restricted` line is a colleague's case the user may not
    open without break-glass: it keeps the name and withholds the address and the number."""

    id: uuid.UUID
    applicant_name: str
    national_number: str | None  # masked, like PersonView's
    address: str | None
    deelgemeente: str | None
    member_count: int
    restricted: bool = False


@dataclass(frozen=True)
class NoteView:
    id: uuid.UUID
    text: str
    author_id: uuid.UUID
    created_at: datetime
    supersedes_id: uuid.UUID | None


@dataclass(frozen=True)
class ConsentView:
    """A consent as it stands: `withdrawn_on` is set once it was withdrawn. `id` is the row
    for this state; a withdrawal is a newer row that `supersedes_id` the consent."""

    id: uuid.UUID
    household_id: uuid.UUID
    contact_id: uuid.UUID | None
    person_id: uuid.UUID | None
    partner: str
    purpose: str
    how: str
    given_on: date
    recorded_by: uuid.UUID
    created_at: datetime
    withdrawn_on: date | None
    supersedes_id: uuid.UUID | None

    @property
    def current(self) -> bool:
        return self.withdrawn_on is None


@dataclass(frozen=True)
class ContactView:
    """A contact with all its notes and the consents given in it (each in its latest state)."""

    id: uuid.UUID
    version: int
    household_id: uuid.UUID
    person_id: uuid.UUID | None
    occurred_at: datetime
    channel: str
    question: str
    site: str
    notes: tuple[NoteView, ...]
    consents: tuple[ConsentView, ...] = ()


@dataclass(frozen=True)
class DecisionView:
    """A recorded decision with the catalog version and the explanation it rested on."""

    id: uuid.UUID
    household_id: uuid.UUID
    person_id: uuid.UUID | None
    right_id: str
    action: str
    decided_on: date
    note: str
    follow_up_on: date | None
    catalog_version: str
    explanation: str
    decided_by: uuid.UUID
    created_at: datetime
    supersedes_id: uuid.UUID | None
