"""Every supplier's and merchant's results, worked out at most once per build however many views read them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..data.handbook import Handbook
from . import merchants, suppliers


@dataclass(eq=False)
class PartnerScores:
    """Supplier scorecards and merchant results by id, each computed on first use."""

    handbook: Handbook

    @cached_property
    def suppliers(self) -> dict[str, list[suppliers.SupplierScore]]:
        return suppliers.scorecards(self.handbook)

    @cached_property
    def merchants(self) -> dict[str, list[merchants.MerchantScore]]:
        return merchants.results(self.handbook)
