"""Every supplier's and merchant's results, worked out at most once per build however many views read them."""

from __future__ import annotations

from dataclasses import dataclass

from ..data.contracts.partners import Partner
from ..data.handbook import Handbook
from ..data.reads import Shared
from . import merchants, suppliers


@dataclass(eq=False)
class PartnerScores:
    """Supplier scorecards and merchant results by id, each computed on first use (data/reads.py: Shared)."""

    handbook: Handbook
    shared: Shared

    @property
    def suppliers(self) -> dict[str, list[suppliers.SupplierScore]]:
        return self.shared.get("supplier scorecards", lambda: suppliers.scorecards(self.handbook))

    @property
    def merchants(self) -> dict[str, list[merchants.MerchantScore]]:
        return self.shared.get("merchant results", lambda: merchants.results(self.handbook))

    def latest_suppliers(self) -> tuple[list[tuple[Partner, suppliers.SupplierScore]], str | None]:
        """Each supplier with its latest quarter's score, and that quarter."""
        cards = self.suppliers
        latest = [(s, cards[s.id][-1]) for s in self.handbook.suppliers.suppliers if cards[s.id]]
        return latest, max((card.quarter for _, card in latest), default=None)

    def latest_merchants(self) -> tuple[list[tuple[Partner, merchants.MerchantScore]], str | None]:
        """Each merchant with its latest rated month, and the newest of those months."""
        found = []
        for m in self.handbook.merchants.merchants:
            rated = [r for r in self.merchants[m.id] if r.record is not None]
            if rated:
                found.append((m, rated[-1]))
        return found, max((r.month for _, r in found), default=None)
