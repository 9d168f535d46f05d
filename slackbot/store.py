"""The bot's database: SQLAlchemy (asyncio) over SQLite by default, PostgreSQL for several replicas.

What lives here, so that no replica keeps anything that matters in its own memory:

- Bolt's OAuth installations and bots, and OAuth state (slack_sdk's SQLAlchemy stores' tables:
  ``slack_installations``, ``slack_bots``, ``slack_oauth_states``)
- each workspace's own close codes, as the text of a ``wscodes.toml`` (``wscodes_workspaces``)
- the event ids already handled (``wscodes_events``): a retried event is answered by one replica

The schema is created on first start and migrated by version (``wscodes_schema``, one row per
migration applied). Replicas starting together take turns: PostgreSQL through an advisory lock,
SQLite through its file lock.

URLs: ``sqlite:///path`` (driver aiosqlite) and ``postgresql://user@host/db`` (driver psycopg 3);
an explicit ``+driver`` is kept.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

__all__ = [
    "DEFAULT_DATABASE_URL",
    "SCHEMA_VERSION",
    "Database",
    "DatabaseError",
    "DatabaseUnreachable",
    "WorkspaceCodes",
    "async_url",
]

DEFAULT_DATABASE_URL = "sqlite:///wscodes-slack.sqlite3"
EVENT_TTL_SECONDS = 24 * 3600  # Slack retries an event 3 times within minutes
_LOCK_KEY = 0x77_73_63_6F  # "wsco": the advisory lock replicas take to migrate one at a time

log = logging.getLogger("wscode-slack")

metadata = sa.MetaData()
schema_table = sa.Table(
    "wscodes_schema",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.Float, nullable=False),
)
workspaces = sa.Table(
    "wscodes_workspaces",
    metadata,
    sa.Column("team_id", sa.String(32), primary_key=True),
    sa.Column("codes_toml", sa.Text, nullable=False),
    sa.Column("revision", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)
events = sa.Table(
    "wscodes_events",
    metadata,
    sa.Column("event_id", sa.String(64), primary_key=True),
    sa.Column("seen_at", sa.Float, nullable=False, index=True),
)


def _bolt_tables(target: sa.MetaData) -> None:
    """slack_sdk's own table definitions for its SQLAlchemy installation and state stores."""
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    SQLAlchemyInstallationStore.build_installations_table(target, "slack_installations")
    SQLAlchemyInstallationStore.build_bots_table(target, "slack_bots")
    SQLAlchemyOAuthStateStore.build_oauth_states_table(target, "slack_oauth_states")


async def _v1(conn: AsyncConnection) -> None:
    bolt = sa.MetaData()
    _bolt_tables(bolt)
    await conn.run_sync(bolt.create_all)
    await conn.run_sync(metadata.create_all, tables=[workspaces, events])


# (version, what it does, the step). Append only: a released step never changes.
MIGRATIONS: list[tuple[int, str, Callable[[AsyncConnection], Awaitable[None]]]] = [
    (1, "Bolt's installation/bot/state tables, workspace codes, handled events", _v1),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


class DatabaseError(Exception):
    """The database URL is wrong or the database can't be reached: a one-line reason."""


class DatabaseUnreachable(DatabaseError):
    """The URL is fine but no database answers there (down, wrong host, no such file or folder)."""


@dataclass(frozen=True)
class WorkspaceCodes:
    team_id: str
    toml: str
    revision: int


def async_url(url: str) -> str:
    """``url`` with the asyncio driver this bot installs (aiosqlite, psycopg) unless one is named."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            "the database URL is malformed: expected sqlite:///PATH or postgresql://USER@HOST/DB"
        ) from None
    backend, _, driver = parsed.drivername.partition("+")
    if backend == "postgres":
        backend = "postgresql"
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseError(f"unsupported database {backend!r}: use sqlite:///PATH or postgresql://…")
    if not driver:
        driver = "aiosqlite" if backend == "sqlite" else "psycopg"
    return parsed.set(drivername=f"{backend}+{driver}").render_as_string(hide_password=False)


def _describe(exc: BaseException) -> str:
    """A one-line reason without the URL's password (SQLAlchemy errors can echo parameters)."""
    original = getattr(exc, "orig", None) or exc
    text = " ".join(str(original).split())
    return f"{type(original).__name__}: {text[:300]}"


class Database:
    """One engine per process; every call is a short transaction."""

    def __init__(self, url: str) -> None:
        self.url = async_url(url)
        parsed = make_url(self.url)
        self.dialect = parsed.get_backend_name()
        # no pre-ping: it doubles the round trips of every short read; stale connections are recycled
        kwargs: dict[str, Any] = {"pool_recycle": 1800}
        if self.dialect == "sqlite":
            kwargs["connect_args"] = {"timeout": 30}
        else:
            kwargs.update(pool_size=10, max_overflow=20)
        self.engine: AsyncEngine = create_async_engine(self.url, **kwargs)
        if self.dialect == "sqlite":
            sa.event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)

    def safe_url(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    async def close(self) -> None:
        await self.engine.dispose()

    # -- schema ----------------------------------------------------------------------------------
    async def migrate(self) -> int:
        """Create or upgrade the schema; returns the version now in place."""
        database = make_url(self.url).database
        if self.dialect == "sqlite" and database and database != ":memory:":
            folder = os.path.dirname(os.path.abspath(database))
            if not os.path.isdir(folder):
                raise DatabaseUnreachable(
                    f"cannot open the database {self.safe_url()}: no such folder {folder} (create it first)"
                )
        try:
            async with self.engine.connect() as conn:
                await conn.execute(sa.text("SELECT 1"))
        except Exception as exc:
            raise DatabaseUnreachable(
                f"cannot open the database {self.safe_url()}: {_describe(exc)}"
            ) from None
        for attempt in range(5):
            try:
                return await self._migrate_once()
            except (DBAPIError, IntegrityError) as exc:
                # another replica created the same table first (SQLite has no advisory lock)
                if attempt == 4:
                    raise DatabaseError(f"cannot create the schema: {_describe(exc)}") from None
                await asyncio.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    async def _migrate_once(self) -> int:
        async with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                await conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _LOCK_KEY})
            await conn.run_sync(metadata.create_all, tables=[schema_table])
            done = set((await conn.execute(sa.select(schema_table.c.version))).scalars())
            for version, what, step in MIGRATIONS:
                if version in done:
                    continue
                log.info("database: migration %d (%s)", version, what)
                await step(conn)
                await conn.execute(schema_table.insert().values(version=version, applied_at=time.time()))
                done.add(version)
            return int(max(done))

    async def version(self) -> int:
        async with self.engine.connect() as conn:
            found = (await conn.execute(sa.select(sa.func.max(schema_table.c.version)))).scalar()
            return int(found or 0)

    async def ping(self) -> bool:
        try:
            async with self.engine.connect() as conn:
                await conn.execute(sa.text("SELECT 1"))
            return True
        except Exception as exc:
            log.warning("database unreachable: %s", _describe(exc))
            return False

    # -- events ----------------------------------------------------------------------------------
    async def first_time(self, event_id: str) -> bool:
        """Record ``event_id``; False if any replica recorded it already (the insert is the test)."""
        now = time.time()
        try:
            async with self.engine.begin() as conn:
                await conn.execute(events.insert().values(event_id=event_id[:64], seen_at=now))
        except IntegrityError:
            return False
        if int(now) % 97 == 0:  # now and then, forget events older than a day
            async with self.engine.begin() as conn:
                await conn.execute(events.delete().where(events.c.seen_at < now - EVENT_TTL_SECONDS))
        return True

    # -- workspace codes ---------------------------------------------------------------------------
    async def workspace_codes(self, team_id: str) -> WorkspaceCodes | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    sa.select(workspaces.c.codes_toml, workspaces.c.revision).where(
                        workspaces.c.team_id == team_id
                    )
                )
            ).first()
        return None if row is None else WorkspaceCodes(team_id, row[0], row[1])

    async def save_workspace_codes(self, team_id: str, toml: str, revision: int) -> bool:
        """Store the workspace's codes if nobody changed them since ``revision`` (0: none yet).
        False means someone else saved first: read again and retry."""
        now = time.time()
        async with self.engine.begin() as conn:
            if revision == 0:
                try:
                    await conn.execute(
                        workspaces.insert().values(
                            team_id=team_id, codes_toml=toml, revision=1, updated_at=now
                        )
                    )
                except IntegrityError:
                    return False
                return True
            result = await conn.execute(
                workspaces.update()
                .where(workspaces.c.team_id == team_id, workspaces.c.revision == revision)
                .values(codes_toml=toml, revision=revision + 1, updated_at=now)
            )
            return bool(result.rowcount)

    async def delete_workspace(self, team_id: str) -> None:
        """Forget a workspace's own codes (its installation is the installation store's)."""
        async with self.engine.begin() as conn:
            await conn.execute(workspaces.delete().where(workspaces.c.team_id == team_id))


def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers don't wait for the writer
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
