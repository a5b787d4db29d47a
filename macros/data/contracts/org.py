"""The sources, departments, RACI, recurring activities and procedures (data/sources.yml, org.yml, procedures.yml, activity_log.csv)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import Field

from .base import Kebab, Names, Prose, Slug, Strict, Text


class Source(Strict):
    id: Annotated[str, Field(pattern=r"^S\d+$")]
    title: Names
    file: Annotated[str, Field(pattern=r"^sources/[\w-][\w.-]*$")]


class Responsibility(Strict):
    text: Prose
    source: str | None = None


class Department(Strict):
    id: Slug
    name: Names
    lead: Prose  # a person's name, in both scripts or as written
    team: Annotated[str, Field(pattern=r"^@[\w.-]+/[\w.-]+$")]
    sources: list[str] = []
    responsibilities: list[Responsibility]


class Raci(Strict):
    """Who is Responsible, Accountable (exactly one), Consulted and Informed for one activity."""

    activity: Prose
    procedure: str | None = None
    source: str | None = None
    R: Annotated[list[str], Field(min_length=1)]
    A: str
    C: list[str] = []
    I: list[str] = []  # noqa: E741 — the letters are the RACI convention


class Cadence(Strict):
    """A recurring activity the sources ask for, and how often it must happen."""

    id: Kebab
    name: Names
    every: Literal["weekly", "monthly", "quarterly", "yearly"]
    owner: str
    procedure: str | None = None
    source: Annotated[list[str], Field(min_length=1)]


class Org(Strict):
    departments: list[Department]
    raci: list[Raci] = []
    cadences: list[Cadence] = []


class Procedure(Strict):
    id: Kebab
    name: Names
    owner: str
    source: Annotated[list[str], Field(min_length=1)]
    summary: Prose
    trigger: Prose
    steps: Annotated[list[Prose], Field(min_length=1)]
    records: Annotated[list[Prose], Field(min_length=1)]
    kpis: list[str] = []


class ActivityDone(Strict):
    """One CSV row of the activity log: a recurring activity was carried out on a day."""

    activity: Text
    done: date
    record: Text
    note: str | None = None
