"""Every supplier's and merchant's results, worked out at most once per build however many views read them."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..data.handbook import Handbook
from . import merchants, suppliers


@dataclass(eq=False)
class PartnerScores:
    """Supplier scorecards and merchant results by id, each computed on first use.

    Each read touches the handbook fields the results come from, so every view that reads them notes those fields
    as read (data/reads.py), not only the first, which computed them.
    """

    handbook: Handbook
    _suppliers: dict[str, list[suppliers.SupplierScore]] | None = field(default=None, init=False)
    _merchants: dict[str, list[merchants.MerchantScore]] | None = field(default=None, init=False)

    @property
    def suppliers(self) -> dict[str, list[suppliers.SupplierScore]]:
        _ = self.handbook.suppliers, self.handbook.supplier_quarters
        if self._suppliers is None:
            self._suppliers = suppliers.scorecards(self.handbook)
        return self._suppliers

    @property
    def merchants(self) -> dict[str, list[merchants.MerchantScore]]:
        _ = self.handbook.merchants, self.handbook.merchant_months
        if self._merchants is None:
            self._merchants = merchants.results(self.handbook)
        return self._merchants
