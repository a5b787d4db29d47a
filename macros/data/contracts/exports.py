"""The one contract of the platform's exports (data/exports.yml), read by refresh, validate and the build alike.

Each export is a file (or a glob of files: CSV, Parquet or Excel .xlsx), a table in a warehouse, or a derived
table defined as SQL over other exports. Only the columns listed are read, each named as the handbook names it
(`name:` gives the export's own name when it differs); any other column of the file is ignored and never published.
"""

from __future__ import annotations

from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field, model_validator

from ...i18n.messages import gettext
from .base import Slug, Strict, Text

ColumnType = Literal["text", "timestamp", "integer", "number"]
Format = Literal["csv", "parquet", "xlsx"]
# What Chinese teams' Excel and their platforms' exports are saved in; GB18030 includes all of GBK.
Encoding = Literal["utf-8", "gbk", "gb18030", "utf-16"]
SUFFIXES: dict[str, Format] = {".csv": "csv", ".txt": "csv", ".parquet": "parquet", ".xlsx": "xlsx"}


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(gettext("a time zone such as Asia/Shanghai or UTC, not {name}", name=repr(name))) from None
    return name


Zone = Annotated[str, AfterValidator(_zone)]


def _outside(path: str) -> bool:
    """A path that is absolute, names a drive or climbs out of data/: the handbook reads only what it commits."""
    parts = path.replace("\\", "/").split("/")
    return path.startswith(("/", "\\")) or ":" in path or ".." in parts


class ExportColumn(Strict):
    """A column the handbook reads: its type, its name in the export, and what every row must have."""

    type: ColumnType
    name: Text | None = None
    required: bool = False  # every row has a value
    key: bool = False  # every row has a value, and no two rows the same
    # The column holds identifiers, not personal data: the platform's own (an order or merchant number) or a customer's
    # replaced by a pseudonym in the export. The personal-data check passes it by; no page shows a pseudonymised one.
    identifier: Literal["platform", "pseudonymised"] | None = None
    min: float | None = None
    max: float | None = None

    @model_validator(mode="after")
    def _bounds_on_numbers(self) -> ExportColumn:
        if (self.min is not None or self.max is not None) and self.type not in ("integer", "number"):
            raise ValueError(gettext("min and max only on an integer or number column, not on a {type} one", type=self.type))
        return self


class ExportSpec(Strict):
    """One export: where it is and how it is written, or that the platform does not have it."""

    provided: bool = True
    file: Text | None = None  # relative to data/; a glob such as exports/orders/*.parquet reads every file it matches
    sql: Text | None = None  # a derived export: SQL over other exports, by their names here
    table: Text | None = None  # the same data in a warehouse (schema.table), used when a warehouse URL is given
    format: Format | None = None  # from the file's ending when not given
    encoding: Encoding = "utf-8"
    delimiter: Annotated[str, Field(min_length=1, max_length=1)] = ","
    sheet: Text | None = None  # .xlsx: the sheet to read, else the first
    timezone: Zone | None = None  # the zone of timestamps written without an offset; the handbook's by default
    timestamp_format: Text | None = None  # strptime codes, e.g. "%d/%m/%Y %H:%M"; ISO 8601 when not given
    covers: Slug | None = None  # the timestamp column whose latest value says how far the export reaches
    columns: dict[Slug, ExportColumn] = {}

    @model_validator(mode="after")
    def _one_source(self) -> ExportSpec:
        if self.provided and (self.file is None) == (self.sql is None):
            raise ValueError(gettext("either a file or an sql (a derived export), not both or neither (or provided: false)"))
        if self.file is not None and _outside(self.file):
            raise ValueError(gettext("a path inside data/, such as exports/orders.csv, not {file}", file=repr(self.file)))
        if self.file is not None and not self.columns:
            raise ValueError(gettext("the columns the handbook reads from the file (columns: {name: {type: ...}})"))
        return self

    def column(self, name: str) -> str:
        """The export's own name for the handbook's column `name`."""
        return self.columns[name].name or name

    def file_format(self) -> Format | None:
        """The declared format, else the one the file's ending says; None when neither says."""
        if self.format or self.file is None:
            return self.format
        suffix = "." + self.file.rsplit(".", 1)[-1].lower() if "." in self.file else ""
        return SUFFIXES.get(suffix)


class Refresh(Strict):
    output: Annotated[str, Field(pattern=r"^measurements/[\w.-]+\.csv$")]
    close_after_days: Annotated[int, Field(ge=0)]


class ExportsMap(Strict):
    timezone: Zone = "UTC"  # the handbook's zone: months and days are counted in it
    refresh: Refresh
    exports: dict[Slug, ExportSpec]
