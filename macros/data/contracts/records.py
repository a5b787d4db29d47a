"""The hand-kept CSV record files of data/: which contract each row follows and which fields name a row in a message.

The platform's exports are not among them: data/exports.yml is their contract (data/exports/).
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass, field

from pydantic import BaseModel

from .base import columns
from .org import ActivityDone
from .partners import MerchantMonth, SupplierQuarter
from .plan import QualityCost


@dataclass(frozen=True)
class RecordFile:
    """A CSV file of records: its row contract, and the fields that say which row a problem is about."""

    model: type[BaseModel]
    naming: tuple[str, ...]
    row: type = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "row", _row_type(self.model))

    @property
    def required(self) -> tuple[str, ...]:
        return columns(self.model)[0]

    @property
    def optional(self) -> tuple[str, ...]:
        return columns(self.model)[1]


def _row_type(model: type[BaseModel]) -> type:
    """An immutable row of the model's fields: a hundred thousand of them cost a fraction of as many models."""
    row = namedtuple(f"{model.__name__}Row", list(model.model_fields), module=__name__)  # noqa: PYI024
    globals()[row.__name__] = row  # found by name when the build cache unpickles checked records
    return row


RECORD_FILES = {
    "activity_log.csv": RecordFile(ActivityDone, ("activity", "done")),
    "supplier_quarters.csv": RecordFile(SupplierQuarter, ("supplier", "quarter")),
    "merchant_months.csv": RecordFile(MerchantMonth, ("merchant", "month")),
    "cost_of_quality.csv": RecordFile(QualityCost, ("year", "category")),
}
