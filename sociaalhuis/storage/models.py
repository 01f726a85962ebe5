"""ORM tables: clients, households, facts, contacts, consents, decisions, partners, letters,
users, audit, and the search index.

Editable records carry a `version` column that SQLAlchemy checks on every UPDATE
(optimistic locking). Notes, consents, decisions, letters and audit events are append-only:
a correction is a new row whose `supersedes_id` points to the old one; the
`before_flush` guard in `storage.database` refuses updates and deletes of them.
Derived tables (the search index, the screening findings) hold nothing of their own: they
are rebuilt from the others, carry no id or version, and are never synchronised.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sociaalhuis.storage.base import (  # noqa: F401  (re-exported: the tables' building blocks)
    NAMING_CONVENTION,
    Base,
    Editable,
    Keyed,
    UtcDateTime,
    utcnow,
)
from sociaalhuis.storage.base import in_list as _in
from sociaalhuis.storage.directory_tables import (  # noqa: F401  (re-exported)
    SERVICE_STATUSES,
    Location,
    Organisation,
    Service,
    ServiceLocation,
)
from sociaalhuis.storage.official_tables import (  # noqa: F401  (re-exported)
    OfficialStatusFact,
    StatusImport,
)
from sociaalhuis.storage.privacy_tables import (  # noqa: F401  (re-exported)
    Anonymisation,
    AnonymisationPermit,
    CaseClosure,
)
from sociaalhuis.storage.reply_tables import (  # noqa: F401  (re-exported)
    REPLY_OUTCOMES,
    ReferralReply,
    ReplyHandled,
    ReplyImport,
)
from sociaalhuis.storage.sync_tables import (  # noqa: F401
    SITE_ROLES,
    ReceivedAuditEvent,
    SyncOutbox,
    SyncPeer,
    SyncReceived,
    SyncRecord,
    SyncSite,
)

MEMBER_ROLES = ("applicant", "partner", "child", "other")
EVIDENCE_KINDS = ("statement", "document", "official")
FACT_KINDS = ("bool", "number", "money", "date", "text", "choice")
DEELGEMEENTEN = ("Herent", "Veltem-Beisem", "Winksele")
LANGUAGES = ("nl", "fr", "en", "de", "other")
# declined: by the client; rejected: by the provider the client applied to.
DECISION_ACTIONS = ("granted", "applied", "referred", "already_receives", "declined", "rejected")
CONSENT_HOW = ("verbal", "written")
SEARCH_KINDS = ("word", "national_number")
# As `screening.engine.VERDICTS` (storage does not import the engine): `receives` is eligible
# through a route saying the household already has the right.
FINDING_VERDICTS = ("not_eligible", "possibly_eligible", "eligible", "receives")
# no_show: the partner answered that the client never came (`referrals.replies`).
REFERRAL_STATUSES = (
    "draft",
    "sent",
    "received",
    "accepted",
    "declined",
    "completed",
    "no_show",
)
ROLES = ("intake", "social_worker", "team_lead", "admin", "system")


class User(Editable, Base):
    """Someone who logs in: a worker, a team lead, an administrator, or the system itself."""

    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    # The title printed under the name on letters ("maatschappelijk werker").
    function_title: Mapped[str] = mapped_column(String(200), default="")
    # The direct line printed under the signature; "" gives the Sociaal Huis's instead.
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    email: Mapped[str] = mapped_column(String(120), default="", server_default="")
    # Argon2id; None for accounts that cannot log in (the system user, old OS-named users).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    __table_args__ = (CheckConstraint(_in("role", ROLES), name="role"),)


class LoginThrottle(Editable, Base):
    """Failed logins under a user name that has no account, so that an unknown name locks
    exactly like a real one and the lock message reveals nothing; keyed by a hash of the name
    (what was typed there may be a password)."""

    __tablename__ = "login_throttles"
    name_key: Mapped[str] = mapped_column(String(64), unique=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime)


class Person(Editable, Base):
    """A client or a member of a client's household."""

    __tablename__ = "persons"
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None] = mapped_column(Date)
    national_number: Mapped[str | None] = mapped_column(String(11), unique=True)
    language: Mapped[str] = mapped_column(String(10), default="nl")
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(254))
    # Lower-cased "family given" for search; kept by the service, indexed for prefix search.
    search_name: Mapped[str] = mapped_column(String(420), index=True)
    __table_args__ = (CheckConstraint(_in("language", LANGUAGES), name="language"),)


class Household(Editable, Base):
    """A household (gezin/huishouden) at one address; the unit a case is about.

    Its version is the lock for the whole aggregate: changing a member or a fact
    bumps it, so two workers editing the same household conflict visibly.
    """

    __tablename__ = "households"
    street: Mapped[str] = mapped_column(String(200))
    house_number: Mapped[str] = mapped_column(String(20))
    box: Mapped[str | None] = mapped_column(String(20))
    postcode: Mapped[str] = mapped_column(String(10))
    deelgemeente: Mapped[str] = mapped_column(String(50))
    search_street: Mapped[str] = mapped_column(String(200), index=True)
    members: Mapped[list[HouseholdMember]] = relationship(
        back_populates="household",
        cascade="all, delete-orphan",
        order_by="HouseholdMember.position",
    )
    facts: Mapped[list[Fact]] = relationship(
        back_populates="household", cascade="all, delete-orphan"
    )


class HouseholdMember(Editable, Base):
    """A person's membership of a household, with their role in it."""

    __tablename__ = "household_members"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persons.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0)
    household: Mapped[Household] = relationship(back_populates="members")
    person: Mapped[Person] = relationship(lazy="joined")
    __table_args__ = (
        UniqueConstraint("household_id", "person_id", name="uq_household_members_person"),
        CheckConstraint(_in("role", MEMBER_ROLES), name="role"),
    )


class Fact(Editable, Base):
    """A typed value about a household or one of its members (`person_id` set), with its evidence.

    The key comes from the catalog's fact dictionary. Exactly one value column is
    used, chosen by `kind`; `valid_from`/`valid_until` say when the fact holds.
    """

    __tablename__ = "facts"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))
    value_bool: Mapped[bool | None] = mapped_column(Boolean)
    value_number: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    value_date: Mapped[date | None] = mapped_column(Date)
    value_text: Mapped[str | None] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(String(20))
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    household: Mapped[Household] = relationship(back_populates="facts")
    __table_args__ = (
        CheckConstraint(_in("kind", FACT_KINDS), name="kind"),
        CheckConstraint(_in("evidence", EVIDENCE_KINDS), name="evidence"),
        Index("ix_facts_household_key", "household_id", "key"),
    )


class Contact(Editable, Base):
    """An intake conversation (onthaalgesprek) with a household; its notes are append-only."""

    __tablename__ = "contacts"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"))
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    channel: Mapped[str] = mapped_column(String(20))
    question: Mapped[str] = mapped_column(Text, default="")
    site: Mapped[str] = mapped_column(String(50))


class ContactNote(Keyed, Base):
    """A note on a contact (append-only; a correction supersedes the earlier note)."""

    __tablename__ = "contact_notes"
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contacts.id"), index=True)
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    internal: Mapped[bool] = mapped_column(Boolean, default=True)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contact_notes.id"))


class Consent(Keyed, Base):
    """The client's consent to share data with a named partner for a purpose (append-only).

    Given during a contact (`contact_id`) or on its own. A withdrawal is a new row that
    supersedes the consent, repeats its terms and sets `withdrawn_on`; a consent is current
    while nothing supersedes it and it is not withdrawn.
    """

    __tablename__ = "consents"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contacts.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"))
    partner: Mapped[str] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(Text)
    how: Mapped[str] = mapped_column(String(10))
    given_on: Mapped[date] = mapped_column(Date)
    recorded_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    withdrawn_on: Mapped[date | None] = mapped_column(Date)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("consents.id"))
    __table_args__ = (CheckConstraint(_in("how", CONSENT_HOW), name="how"),)


class Decision(Keyed, Base):
    """What was done about one right for a household (append-only), with the catalog basis."""

    __tablename__ = "decisions"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persons.id"))
    right_id: Mapped[str] = mapped_column(String(100), index=True)
    action: Mapped[str] = mapped_column(String(30))
    decided_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    catalog_version: Mapped[str] = mapped_column(String(100))
    explanation: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    # Indexed: "is this decision superseded?" is asked per finding by the non-take-up list.
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("decisions.id"), index=True)
    __table_args__ = (CheckConstraint(_in("action", DECISION_ACTIONS), name="action"),)


class Referral(Editable, Base):
    """A referral of a household to a partner, followed up through its status.

    `shared_facts` is a JSON list of the fact keys the worker chose to share; `consent_id`
    the consent it rests on; `reference` the number printed on the letter.
    """

    __tablename__ = "referrals"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    organisation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisations.id"))
    service_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("services.id"))
    consent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("consents.id"))
    reference: Mapped[str | None] = mapped_column(String(40), unique=True)
    shared_facts: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    # Why more facts are shared than the right's partner needs: kept with the disclosure, not
    # in the audit trail that team leads and administrators read.
    extra_facts_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    sent_on: Mapped[date | None] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)
    right_id: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    follow_up_on: Mapped[date | None] = mapped_column(Date)
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    __table_args__ = (CheckConstraint(_in("status", REFERRAL_STATUSES), name="status"),)


class Letter(Keyed, Base):
    """A printed letter, archived with its SHA-256 (append-only)."""

    __tablename__ = "letters"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    referral_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("referrals.id"))
    kind: Mapped[str] = mapped_column(String(30))
    language: Mapped[str] = mapped_column(String(10))
    reference: Mapped[str | None] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(Text, default="", server_default="")
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    printed_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("letters.id"))


class Letterhead(Editable, Base):
    """The Sociaal Huis as sender of every letter; one row, set by an administrator."""

    __tablename__ = "letterhead"
    # Always 1 and unique: two administrators setting it for the first time at once cannot
    # leave two letterheads behind.
    slot: Mapped[int] = mapped_column(Integer, default=1, unique=True)
    organisation: Mapped[str] = mapped_column(String(120))
    address: Mapped[str] = mapped_column(String(400), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    website: Mapped[str] = mapped_column(String(200), default="", server_default="")
    opening_hours: Mapped[str] = mapped_column(String(400), default="", server_default="")
    # An optional PNG or JPEG drawn at the top of every letter; `logo_type` its media type.
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_type: Mapped[str] = mapped_column(String(20), default="", server_default="")
    __table_args__ = (CheckConstraint("slot = 1", name="slot"),)


class FollowUp(Keyed, Base):
    """A follow-up asked from the non-take-up review: a worker, a date, about one right or the
    whole household (`right_id` None); append-only, the newest row counts."""

    __tablename__ = "follow_ups"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    right_id: Mapped[str | None] = mapped_column(String(100))
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    due_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))


class CaseAssignment(Keyed, Base):
    """Who a household's case is assigned to from `assigned_at` on (append-only history).

    The newest row of a household names its current case worker; a household without rows
    is unassigned. A reassignment is a new row, never an update.
    """

    __tablename__ = "case_assignments"
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    assigned_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))


class BreakGlassGrant(Keyed, Base):
    """A time-limited permission for one user to open one household that is assigned to a
    colleague, with the reason they gave (append-only; shown to team leads)."""

    __tablename__ = "break_glass_grants"
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    granted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


ROUND_STATUSES = ("prepared", "approved", "partly_approved", "rejected")


class GrantingRound(Editable, Base):
    """A proactive granting round for one right the Sociaal Huis grants itself: prepared by
    one user, approved (wholly or partly) or rejected by another (four eyes)."""

    __tablename__ = "granting_rounds"
    right_id: Mapped[str] = mapped_column(String(100), index=True)
    catalog_version: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="prepared")
    prepared_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    prepared_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")
    # The award letters of all approved households as one PDF, kept as printed; each
    # household's own letter is also archived in its case (`letters`, kind "award").
    batch_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    batch_sha256: Mapped[str | None] = mapped_column(String(64))
    items: Mapped[list[GrantingRoundItem]] = relationship(
        back_populates="round",
        cascade="all, delete-orphan",
        order_by="GrantingRoundItem.position",
    )
    __table_args__ = (CheckConstraint(_in("status", ROUND_STATUSES), name="status"),)


class GrantingRoundItem(Editable, Base):
    """One household proposed in a round, with the Dutch explanation of its eligibility;
    `approved` stays None until the round is decided."""

    __tablename__ = "granting_round_items"
    round_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("granting_rounds.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("households.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    explanation: Mapped[str] = mapped_column(Text, default="")
    approved: Mapped[bool | None] = mapped_column(Boolean)
    round: Mapped[GrantingRound] = relationship(back_populates="items")
    __table_args__ = (
        UniqueConstraint("round_id", "household_id", name="uq_granting_round_items_household"),
    )


class AuditEvent(Keyed, Base):
    """One read or write of client data, by whom, in the same transaction as the change.

    The events form a hash chain (`storage.audit_chain`): `seq` counts 1, 2, 3… and `hash`
    covers the event's fields and `prev_hash`, the hash of event `seq - 1`.
    """

    __tablename__ = "audit_events"
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Editable, Base):
    """The newest link of the audit chain (one row): appenders lock it, and `audit verify`
    compares the chain's end with it, so events cut off the end do not go unnoticed."""

    __tablename__ = "audit_chain_head"
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class SearchTerm(Base):
    """One searchable word of a household: a word of a member's name, of the street or the
    house number (`word`), or a member's national number (`national_number`).

    Derived from households, members and persons by `storage.search`, which keeps it in step
    on every flush; the key is the term first, so a prefix is one range scan.
    """

    __tablename__ = "search_terms"
    term: Mapped[str] = mapped_column(String(100), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    household_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), primary_key=True
    )
    __table_args__ = (
        CheckConstraint(_in("kind", SEARCH_KINDS), name="kind"),
        Index("ix_search_terms_household", "household_id", "term"),
        {"sqlite_with_rowid": False},
    )


class Screening(Base):
    """When a household's findings were computed: on which catalog, for which date, from which
    household version, and a digest of the findings (`screening.engine.digest_of`).

    Derived, like the search index: rebuilt by `screening.store`, gone with its household.
    """

    __tablename__ = "screenings"
    household_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), primary_key=True
    )
    catalog_version: Mapped[str] = mapped_column(String(100))
    evaluated_on: Mapped[date] = mapped_column(Date)
    household_version: Mapped[int] = mapped_column(Integer)
    digest: Mapped[bytes] = mapped_column(LargeBinary(16))
    screened_at: Mapped[datetime] = mapped_column(UtcDateTime)


class StoredFinding(Base):
    """The verdict on one right for one household, with the facts still missing ("m2.age,
    tenure"; "" when none) and the right's yearly value.

    Its catalog version and evaluation date are those of the household's `screenings` row.
    The indexes serve the non-take-up list: per right by verdict and value, and the eligible
    rows of all rights by value (a partial index, so it holds only those).
    """

    __tablename__ = "findings"
    household_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("screenings.household_id", ondelete="CASCADE"), primary_key=True
    )
    right_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    verdict: Mapped[str] = mapped_column(String(20))
    missing: Mapped[str] = mapped_column(Text, default="")
    yearly_value: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))
    __table_args__ = (
        CheckConstraint(_in("verdict", FINDING_VERDICTS), name="verdict"),
        {"sqlite_with_rowid": False},
    )


# Ordered as the non-take-up list reads them: value descending, then household (see
# `screening.store.non_take_up`). The second holds only the eligible rows (an eighth in the
# demo caseload).
Index(
    "ix_findings_right_verdict",
    StoredFinding.right_id,
    StoredFinding.verdict,
    StoredFinding.yearly_value.desc(),
    StoredFinding.household_id,
)
Index(
    "ix_findings_eligible",
    StoredFinding.yearly_value.desc(),
    StoredFinding.household_id,
    StoredFinding.right_id,
    sqlite_where=text("verdict = 'eligible'"),
    postgresql_where=text("verdict = 'eligible'"),
)


EDITABLE = (
    User,
    Person,
    Household,
    HouseholdMember,
    Fact,
    Contact,
    Organisation,
    Service,
    Location,
    ServiceLocation,
    Referral,
)
APPEND_ONLY = (
    ContactNote,
    Consent,
    Decision,
    Letter,
    AuditEvent,
    CaseAssignment,
    BreakGlassGrant,
    FollowUp,
    ReceivedAuditEvent,
    ReplyImport,
    ReferralReply,
    ReplyHandled,
)
DERIVED = (SearchTerm, Screening, StoredFinding)
