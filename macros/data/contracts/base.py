"""The building blocks every contract shares: strict records, names in two languages, quoted evidence."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
# A platform's own id for a supplier, merchant or other record: letters, digits, - and _, up to 32 characters.
# An id of digits only may be written without quotes in YAML; one that starts with 0 needs them (YAML drops the 0).
PlatformId = Annotated[str, BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) else v),
                       Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")]  # fmt: skip
Kebab = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
Text = Annotated[str, Field(min_length=1)]
Rating = Annotated[int, Field(ge=1, le=5)]
Percent = Annotated[float, Field(ge=0, le=100)]
Positive = Annotated[float, Field(gt=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, frozen=True)


class Names(Strict):
    en: Text
    zh: Text


# Text a reader reads (a risk's title, a step of a procedure): in both languages, or as written in one, which both
# editions then show (validation warns of it when the handbook is published in two).
Prose = Text | Names


def english(text: Prose) -> str:
    """Prose as domain code compares, sorts and records it: its English, or the one language it is written in."""
    return text if isinstance(text, str) else text.en


class Evidence(Strict):
    source: str
    quote: Text


def columns(model: type[BaseModel]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A CSV record's required and optional columns, in the order its model declares them."""
    fields = model.model_fields
    return tuple(n for n, f in fields.items() if f.is_required()), tuple(n for n, f in fields.items() if not f.is_required())
