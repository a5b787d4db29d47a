"""Quarterly editions: published with mike, findable by date, and compared with the edition before."""

from __future__ import annotations

import json
from datetime import date
from itertools import pairwise
from pathlib import Path

from bs4 import BeautifulSoup
from helpers import git, publish, replace_text, with_scripts

from macros.audit.changes import DocState, RiskState, Snapshot, compare
from macros.audit.editions import Edition, in_force_on, previous


def snap(documents=None, targets=None, values=None, risks=None) -> Snapshot:
    return Snapshot(documents or {}, targets or {}, values or {}, risks or {})


def test_changes_name_documents_added_changed_and_retired() -> None:
    a, b, c = (
        DocState("docs/a.md", "A", "1.0", "approved"),
        DocState("docs/b.md", "B", "1.0", "approved"),
        DocState("docs/c.md", "C", "1.0", "approved"),
    )
    old = snap(documents={"QH-A-001": a, "QH-B-001": b, "QH-C-001": c})
    a2, b2, d = (
        DocState("docs/a.md", "A", "1.1", "approved"),
        DocState("docs/b.md", "B", "1.0", "obsolete"),
        DocState("docs/d.md", "D", "1.0", "draft"),
    )
    new = snap(documents={"QH-A-001": a2, "QH-B-001": b2, "QH-D-001": d})
    changes = compare(old, new)
    assert [d.path for d in changes.documents_added] == ["docs/d.md"]
    assert [(o.version, n.version) for o, n in changes.documents_changed] == [("1.0", "1.1")]
    assert sorted(d.path for d in changes.documents_retired) == ["docs/b.md", "docs/c.md"]


def test_changes_name_targets_values_and_risks() -> None:
    old = snap(
        targets={"returns": ("Returns", "target 5")},
        values={("returns", "2026-09", ""): "4.1"},
        risks={"R-001": RiskState("Fakes", 16, 8, "open"), "R-002": RiskState("Late", 9, 4, "open")},
    )
    new = snap(
        targets={"returns": ("Returns", "target 4.5")},
        values={("returns", "2026-09", ""): "4.2", ("returns", "2026-10", ""): "4.0"},
        risks={
            "R-001": RiskState("Fakes", 16, 6, "open"),
            "R-002": RiskState("Late", 9, 4, "closed"),
            "R-003": RiskState("Leak", 10, 5, "open"),
        },
    )
    changes = compare(old, new)
    assert changes.targets_changed == [("returns", "target 5", "target 4.5")]
    assert changes.values_changed == [("returns", "2026-09", "", "4.1", "4.2"), ("returns", "2026-10", "", "—", "4.0")]
    assert [(rid, o.residual, n.residual) for rid, o, n in changes.risks_rescored] == [("R-001", 8, 6)]
    assert [rid for rid, _ in changes.risks_closed] == ["R-002"] and [rid for rid, _ in changes.risks_added] == ["R-003"]
    assert not compare(new, new)


def test_the_edition_in_force_on_a_date_is_the_latest_published_by_then() -> None:
    q3, q4 = Edition("2026-Q3", date(2026, 7, 3), "a"), Edition("2026-Q4", date(2026, 10, 2), "b")
    assert in_force_on([q3, q4], date(2026, 7, 2)) is None
    assert in_force_on([q3, q4], date(2026, 10, 1)) == q3 and in_force_on([q3, q4], date(2026, 10, 2)) == q4
    assert previous([q3, q4], "2026-Q4") == q3 and previous([q3, q4], None) == q4 and previous([q3, q4], "2026-Q3") is None


def test_an_edition_is_tagged_and_published_with_mike_and_compared_with_the_one_before(repo: Path) -> None:
    with_scripts(repo)
    first = publish(repo, "2026-Q3")
    assert first.returncode == 0, first.stderr
    replace_text(repo / "data" / "kpis.yml", "target: 5\n", "target: 4.5\n")
    git(repo, "commit", "-qam", "Tighten the returns target")
    second = publish(repo, "2026-Q4")
    assert second.returncode == 0, second.stderr

    assert git(repo, "tag", "--list", "edition-*").split() == ["edition-2026-Q3", "edition-2026-Q4"]
    versions = json.loads(git(repo, "show", "gh-pages:versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("2026-Q4", ["latest"]), ("2026-Q3", [])]
    about = git(repo, "show", "gh-pages:2026-Q4/about/index.html")
    assert "2026-Q4" in about and git(repo, "rev-parse", "edition-2026-Q4^{commit}") in about
    since = git(repo, "show", "gh-pages:2026-Q4/about/changes-since/index.html")
    assert "Compared with edition <strong>2026-Q3</strong>" in since
    levels = [int(h.name[1]) for h in BeautifulSoup(since, "html.parser").article.find_all(["h1", "h2", "h3", "h4"])]
    assert all(b <= a + 1 for a, b in pairwise(levels)), levels  # no heading level skipped
    assert "<td><code>returns</code></td>\n<td>target 5, warning 4.5</td>\n<td>target 4.5, warning 4.5</td>" in since
    assert "There is no earlier edition" in git(repo, "show", "gh-pages:2026-Q3/about/changes-since/index.html")


def test_an_edition_is_refused_for_uncommitted_work_a_bad_name_or_a_moved_tag(repo: Path) -> None:
    with_scripts(repo)
    assert "expected an edition name like 2026-Q4" in publish(repo, "2026-4").stderr
    replace_text(repo / "docs" / "index.md", "# Home\n", "# Home\n\nDraft text.\n")
    assert "uncommitted changes" in publish(repo, "2026-Q4").stderr
    git(repo, "checkout", "--", "docs/index.md")
    git(repo, "tag", "-a", "edition-2026-Q4", "-m", "old", "HEAD~1")
    assert "already marks commit" in publish(repo, "2026-Q4").stderr
    assert git(repo, "branch", "--list", "gh-pages") == ""
