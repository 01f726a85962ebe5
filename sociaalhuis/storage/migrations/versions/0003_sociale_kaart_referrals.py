"""The sociale kaart: services, locations and where services are delivered; referral follow-up
fields; the reference and recipient of printed letters.

- `organisations`: `alternate_name`, and `hsds_id` (the id in an imported Open Referral HSDS
  package; unique, so a re-import updates instead of duplicating).
- `services` (an organisation's offer), `locations` (a place with its address; the
  organisation is optional, as in HSDS) and `service_locations` (HSDS `service_at_location`:
  a service delivered at a location), each editable and versioned, each with its `hsds_id`.
- `referrals`: the service, the consent it rests on, a unique printed `reference`, the fact
  keys shared (`shared_facts`, a JSON list, "[]" for existing rows), `sent_on`, `closed_on`.
  The status CHECK (draft … completed) is unchanged.
- `letters` (append-only): `reference` and `recipient` ("" for existing rows). Adding columns
  rewrites no row, so the append-only triggers stay as they are.

On SQLite, changing `organisations` and `referrals` copies each table (batch mode); other
tables point at both, so `schema.upgrade` runs migrations with foreign keys off and checks
them all before it commits.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 08:11:58.844040
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _editable_columns() -> list[sa.Column]:
    return [
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _letters_triggers(create: bool) -> None:
    """SQLite only: the append-only triggers of `letters` (as in 0001), which a table copy
    drops."""
    for event in ("update", "delete"):
        if create:
            op.execute(
                f"CREATE TRIGGER letters_no_{event} BEFORE {event.upper()} ON letters "
                "BEGIN SELECT RAISE(ABORT, 'letters is append-only; record a correction "
                "instead'); END"
            )
        else:
            op.execute(f"DROP TRIGGER letters_no_{event}")


def upgrade() -> None:
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alternate_name", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("hsds_id", sa.String(length=100), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_organisations_hsds_id"), ["hsds_id"])

    op.create_table(
        "services",
        sa.Column("organisation_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("hsds_id", sa.String(length=100), nullable=True),
        *_editable_columns(),
        sa.CheckConstraint("status IN ('active', 'inactive')", name=op.f("ck_services_status")),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_services_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_services")),
        sa.UniqueConstraint("hsds_id", name=op.f("uq_services_hsds_id")),
    )
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_services_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "locations",
        sa.Column("organisation_id", sa.Uuid(), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("address_1", sa.String(length=300), nullable=True),
        sa.Column("postal_code", sa.String(length=20), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("state_province", sa.String(length=100), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("hsds_id", sa.String(length=100), nullable=True),
        *_editable_columns(),
        sa.ForeignKeyConstraint(
            ["organisation_id"],
            ["organisations.id"],
            name=op.f("fk_locations_organisation_id_organisations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locations")),
        sa.UniqueConstraint("hsds_id", name=op.f("uq_locations_hsds_id")),
    )
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_locations_organisation_id"), ["organisation_id"], unique=False
        )

    op.create_table(
        "service_locations",
        sa.Column("service_id", sa.Uuid(), nullable=False),
        sa.Column("location_id", sa.Uuid(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("hsds_id", sa.String(length=100), nullable=True),
        *_editable_columns(),
        sa.ForeignKeyConstraint(
            ["location_id"],
            ["locations.id"],
            name=op.f("fk_service_locations_location_id_locations"),
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_service_locations_service_id_services")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_locations")),
        sa.UniqueConstraint("hsds_id", name=op.f("uq_service_locations_hsds_id")),
        sa.UniqueConstraint("service_id", "location_id", name="uq_service_locations_pair"),
    )
    with op.batch_alter_table("service_locations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_service_locations_location_id"), ["location_id"], unique=False
        )

    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("service_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("consent_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("reference", sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column("shared_facts", sa.Text(), server_default="[]", nullable=False)
        )
        batch_op.add_column(sa.Column("sent_on", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("closed_on", sa.Date(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_referrals_reference"), ["reference"])
        batch_op.create_foreign_key(
            batch_op.f("fk_referrals_service_id_services"), "services", ["service_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_referrals_consent_id_consents"), "consents", ["consent_id"], ["id"]
        )

    # Plain ADD COLUMN on both backends: no row of the append-only table is rewritten.
    op.add_column("letters", sa.Column("reference", sa.String(length=40), nullable=True))
    op.add_column("letters", sa.Column("recipient", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    if _postgresql():
        op.drop_column("letters", "recipient")
        op.drop_column("letters", "reference")
    else:
        _letters_triggers(create=False)
        with op.batch_alter_table("letters", schema=None, recreate="always") as batch_op:
            batch_op.drop_column("recipient")
            batch_op.drop_column("reference")
        _letters_triggers(create=True)

    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_referrals_consent_id_consents"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_referrals_service_id_services"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_referrals_reference"), type_="unique")
        batch_op.drop_column("closed_on")
        batch_op.drop_column("sent_on")
        batch_op.drop_column("shared_facts")
        batch_op.drop_column("reference")
        batch_op.drop_column("consent_id")
        batch_op.drop_column("service_id")

    with op.batch_alter_table("service_locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_locations_location_id"))
    op.drop_table("service_locations")
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locations_organisation_id"))
    op.drop_table("locations")
    with op.batch_alter_table("services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_services_organisation_id"))
    op.drop_table("services")

    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_organisations_hsds_id"), type_="unique")
        batch_op.drop_column("hsds_id")
        batch_op.drop_column("alternate_name")
