"""Rules for data/exports.yml itself and for the queries that read it; each file's rows are checked when it is read
(local.py), so that validate, the build and refresh judge a file the same way."""

from __future__ import annotations

from datetime import date

from ...i18n.messages import gettext
from ..loading import Parts
from ..problems import Code, Problem, shown
from .catalogue import ALLOWED, Catalogue, UnreadableSQL, refusal, tables_read


def contract(parts: Parts, today: date) -> list[Problem]:
    """A derived export reads declared exports and never itself; `covers` names one of the export's timestamps."""
    loc, catalogue = parts.located["exports.yml"], Catalogue(parts.exports_map)
    found = []
    for name, spec in catalogue.exports.items():
        if spec.sql is not None and refusal(spec.sql):
            continue  # said when the exports are opened (local.py), which refuses to define it
        if spec.sql is not None and (unreadable := _unreadable(spec.sql)):
            where = loc.where(None, "exports", name, "sql")
            found.append(Problem(Code.QUERY_FAILED, loc.label, where, "sql", gettext("SQL that DuckDB can parse"), unreadable))
        elif spec.sql is not None and not catalogue.inputs(name):
            others = ", ".join(n for n in catalogue.exports if n != name)
            expected = gettext("SQL that reads other exports by their names ({others})", others=others)
            where = loc.where(None, "exports", name, "sql")
            found.append(Problem(Code.NO_EXPORT_TABLE, loc.label, where, "sql", expected, gettext("none of them")))
        if cycle := catalogue.cycle(name):
            expected = gettext("a derived export that does not read itself, directly or through others")
            found.append(Problem(Code.BAD_ORDER, loc.label, loc.where(None, "exports", name, "sql"), "sql", expected, " → ".join(cycle)))
        if spec.covers and spec.file is not None:
            column = spec.columns.get(spec.covers)
            if column is None or column.type != "timestamp":
                timestamps = ", ".join(n for n, c in spec.columns.items() if c.type == "timestamp") or gettext("none declared")
                where = loc.where(None, "exports", name, "covers")
                expected = gettext("one of the export's timestamp columns ({columns})", columns=timestamps)
                found.append(Problem(Code.UNKNOWN_REFERENCE, loc.label, where, "covers", expected, shown(spec.covers)))
    return found


def queries(parts: Parts, today: date) -> list[Problem]:
    """Each KPI query reads a table; one data/exports.yml does not declare leaves the KPI without data (a warning)."""
    if parts.kpis is None:
        return []
    loc, names = parts.located["kpis.yml"], list(parts.exports_map.exports)
    found = []
    for n, k in enumerate(parts.kpis):
        path = parts.data_dir / "queries" / str(k.query)
        if not (k.query and path.is_file()):
            continue
        label, sql = f"{parts.data_dir.name}/queries/{k.query}", path.read_text(encoding="utf-8")
        if refused := refusal(sql):
            found.append(Problem(Code.SQL_NOT_ALLOWED, label, loc.where(n, "query"), "", gettext(ALLOWED), refused))
        elif unreadable := _unreadable(sql):
            found.append(Problem(Code.QUERY_FAILED, label, loc.where(n, "query"), "", gettext("SQL that DuckDB can parse"), unreadable))
        elif not tables_read(sql):
            expected = gettext("a query that reads an export of data/exports.yml ({exports})", exports=", ".join(names))
            found.append(Problem(Code.NO_EXPORT_TABLE, label, loc.where(n, "query"), "FROM", expected, gettext("none of them")))
    return found


def _unreadable(sql: str) -> str | None:
    """What the parser says of SQL it cannot read; None when it can."""
    try:
        tables_read(sql)
    except UnreadableSQL as exc:
        return str(exc)
    return None
