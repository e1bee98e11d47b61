"""One exception tree for taizhang; the CLI and the web app translate it at the edges.

    TaizhangError                 exit 1 unless a subclass says otherwise
    ├── InputError                the user's file or argument cannot be used (exit 2)
    │   ├── FileUnreadable        missing, a directory, too large, empty, binary, corrupt
    │   └── DecodeError           no encoding fits the bytes
    ├── LedgerError               the ledger refuses an operation (exit 3)
    │   ├── NotFound              unknown document, task, unit, notice, user
    │   ├── PermissionDenied      a unit acting on an item that is not its own
    │   ├── IllegalTransition     a status change the workflow table does not allow
    │   └── StaleEdit             someone else changed the item first (optimistic versioning)
    ├── StorageError              the database cannot be opened or migrated (exit 4)
    │   ├── DatabaseMissing       no ledger at that address yet (a missing SQLite file, an
    │   │                         empty or un-migrated database): says which command makes one
    │   └── DatabaseUnavailable   down, missing or read-only while serving (HTTP 503)
    ├── DeliveryFailed            a notice could not be delivered after its retries (exit 5)
    ├── ClusterError              the Dask cluster cannot be reached or lost its workers (exit 6)
    └── SheetError                an imported spreadsheet is unusable; names row and column (exit 2)

Messages are Chinese and say what was given, what was expected and what to do next.
"""
from __future__ import annotations


class TaizhangError(Exception):
    """Base of every error taizhang raises on purpose."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}；{self.hint}" if self.hint else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # picklable whatever the subclass's __init__ takes: upload workers send errors back
        return (_rebuild, (type(self), self.args, self.__dict__.copy()))


def _rebuild(cls: type[TaizhangError], args: tuple[object, ...],
             state: dict[str, object]) -> TaizhangError:
    err = cls.__new__(cls)
    Exception.__init__(err, *args)
    err.__dict__.update(state)
    return err


class InputError(TaizhangError):
    exit_code = 2
    http_status = 400


class FileUnreadable(InputError):
    def __init__(self, path: str, reason: str, *, hint: str | None = None) -> None:
        super().__init__(f"{path}：{reason}", hint=hint)
        self.path = path
        self.reason = reason


class DecodeError(FileUnreadable):
    pass


class LedgerError(TaizhangError):
    exit_code = 3
    http_status = 409


class NotFound(LedgerError):
    http_status = 404


class PermissionDenied(LedgerError):
    http_status = 403


class IllegalTransition(LedgerError):
    http_status = 409


class StaleEdit(LedgerError):
    http_status = 409


class StorageError(TaizhangError):
    exit_code = 4
    http_status = 500


class DatabaseMissing(StorageError):
    """No ledger at the address: nothing was created there (only ``taizhang init``, ``ingest``
    and ``demo`` create one). The message names the address, the hint the command."""

    http_status = 503

    def __init__(self, message: str, *, url: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.url = url


class DeliveryFailed(TaizhangError):
    """A mail server or group robot refused or did not answer; ``retry`` says whether trying
    again later may help (a time-out, a 5xx, a rate limit) or not (a wrong key, a bad sign)."""

    exit_code = 5
    http_status = 502

    def __init__(self, message: str, *, hint: str | None = None, retry: bool = False) -> None:
        super().__init__(message, hint=hint)
        self.retry = retry


class ClusterError(TaizhangError):
    """``taizhang corpus build``: the scheduler does not answer, has no workers, or runs other code."""

    exit_code = 6
    http_status = 503

class DatabaseUnavailable(StorageError):
    """The database stopped answering, vanished or turned read-only while the app runs."""

    http_status = 503


class SheetError(InputError):
    """A spreadsheet row or column that cannot be imported; nothing of the file was applied."""

    def __init__(self, message: str, *, row: int | None = None, column: str | None = None,
                 hint: str | None = None) -> None:
        where = "".join([f"第{row}行" if row else "", f"“{column}”列" if column else ""])
        super().__init__(f"{where}：{message}" if where else message, hint=hint)
        self.row = row
        self.column = column
