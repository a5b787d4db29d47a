"""A reader's text given in one language only (a plain string where the contract takes `Prose`), while the handbook is
published in more than one: a warning, since both editions then show it as written."""

from __future__ import annotations

import types
from collections.abc import Iterator
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from ..i18n.messages import gettext
from .contracts.base import Names
from .loading import YAML_FILES, Parts
from .problems import Code, Problem

UNIONS = (Union, types.UnionType)  # Prose | None, and str | Names written without Text

Path = tuple[str | int, ...]


def one_language(parts: Parts, languages: tuple[str, ...]) -> list[Problem]:
    """One warning per `Prose` field of the YAML files of data/ written as a plain string, when `languages` are two or more."""
    if len(languages) < 2:
        return []
    expected, found = gettext("a text in both languages ({languages})", languages=", ".join(languages)), gettext("one language only")
    problems = []
    for name, spec in YAML_FILES.items():
        loaded, located = getattr(parts, spec.part), parts.located.get(name)
        if loaded is None or located is None:
            continue
        for path in plain_texts(loaded):
            where, rest = located.locate(path)
            problems.append(Problem(Code.ONE_LANGUAGE, located.label, where, ".".join(map(str, rest)), expected, found, "warning"))
    return problems


def plain_texts(value: Any, annotation: Any = None, path: Path = ()) -> Iterator[Path]:
    """The path of every `Prose` value given as a plain string in validated records (a model, or lists and dicts of them)."""
    if isinstance(value, BaseModel):
        for field, info in type(value).model_fields.items():
            yield from plain_texts(getattr(value, field), info.annotation, (*path, field))
    elif isinstance(value, list):
        inner = _args(annotation)
        for n, item in enumerate(value):
            yield from plain_texts(item, inner[0] if inner else None, (*path, n))
    elif isinstance(value, dict):
        inner = _args(annotation)
        for key, item in value.items():
            yield from plain_texts(item, inner[1] if len(inner) == 2 else None, (*path, key))
    elif isinstance(value, str) and _is_prose(annotation):
        yield path


def _args(annotation: Any) -> tuple[Any, ...]:
    """A list's or dict's item types, under any Annotated or Optional around them."""
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    if get_origin(annotation) in UNIONS:
        annotation = next((a for a in get_args(annotation) if a is not type(None)), None)
    return get_args(annotation)


def _is_prose(annotation: Any) -> bool:
    """A type that takes a text in both languages (Names) or a plain string: `Prose`, or `Prose | None`."""
    return get_origin(annotation) in UNIONS and Names in get_args(annotation)
