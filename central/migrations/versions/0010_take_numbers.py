"""PostgreSQL: the batch's numbers in one statement (issue 23): `prossimo_take_numbers`.

A sync that writes takes the writers' lock (change_seq's row), the audit chain's (audit_seq's row),
reads the audit entry before its block, and turns off the synchronous commit of its own
transaction (see central.sync_sql.SyncSQL.take_numbers). As four statements, pipelined, that
was four parses, binds and executor starts in PostgreSQL and as many in the driver: 0.4 ms of the
API's CPU per sync. A PL/pgSQL function runs them as one statement from the client's side. It
keeps their meaning: in READ COMMITTED every statement of a volatile function takes a new
snapshot, so the tip read after the audit_seq lock is granted sees the entries of the
transaction that held the lock before (one plain statement that waited would not).

SQLite: nothing (it keeps its statements; in-process, no round trip to save).

Revision ID: 0010_take_numbers
Revises: 0009_partner_changes
"""

from alembic import op

revision = "0010_take_numbers"
down_revision = "0009_partner_changes"
branch_labels = None
depends_on = None

FUNCTION = """
CREATE FUNCTION prossimo_take_numbers(changes bigint, entries bigint,
                                      OUT last_change bigint, OUT last_entry bigint, OUT tip text)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    -- Local to the calling transaction (set_config's third argument), as SET LOCAL is.
    PERFORM set_config('synchronous_commit', 'off', true);
    IF changes > 0 THEN
        UPDATE counter SET value = value + changes WHERE name = 'change_seq' RETURNING value INTO last_change;
    END IF;
    IF entries > 0 THEN
        UPDATE counter SET value = value + entries WHERE name = 'audit_seq' RETURNING value INTO last_entry;
        -- A statement of its own, so a snapshot taken after the lock above was granted.
        SELECT hash INTO tip FROM audit_entry WHERE seq = last_entry - entries;
    END IF;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FUNCTION)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION prossimo_take_numbers(bigint, bigint)")
