"""The ``Ledger``: the one public door to the stored 台账 (documents, units, items, 督办, audit).

Every method runs in its own transaction and returns domain objects from
:mod:`taizhang.ledger.model`, never ORM rows. Writes take an ``actor`` (a user name, or
``"cli:<unit>"``) that lands in the append-only audit trail. Methods that depend on the day take
``today`` explicitly; only timestamps of the trail come from ``clock``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from taizhang.config import DEFAULT_DB, LightThresholds, Settings
from taizhang.ledger.model import (
    AuditEntry,
    Correction,
    DocState,
    DocumentRecord,
    DubanLevel,
    DubanNotice,
    DubanState,
    IngestResult,
    Light,
    Occurrence,
    ProgressUpdate,
    Report,
    Role,
    Status,
    Unit,
    UnitStats,
    User,
    WorkItem,
)
from taizhang.ledger.prepared import PreparedDocument, prepare
from taizhang.ledger.sessions import LoginSession, SessionPolicy
from taizhang.parse.model import Document
from taizhang.store import (
    audit, documents, duban, engine, fts, items, opening, progress, sessions, units, users,
)

DocRef = int | str  # a document id, 发文字号, key or source file name
NoticeRef = int | str  # a notice id or its number 督办〔2026〕7号


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


class Ledger:
    """The stored ledger at ``url`` (SQLite file or PostgreSQL), migrated on open."""

    def __init__(self, url: str = DEFAULT_DB, *, clock: Callable[[], dt.datetime] | None = None,
                 thresholds: LightThresholds | None = None, migrate: bool = True,
                 create: bool = True, allow_other_tables: bool = False) -> None:
        """``create=False`` (what every command but init, ingest and demo passes) refuses a
        missing or empty database with DatabaseMissing instead of making a ledger there;
        ``allow_other_tables`` lets a ledger share a database with another program's tables
        (see :mod:`taizhang.store.opening`)."""
        self.url = url
        self.engine = engine.open_engine(url)
        self.clock = clock or _utcnow
        self.thresholds = thresholds or LightThresholds()
        if migrate:
            try:
                opening.prepare(self.engine, url, create=create,
                                allow_other_tables=allow_other_tables)
            except BaseException:
                self.engine.dispose()
                raise
        from taizhang.store.failures import FileWatch

        self._file = FileWatch.of(self.engine)  # an SQLite file moved away under the app
        self._registry = units.Registry()  # unit names per place, across this ledger's ingests
        self._links_ready = False  # the report-once table checked (store.links._ready)

    def check_storage(self) -> None:
        """DatabaseUnavailable when the SQLite file was deleted or replaced since opening
        (the web app asks before every request); nothing to check for PostgreSQL."""
        self._file.check()

    @classmethod
    def from_settings(cls, settings: Settings, *, create: bool = True) -> "Ledger":
        return cls(settings.db_url, thresholds=settings.lights, create=create)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def projects(self) -> Any:
        """The project register (项目库) on this ledger's database: a
        :class:`taizhang.store.projects.ProjectRegister`, made on first use."""
        register = self.__dict__.get("_projects")
        if register is None:
            from taizhang.store.projects import ProjectRegister

            register = self.__dict__["_projects"] = ProjectRegister(self)
        return register

    @property
    def dialect(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name

    def _ctx(self, conn: Any) -> engine.Ctx:
        return engine.Ctx(conn, self.clock(), self.dialect)

    # documents ---------------------------------------------------------------------------------

    def ingest(self, doc: Document | PreparedDocument, *, actor: str,
               jurisdiction: str | None = None, draft: bool = False,
               source: Any = None) -> IngestResult:
        """Store a parsed document and its work items in one transaction.

        ``doc``: the parser's Document, or the same already made ready for the ledger by
        :func:`taizhang.ledger.prepared.prepare` (``taizhang ingest`` does that in its
        parsing processes).

        Same key and same text → ``outcome="unchanged"``, nothing written. Same key (发文字号,
        else title, else source), different text → ``new_version``: items matched by task key
        or text keep their id, reports and history. ``jurisdiction``: the place of a text that
        names none (the document's own place wins; with neither it is stored as 未确定 and
        flagged). ``source`` (a :class:`taizhang.ledger.pages.SourceFile`,
        ``SourceFile.of(read)``) keeps the file's pages for the review page and names a web
        page without a title line from its ``<title>``.
        """
        ready = doc if isinstance(doc, PreparedDocument) else prepare(doc)
        with self.engine.begin() as conn:
            return documents.ingest(self._ctx(conn), ready, actor=actor,
                                    jurisdiction=jurisdiction, draft=draft,
                                    registry=self._registry, source=source)

    def document_pages(self, document: int) -> Any:
        """Where each page of the document starts in its text, and whether pictures of the
        pages can be shown (:class:`taizhang.store.files.StoredPages`); None without pages."""
        from taizhang.store import files

        with self.engine.connect() as conn:
            return files.pages(self._ctx(conn), document)

    def document_file(self, document: int) -> bytes | None:
        """The document's original PDF or picture (for rendering a page), or None."""
        from taizhang.store import files

        with self.engine.connect() as conn:
            return files.data(self._ctx(conn), document)

    def refresh_search_index(self) -> bool:
        """Index the items stored since the last search (SQLite); ``search`` does this itself,
        ``taizhang ingest`` calls it once after a batch of files. True if there were any."""
        return fts.catch_up(self.engine)

    def publish(self, document: DocRef, *, actor: str) -> DocumentRecord:
        """Turn a draft into a published document; its items appear in listings."""
        with self.engine.begin() as conn:
            return documents.publish(self._ctx(conn), document, actor=actor)

    def list_documents(self, *, state: DocState | None = None, jurisdiction: str | None = None,
                       all_versions: bool = False) -> list[DocumentRecord]:
        with self.engine.connect() as conn:
            return documents.list_documents(self._ctx(conn), state=state,
                                            jurisdiction=jurisdiction, all_versions=all_versions)

    def get_document(self, document: DocRef) -> DocumentRecord:
        """By id, 发文字号, key or source name (current version); NotFound otherwise."""
        with self.engine.connect() as conn:
            return documents.get_document(self._ctx(conn), document)

    def document_parse(self, document: DocRef) -> dict[str, Any]:
        """The parser's original output (``Document.to_dict()``) as stored at ingest."""
        with self.engine.connect() as conn:
            return documents.document_parse(self._ctx(conn), document)

    def document_text(self, document: DocRef) -> str:
        """The raw text the document was parsed from."""
        with self.engine.connect() as conn:
            return documents.document_text(self._ctx(conn), document)

    def correct(self, item_id: int, field: str, value: Any, *, actor: str, note: str = "",
                expected_version: int | None = None) -> WorkItem:
        """A reviewer's correction of one parsed field of an item.

        ``field`` is one of title, text, lead, support, leaders, due, rrule (unit names are
        resolved in the item's jurisdiction; a name that is no unit there yet — one the
        parser missed — is registered as a new unit, audited as ``unit.create``; dates as
        ``datetime.date`` or ISO strings). The original stays in the stored parse; the
        correction is recorded and audited.
        """
        with self.engine.begin() as conn:
            return documents.correct(self._ctx(conn), item_id, field, value, actor=actor,
                                     note=note, expected_version=expected_version)

    def corrections(self, document: DocRef) -> list[Correction]:
        with self.engine.connect() as conn:
            return documents.corrections(self._ctx(conn), document)

    # units -------------------------------------------------------------------------------------

    def review_jurisdictions(self, document: DocRef | None = None) -> list[Any]:
        """Each current document (or one) with the place its own text gives and why
        (:class:`taizhang.store.relocate.Finding`); nothing is changed."""
        from taizhang.store import relocate

        with self.engine.connect() as conn:
            return relocate.review(self._ctx(conn), document)

    def relocate(self, findings: Sequence[Any], *, actor: str) -> int:
        """Move each document whose finding ``changes`` to its proposed place, all in one
        transaction (audited per document); the number of items moved."""
        from taizhang.store import relocate

        with self.engine.begin() as conn:
            ctx = self._ctx(conn)
            return sum(relocate.relocate(ctx, f, actor=actor) for f in findings if f.changes)

    def jurisdictions(self) -> list[str]:
        """Every place the ledger knows (of its documents and units), sorted."""
        with self.engine.connect() as conn:
            return units.jurisdictions(self._ctx(conn))

    def check_jurisdiction(self, jurisdiction: str | None) -> None:
        """NotFound, naming the closest known places, for a place the ledger does not know."""
        with self.engine.connect() as conn:
            units.check_jurisdiction(self._ctx(conn), jurisdiction)

    def list_units(self, *, jurisdiction: str | None = None,
                   include_merged: bool = False) -> list[Unit]:
        with self.engine.connect() as conn:
            return units.list_units(self._ctx(conn), jurisdiction=jurisdiction,
                                    include_merged=include_merged)

    def get_unit(self, unit_id: int) -> Unit:
        with self.engine.connect() as conn:
            return units.get_unit(self._ctx(conn), unit_id)

    def resolve_unit(self, jurisdiction: str | None, name: str) -> Unit:
        """The canonical unit for a name or alias (merges followed); NotFound with suggestions.

        ``jurisdiction`` may be None when the name is unique across jurisdictions.
        """
        with self.engine.connect() as conn:
            return units.resolve(self._ctx(conn), jurisdiction, name)

    def add_alias(self, jurisdiction: str | None, alias: str, unit: str, *, actor: str) -> Unit:
        """Make ``alias`` another name of ``unit`` (市发改委 = 市发展改革委)."""
        with self.engine.begin() as conn:
            return units.add_alias(self._ctx(conn), jurisdiction, alias, unit, actor=actor)

    def merge_units(self, jurisdiction: str | None, source: str, into: str, *,
                    actor: str) -> Unit:
        """Fold ``source`` into ``into``: its items, aliases and name move over, audited."""
        with self.engine.begin() as conn:
            return units.merge(self._ctx(conn), jurisdiction, source, into, actor=actor)

    # items -------------------------------------------------------------------------------------

    def list_items(self, *, today: dt.date | None = None, unit: str | None = None,
                   jurisdiction: str | None = None, role: str = "any",
                   document: DocRef | None = None,
                   status: Status | Iterable[Status] | None = None,
                   light: Light | None = None, due_before: dt.date | None = None,
                   due_after: dt.date | None = None, overdue: bool = False,
                   include_drafts: bool = False, limit: int | None = None,
                   ids: Sequence[int] | None = None, offset: int | None = None
                   ) -> list[WorkItem]:
        """Items of current documents, filtered; with ``today`` each carries its light.

        ``unit`` is a name or alias (resolved in ``jurisdiction`` when given); ``role`` is
        any | lead | support. ``overdue`` and ``light`` need ``today``. ``ids`` keeps only
        those items (a cache refreshing what changed). ``limit`` and ``offset`` page the
        list in its order (document, id): without a light filter only that page is read.
        """
        with self.engine.connect() as conn:
            return items.list_items(
                self._ctx(conn), thresholds=self.thresholds, today=today, unit=unit,
                jurisdiction=jurisdiction, role=role, document=document, status=status,
                light=light, due_before=due_before, due_after=due_after, overdue=overdue,
                include_drafts=include_drafts, limit=limit,
                ids=list(ids) if ids is not None else None, offset=offset)

    def count_items(self, *, today: dt.date | None = None, unit: str | None = None,
                    jurisdiction: str | None = None, role: str = "any",
                    document: DocRef | None = None,
                    status: Status | Iterable[Status] | None = None,
                    due_before: dt.date | None = None, due_after: dt.date | None = None,
                    overdue: bool = False, include_drafts: bool = False) -> int:
        """How many items :meth:`list_items` lists with these filters, counted in the
        database (no light filter: lights are computed, not stored)."""
        with self.engine.connect() as conn:
            return items.count_items(
                self._ctx(conn), today=today, unit=unit, jurisdiction=jurisdiction, role=role,
                document=document, status=status, due_before=due_before, due_after=due_after,
                overdue=overdue, include_drafts=include_drafts, ids=None)

    def get_item(self, item_id: int, *, today: dt.date | None = None,
                 last_report: bool = True) -> WorkItem:
        """One item; ``last_report=False`` leaves its last report out (one query less: enough
        to check who may report on it)."""
        with self.engine.connect() as conn:
            return items.get_item(self._ctx(conn), item_id, today=today,
                                  thresholds=self.thresholds, last_report=last_report)

    def search(self, query: str, *, limit: int = 50,
               today: dt.date | None = None) -> list[WorkItem]:
        """Full-text search over task titles and texts (FTS5 trigram on SQLite, ILIKE on PG)."""
        fts.catch_up(self.engine)  # items stored since the last search join the index first
        with self.engine.connect() as conn:
            return items.search(self._ctx(conn), query, limit=limit, today=today,
                                thresholds=self.thresholds)

    def search_ids(self, query: str) -> list[int]:
        """The ids ``search`` would list, unordered and unlimited, without loading the items
        (the web app maps them onto the items it keeps in memory)."""
        fts.catch_up(self.engine)
        with self.engine.connect() as conn:
            return items.search_ids(self._ctx(conn), query)

    def reports(self, item_id: int) -> list[Report]:
        """All reports on an item, oldest first."""
        with self.engine.connect() as conn:
            return progress.reports(self._ctx(conn), item_id)

    def latest_reports(self) -> dict[tuple[int, str], Report]:
        """(item id, unit name) → that unit's latest report on the item, for every item."""
        with self.engine.connect() as conn:
            return progress.latest_reports(self._ctx(conn))

    def occurrences(self, item_id: int) -> list[Occurrence]:
        """The dated occurrences of a recurring item within its period, with their reports."""
        with self.engine.connect() as conn:
            return progress.occurrences(self._ctx(conn), item_id)

    def report(self, item_id: int, *, unit: str, actor: str, today: dt.date,
               status: Status | None = None, percent: int | None = None,
               text: str | None = None, problems: str | None = None,
               next_steps: str | None = None, evidence: Sequence[str] = (),
               occurrence: dt.date | None = None,
               expected_version: int | None = None) -> Report:
        """One unit's progress report; fields left None are pre-filled from its last report.

        Only the item's lead and support units may report (PermissionDenied). A status change
        goes through the workflow (IllegalTransition); a stale ``expected_version`` → StaleEdit.
        """
        update = ProgressUpdate(item_id=item_id, unit=unit, expected_version=expected_version,
                                status=status, percent=percent, text=text, problems=problems,
                                next_steps=next_steps, evidence=tuple(evidence),
                                occurrence=occurrence)
        return self.apply_progress([update], actor=actor, today=today)[0]

    def report_linked(self, item_id: int, *, unit: str | Callable[[WorkItem], str], actor: str,
                      today: dt.date, status: Status | None = None, percent: int | None = None,
                      text: str | None = None, problems: str | None = None,
                      next_steps: str | None = None, evidence: Sequence[str] = (),
                      occurrence: dt.date | None = None,
                      expected_version: int | None = None) -> Any:
        """As :meth:`report`, also recorded on every item confirmed as the same work for that
        unit (只报一次, :func:`taizhang.store.links.report`), in one transaction.

        Returns a ``LinkedReport``: the reports (this item's first) and the item as it now is,
        with its light for ``today`` — what a caller would otherwise read back. ``unit`` may
        be a function of the item as read in the transaction, returning the unit's name or
        raising (a permission check that then costs no read of its own).
        """
        from taizhang.store import links

        return links.report(self, item_id, unit=unit, actor=actor, today=today, status=status,
                            percent=percent, text=text, problems=problems,
                            next_steps=next_steps, evidence=evidence, occurrence=occurrence,
                            expected_version=expected_version)

    def apply_progress(self, updates: Sequence[ProgressUpdate], *, actor: str,
                       today: dt.date) -> list[Report]:
        """Apply many reports all-or-nothing: the first refusal rolls back every one."""
        with self.engine.begin() as conn:
            return progress.apply(self._ctx(conn), updates, actor=actor, today=today)

    def set_status(self, item_id: int, status: Status, *, actor: str, unit: str | None = None,
                   expected_version: int | None = None, note: str = "",
                   today: dt.date | None = None) -> WorkItem:
        """Change status through the workflow table: as the office, or as ``unit`` if given."""
        with self.engine.begin() as conn:
            return progress.set_status(self._ctx(conn), item_id, status, actor=actor, unit=unit,
                                       expected_version=expected_version, note=note,
                                       today=today)

    # 督办 ----------------------------------------------------------------------------------------

    def issue_duban(self, item_id: int, *, actor: str, today: dt.date, reason: str = "",
                    level: DubanLevel = DubanLevel.REMINDER,
                    reply_due: dt.date | None = None, force: bool = False) -> DubanNotice:
        """Number and issue a notice (督办〔<year of today>〕<n>号); reply due defaults to +7 days.

        Refused for finished work, and for work on a green light on ``today`` unless
        ``force`` (:func:`taizhang.ledger.duban.check_needs_duban`).
        """
        with self.engine.begin() as conn:
            return duban.issue(self._ctx(conn), item_id, actor=actor, today=today,
                               reason=reason, level=level, reply_due=reply_due,
                               thresholds=self.thresholds, force=force)

    def escalate_duban(self, notice: NoticeRef, *, actor: str, today: dt.date,
                       reason: str = "", reply_due: dt.date | None = None) -> DubanNotice:
        """Raise the level one step (提醒 → 督办 → 挂牌督办) with a new reply deadline."""
        with self.engine.begin() as conn:
            return duban.escalate(self._ctx(conn), notice, actor=actor, today=today,
                                  reason=reason, reply_due=reply_due)

    def answer_duban(self, notice: NoticeRef, *, unit: str, text: str,
                     actor: str) -> DubanNotice:
        """The lead (or a support) unit's reply to a notice."""
        with self.engine.begin() as conn:
            return duban.answer(self._ctx(conn), notice, unit=unit, text=text, actor=actor)

    def close_duban(self, notice: NoticeRef, *, actor: str) -> DubanNotice:
        with self.engine.begin() as conn:
            return duban.close(self._ctx(conn), notice, actor=actor)

    def get_duban(self, notice: NoticeRef) -> DubanNotice:
        with self.engine.connect() as conn:
            return duban.get(self._ctx(conn), notice)

    def list_duban(self, *, item_id: int | None = None, state: DubanState | None = None,
                   year: int | None = None) -> list[DubanNotice]:
        with self.engine.connect() as conn:
            return duban.list_notices(self._ctx(conn), item_id=item_id, state=state, year=year)

    # audit, stats ------------------------------------------------------------------------------

    def history(self, item_id: int) -> list[AuditEntry]:
        """Every audit entry touching an item (reports, status, corrections, 督办), oldest first."""
        with self.engine.connect() as conn:
            items.get_item(self._ctx(conn), item_id)  # NotFound for an unknown item
            return audit.for_item(conn, item_id)

    def audit_log(self, *, entity: str | None = None, entity_id: int | None = None,
                  limit: int | None = None) -> list[AuditEntry]:
        with self.engine.connect() as conn:
            return audit.entries(conn, entity=entity, entity_id=entity_id, limit=limit)

    def latest_audit_id(self) -> int:
        """The id of the newest audit entry (0 for none): every change writes one, so it
        stamps the state of the whole ledger."""
        with self.engine.connect() as conn:
            return audit.latest_id(conn)

    def changes_since(self, audit_id: int) -> tuple[int, set[str], set[int]]:
        """What changed after the audit entry ``audit_id``: the newest id, the actions and
        the items touched."""
        with self.engine.connect() as conn:
            return audit.since(conn, audit_id)

    def status_changes(self, *, after: int = 0) -> list[AuditEntry]:
        """The audit entries that may change an item's status (reports, status changes),
        oldest first: what a status-over-time chart replays."""
        with self.engine.connect() as conn:
            return audit.status_entries(conn, after=after)

    def stats(self, *, today: dt.date, jurisdiction: str | None = None) -> list[UnitStats]:
        """Per lead/support unit: counts, done, overdue and on-time rate, most lead work first."""
        with self.engine.connect() as conn:
            return items.stats(self._ctx(conn), today=today, jurisdiction=jurisdiction,
                               thresholds=self.thresholds)

    # users (hashing is the web layer's job) ----------------------------------------------------

    def create_user(self, username: str, password_hash: str, role: Role | str, *,
                    unit_id: int | None = None, actor: str = "cli") -> User:
        with self.engine.begin() as conn:
            return users.create(self._ctx(conn), username, password_hash, Role(role),
                                unit_id=unit_id, actor=actor)

    def get_user(self, username: str) -> User | None:
        with self.engine.connect() as conn:
            return users.get(conn, username)

    def list_users(self) -> list[User]:
        with self.engine.connect() as conn:
            return users.list_all(conn)

    def set_password_hash(self, username: str, password_hash: str, *, actor: str) -> User:
        """A new password hash; every session of the user ends with the old password."""
        with self.engine.begin() as conn:
            return users.set_hash(self._ctx(conn), username, password_hash, actor=actor)

    # login sessions and the instance secret (store/sessions.py) ----------------------------------

    def create_session(self, digest: str, *, username: str, csrf: str, address: str,
                       policy: SessionPolicy) -> None:
        """Record a login; ``digest`` is the SHA-256 of the cookie token, never the token."""
        with self.engine.begin() as conn:
            sessions.create(self._ctx(conn), digest, username=username, csrf=csrf,
                            address=address, policy=policy)

    def find_session(self, digest: str, policy: SessionPolicy) -> LoginSession | None:
        """The live session for a token digest, its user as stored now; None when unknown,
        ended or timed out (a timed-out row is deleted)."""
        with self.engine.begin() as conn:
            return sessions.find(self._ctx(conn), digest, policy)

    def end_session(self, digest: str) -> bool:
        with self.engine.begin() as conn:
            return sessions.end(conn, digest)

    def end_sessions(self, username: str, *, actor: str, reason: str = "revoked") -> int:
        """End every session of a user (audited); how many there were."""
        with self.engine.begin() as conn:
            return sessions.end_for_user(self._ctx(conn), username, actor=actor, reason=reason)

    def session_counts(self, policy: SessionPolicy) -> dict[int, int]:
        with self.engine.connect() as conn:
            return sessions.counts(conn, self.clock(), policy)

    def instance_secret(self) -> str:
        """This ledger's secret, generated and stored on first use."""
        with self.engine.begin() as conn:
            return sessions.instance_secret(self._ctx(conn))
