"""Controlled documents (ISO 9001 7.5): each page's front matter, its next review, and the rules it follows."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..data.contracts.documents import DocumentControl
from ..data.dates import add_months, is_overdue
from ..data.files import yaml_hazard
from ..data.problems import Code, Problem, line_where, shown
from ..data.rules import known
from ..data.schema_errors import problems_from
from ..i18n.editions import languages as published
from ..i18n.editions import localized, split_language
from ..i18n.messages import SOURCE, gettext, ngettext

CONTROL_FIELDS = ("document_id", "title", "version", "status", "owner", "approver", "effective", "review_every")
_FENCE = "---"


# The control fields a page's translations share: they are one controlled document (the title and note are worded).
SHARED_FIELDS = tuple(f for f in (*CONTROL_FIELDS, "superseded_by", "reviewed") if f != "title")


@dataclass(frozen=True)
class Document:
    """One language's file of a controlled page; a page's translations are one document (the same `path`)."""

    path: str  # the page, relative to docs/, as links and the navigation name it (without a language suffix)
    control: DocumentControl
    heading: str | None  # the page's first level-one heading
    heading_line: int
    lines: dict[str, int]  # front matter key -> line number in the file
    file: str  # the file relative to docs/: `path`, or `path` with the language suffix (risks/index.zh.md)
    language: str

    def where(self, key: str) -> str:
        return line_where(self.lines[key]) if key in self.lines else "front matter"


def split_front_matter(text: str) -> tuple[str | None, str]:
    """The front matter (YAML between the opening and closing '---' lines) and the body after it."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != _FENCE:
        return None, text
    for n, line in enumerate(lines[1:], start=1):
        if line.strip() == _FENCE:
            return "\n".join(lines[1:n]), "\n".join(lines[n + 1 :])
    return None, text


def parse_front_matter(front: str) -> object:
    """The front matter's YAML with every value kept as written, so "1.10" stays a version, not the number 1.1;
    aliases and deep nesting are refused as data files refuse them."""
    hazard = yaml_hazard(front, "")
    if hazard is not None:
        raise yaml.YAMLError(f"{hazard.expected}, found {hazard.found}")
    return yaml.load(front, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects


def front_matter_of(text: str) -> dict:
    """A page's front matter as a mapping; empty when it is missing or not key: value lines (for comparing states)."""
    front, _ = split_front_matter(text)
    try:
        meta = parse_front_matter(front or "")
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def body_of(text: str) -> str:
    """A page without its front matter: what a version number vouches for, apart from the control fields."""
    return split_front_matter(text)[1]


def project_languages(docs_dir: Path) -> tuple[str, ...]:
    """The languages of the project docs/ belongs to (mkdocs.yml beside it), the default first."""
    return published(docs_dir.parent) if (docs_dir.parent / "mkdocs.yml").is_file() else (SOURCE,)


def load_documents(docs_dir: Path, languages: tuple[str, ...] | None = None) -> tuple[list[Document], list[Problem]]:
    """Every page file's control block, with one problem per missing or invalid field, and one per page whose
    translations are missing or disagree (`languages`: the handbook's, the default first; read from mkdocs.yml)."""
    languages = languages or project_languages(docs_dir)
    documents: list[Document] = []
    problems: list[Problem] = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        label = f"{docs_dir.name}/{rel}"
        text = path.read_text(encoding="utf-8")
        front, body = split_front_matter(text)
        if front is None:
            expected = gettext("a front matter block between '---' lines at the top, with {fields}", fields=", ".join(CONTROL_FIELDS))
            problems.append(Problem(Code.NO_FRONT_MATTER, label, line_where(1), "front matter", expected, gettext("none")))
            continue
        try:
            raw = parse_front_matter(front)
        except yaml.YAMLError as exc:
            problems.append(
                Problem(Code.YAML_SYNTAX, label, "front matter", "", gettext("valid YAML (key: value lines)"), _yaml_problem(exc))
            )
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(Code.INVALID_VALUE, label, "front matter", "", gettext("key: value lines"), shown(front.strip())))
            continue
        try:
            control = DocumentControl.model_validate(raw)
        except ValidationError as exc:
            problems += problems_from(exc, label, lambda loc, front=front: (_line_of(front, loc), loc))
            continue
        offset = front.count("\n") + 4  # the front matter's lines, its two fences, and numbering from 1
        heading, line = _first_heading(body)
        page, lang = split_language(rel)
        documents.append(Document(page, control, heading, line + offset if heading else 0, _key_lines(front), rel, lang or languages[0]))
    return documents, problems + translation_problems(documents, languages, docs_dir.name)


def translation_problems(documents: list[Document], languages: tuple[str, ...], docs_label: str = "docs") -> list[Problem]:
    """Each page exists once in every language, and its translations share every control field but the title."""
    found: list[Problem] = []
    by_page: dict[str, list[Document]] = {}
    for doc in documents:
        by_page.setdefault(doc.path, []).append(doc)
    for page, files in by_page.items():
        first, top = files[0], line_where(1)
        for lang in languages:
            mine = [d for d in files if d.language == lang]
            if not mine:
                wanted = gettext("the page in {language} too: {file}", language=lang, file=f"{docs_label}/{localized(page, lang)}")
                found.append(Problem(Code.MISSING_TRANSLATION, f"{docs_label}/{first.file}", top, "language", wanted, gettext("none")))
            for extra in mine[1:]:
                wanted = gettext("one file per language ({other} is this page in {language})", other=f"{docs_label}/{mine[0].file}",
                                 language=lang)  # fmt: skip
                found.append(Problem(Code.DUPLICATE_ID, f"{docs_label}/{extra.file}", top, "language", wanted, shown(extra.file)))
        for doc in files[1:]:
            for name in SHARED_FIELDS:
                value, expected = getattr(doc.control, name, None), getattr(first.control, name, None)
                if value != expected:
                    wanted = gettext("the same {field} as {other} ({value}): a page and its translation are one document",
                                     field=name, other=f"{docs_label}/{first.file}", value=shown(str(expected)))  # fmt: skip
                    found.append(Problem(Code.TRANSLATION_DIFFERS, f"{docs_label}/{doc.file}", doc.where(name), name, wanted,
                                         shown(str(value))))  # fmt: skip
    return found


def edition_documents(documents: list[Document], lang: str) -> list[Document]:
    """One file per page, the edition's: in `lang` where the page has it, else the file it has (a one-language handbook)."""
    chosen: dict[str, Document] = {}
    for doc in documents:
        if doc.path not in chosen or (doc.language == lang and chosen[doc.path].language != lang):
            chosen[doc.path] = doc
    return list(chosen.values())


def document_problems(documents: list[Document], departments: set[str], docs_label: str = "docs") -> list[Problem]:
    """Rules across documents: unique ids, known owners and approvers, supersession, title matches heading."""
    found: list[Problem] = []
    by_id: dict[str, Document] = {}
    for doc in documents:
        label, c = f"{docs_label}/{doc.file}", doc.control
        if c.document_id in by_id and by_id[c.document_id].path != doc.path:  # a page's translations share their id
            other = by_id[c.document_id].path
            found.append(
                Problem(
                    Code.DUPLICATE_ID,
                    label,
                    doc.where("document_id"),
                    "document_id",
                    gettext("an id no other page has ({other} has it)", other=other),
                    shown(c.document_id),
                )
            )
        by_id.setdefault(c.document_id, doc)
        department = gettext("a department id from data/org.yml")
        found += known(label, doc.where("owner"), "owner", c.owner, departments, department)
        found += known(label, doc.where("approver"), "approver", c.approver, departments, department)
        if doc.heading is not None and doc.heading.strip() != c.title.strip():
            found.append(
                Problem(
                    Code.TITLE_MISMATCH,
                    label,
                    line_where(doc.heading_line),
                    "title",
                    gettext('the page heading to match the title "{title}"', title=c.title),
                    shown(doc.heading),
                )
            )
    for doc in documents:
        found += _supersession(doc, by_id, f"{docs_label}/{doc.file}")
    return found


def review_warnings(documents: list[Document], today: date, docs_label: str = "docs") -> list[Problem]:
    """An approved document whose next review date has passed."""
    return [
        Problem(
            Code.OVERDUE, f"{docs_label}/{d.file}", d.where("effective"), "reviewed",
            gettext("a review by {day} (every {every})", day=next_review(d.control).isoformat(),
                    every=review_every(d.control.review_every)),
            gettext("none since {day}", day=last_reviewed(d.control).isoformat()), "warning",
        )
        for d in documents
        if is_review_overdue(d.control, today)
    ]  # fmt: skip


def last_reviewed(control: DocumentControl) -> date:
    return max(control.effective, control.reviewed) if control.reviewed else control.effective


def next_review(control: DocumentControl) -> date:
    return add_months(last_reviewed(control), review_months(control.review_every))


def is_review_overdue(control: DocumentControl, today: date) -> bool:
    return is_overdue(next_review(control), today, still_open=control.status == "approved")


def review_months(review_every: str) -> int:
    count, unit = review_every.split()
    return int(count) * (12 if unit.startswith("year") else 1)


def review_every(every: str) -> str:
    """How often a document is reviewed, as its front matter writes it ("12 months", "1 year"), in the build's language."""
    count, unit = every.split()
    n = int(count)
    return ngettext("{n} year", "{n} years", n) if unit.startswith("year") else ngettext("{n} month", "{n} months", n)


def _supersession(doc: Document, by_id: dict[str, Document], label: str) -> list[Problem]:
    c = doc.control
    if c.status != "obsolete":
        if c.superseded_by:
            return [
                Problem(
                    Code.SUPERSESSION,
                    label,
                    doc.where("superseded_by"),
                    "superseded_by",
                    gettext("no successor on a page that is not obsolete"),
                    shown(c.superseded_by),
                )
            ]
        return []
    if not c.superseded_by:
        return [
            Problem(
                Code.SUPERSESSION,
                label,
                doc.where("status"),
                "superseded_by",
                gettext("the document_id of the page that replaces this obsolete one"),
                gettext("nothing"),
            )
        ]
    successor = by_id.get(c.superseded_by)
    if successor is None or successor is doc or successor.control.status == "obsolete":
        expected = gettext("the document_id of a page in force (not this page, not an obsolete one)")
        return [Problem(Code.SUPERSESSION, label, doc.where("superseded_by"), "superseded_by", expected, shown(c.superseded_by))]
    return []


def _line_of(front: str, loc: tuple[str | int, ...]) -> str:
    line = _key_lines(front).get(str(loc[0]) if loc else "")
    return line_where(line) if line else "front matter"


def _key_lines(front: str) -> dict[str, int]:
    keys = (re.match(r"([A-Za-z_]+)\s*:", line) for line in front.split("\n"))
    return {m.group(1): n for n, m in enumerate(keys, start=2) if m}  # line 1 is the opening '---'


def _first_heading(body: str) -> tuple[str | None, int]:
    fenced = False
    for n, line in enumerate(body.split("\n")):
        if line.startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("# "):
            return line[2:].strip(), n
    return None, 0


def _yaml_problem(exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    return gettext("a YAML error at front matter line {line}", line=mark.line + 2) if mark else (str(exc) or gettext("a YAML error"))
