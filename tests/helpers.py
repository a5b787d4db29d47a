"""What the tests share: the project's paths and pinned day, running commands as a person would, editing fixture
files on purpose, reading built pages and recomputing figures straight from data/ (independently of macros/)."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from macros.audit.validation import check
from macros.data.contracts.kpis import Kpi
from macros.data.problems import Problem, errors

ROOT = Path(__file__).resolve().parents[1]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
TODAY = "2026-11-21"


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Change one cell; `row` counts like a spreadsheet (the header is row 1)."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[row - 2][column] = value
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def replace_text(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_body(path: Path, body: str) -> None:
    """Replace a page's text but keep its front matter (its document control)."""
    text = path.read_text(encoding="utf-8")
    front = text[: text.index("\n---\n", 4) + 5] if text.startswith("---\n") else ""
    path.write_text(front + "\n" + body, encoding="utf-8")


def run(args: list[str], cwd: Path, *, plain_shell: bool = False, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a command the way a person would, with the project's Python first on PATH (or, with `plain_shell`,
    a shell's PATH that has no .venv/bin on it, as `make` gives its commands).

    The repository is on PYTHONPATH after the working folder, so `script()` finds scripts/ from a fixture project too.
    """
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    tools = str(Path(sys.executable).parent)
    path = [p for p in full_env["PATH"].split(os.pathsep) if p != tools]
    full_env["PATH"] = os.pathsep.join(path if plain_shell else [tools, *path])
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), full_env.get("PYTHONPATH")]))
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600)


def script(name: str, *args: str) -> list[str]:
    """The command that runs one of scripts/ as the Makefile does: python -m scripts.<name>."""
    return [sys.executable, "-m", f"scripts.{name}", *args]


def mkdocs_build(project: Path, site: Path, cache: Path, only: str | None = None) -> None:
    """Build strictly (`only`: that edition alone, at the site's root). Never with -q: MkDocs then drops warnings before
    --strict can count them."""
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], project,
                 HANDBOOK_TODAY=TODAY, HANDBOOK_CACHE=str(cache), **({"HANDBOOK_ONLY_LANGUAGE": only} if only else {}))  # fmt: skip
    assert result.returncode == 0, result.stderr


def require_system(what: str, present: bool, install: str = "make system-deps") -> None:
    """Skip a test whose system package is missing on a person's machine; in CI (CI=true) fail instead."""
    if present:
        return
    reason = f"{what} is not installed; run `sudo {install}` to install it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI must not skip this test)", pytrace=False)
    pytest.skip(reason)


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Quality Lead", "GIT_AUTHOR_EMAIL": "lead@example.com",
    "GIT_COMMITTER_NAME": "Quality Lead", "GIT_COMMITTER_EMAIL": "lead@example.com",
    "GIT_AUTHOR_DATE": "2026-10-01T09:00:00Z", "GIT_COMMITTER_DATE": "2026-10-01T09:00:00Z",
}  # fmt: skip


def git(repo: Path, *args: str) -> str:
    """Run git in a test repository as a fixed author at a fixed time, so hashes and dates are stable."""
    result = subprocess.run(["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def copy_scripts(repo: Path, *names: str) -> None:
    """Put these of scripts/ into a fixture repository, so `python -m scripts.<name>` there works on that repository."""
    (repo / "scripts").mkdir(exist_ok=True)
    for name in ("__init__", *names):
        shutil.copy(ROOT / "scripts" / f"{name}.py", repo / "scripts")


def with_scripts(repo: Path) -> Path:
    """The fixture repository with scripts/edition.py committed, so editions can be published from it."""
    copy_scripts(repo, "edition", "keep_pdf")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "Add the edition script")
    return repo


def publish(repo: Path, edition: str) -> subprocess.CompletedProcess[str]:
    """Publish an edition of the fixture repository with mike, as `make edition` does."""
    return run([sys.executable, "-m", "scripts.edition", edition], repo, plain_shell=True, **GIT_ENV)


# How the handbook writes each unit, restated here so that tests check the pages independently of macros/.
DECIMALS = {"percent": 1, "permille": 2, "hours": 1, "score": 2}
SYMBOL = {"percent": " %", "permille": " ‰", "hours": " h", "score": ""}
FACTOR = {"percent": 100, "permille": 1000}


def summary_rows(page: Path) -> dict[str, dict[str, str]]:
    """The KPI summary table of a page, keyed by KPI name."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    table = next(t for t in soup.select("article table") if t.th and t.th.get_text() == "KPI")
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [dict(zip(headers, (td.get_text(" ", strip=True) for td in tr.select("td")), strict=True)) for tr in table.select("tbody tr")]
    return {r["KPI"]: r for r in rows}


def latest_from_csv(kpi: dict, data: Path) -> tuple[str, float]:
    """Recompute a KPI's latest headline value straight from the CSV files, independently of macros/."""
    series = kpi.get("series", kpi["id"])
    files = sorted((data / "measurements").glob("*.csv"))
    rows = [r for f in files for r in csv.DictReader(f.open(encoding="utf-8")) if r["kpi"] == series]
    period = max(r["period"] for r in rows)
    latest = [r for r in rows if r["period"] == period]
    overall = [r for r in latest if not r["scope"]]
    if overall:
        return period, float(overall[0]["value"])
    num, den = sum(float(r["numerator"]) for r in latest), sum(float(r["denominator"]) for r in latest)
    return period, num / den * FACTOR.get(kpi["unit"], 1)


def shown(value: float, unit: str) -> str:
    return f"{value:,.{DECIMALS[unit]}f}{SYMBOL[unit]}"


def displays(text: str, value: float) -> bool:
    """True when a shown figure such as '5.5 %' or '≤ 2.983 %' is `value` rounded to the decimals shown."""
    number = re.search(r"-?[\d,]+(?:\.(\d+))?", text)
    assert number, text
    decimals = len(number.group(1) or "")
    return abs(float(number.group(0).replace(",", "")) - value) <= 0.5 * 10**-decimals + 1e-9


def expected_target(k: dict, data: Path) -> float:
    """The target in force, computed from kpis.yml and the baseline measurement where the target moves."""
    if "target" in k:
        return k["target"]
    change = k["target_change"]
    base = next(
        float(r["value"])
        for f in sorted((data / "measurements").glob("*.csv"))
        for r in csv.DictReader(f.open(encoding="utf-8"))
        if r["kpi"] == k.get("series", k["id"]) and r["period"] == change["baseline"] and not r["scope"]
    )
    return base * (1 + change["by"] / 100)


def soup_of(page: Path) -> BeautifulSoup:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def table_rows(soup: BeautifulSoup, first_header: str) -> list[dict[str, str]]:
    table = next(t for t in soup.select("article table") if t.th and t.th.get_text(strip=True) == first_header)
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    return [dict(zip(headers, (td.get_text(" ", strip=True) for td in tr.select("td")), strict=True)) for tr in table.select("tbody tr")]


def column_rows(soup: BeautifulSoup, header: str) -> list[dict[str, str]]:
    """The rows of the first table in the article that has a column named `header`, wherever that column is."""
    table = next(t for t in soup.select("article table") if header in [th.get_text(strip=True) for th in t.select("thead th")])
    headers = [th.get_text(strip=True) for th in table.select("thead th")]
    return [dict(zip(headers, (td.get_text(" ", strip=True) for td in tr.select("td")), strict=True)) for tr in table.select("tbody tr")]


def offered_csv(path: Path) -> list[dict[str, str]]:
    """A CSV file the site offers, as Excel would read it (a byte-order mark, then UTF-8)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def kpis() -> list[dict]:
    return yaml.safe_load((ROOT / "data" / "kpis.yml").read_text(encoding="utf-8"))


def csv_rows(kpi_id: str) -> list[dict[str, str]]:
    files = sorted((ROOT / "data" / "measurements").glob("*.csv"))
    return [r for f in files for r in csv.DictReader(f.open(encoding="utf-8")) if r["kpi"] == kpi_id]


def only_error(data: Path) -> Problem:
    result = check(data)
    handbook, problems = result.handbook, result.problems
    found = errors(problems)
    assert handbook is None
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


def kpi(**overrides) -> Kpi:
    base = dict(
        id="k", name={"en": "K", "zh": "K"}, unit="percent", direction="higher", target=90, warning=92,
        owner="q", cadence="monthly", definition={"numerator": "n", "denominator": "d"}, source=["S1"],
    )  # fmt: skip
    return Kpi.model_validate({**base, **overrides})


def english_words(*packages: str) -> set[str]:
    """The English words of these packages' messages (every form, between the placeholders) that each message's own
    translation does not keep (a name such as Laney or Wilson): what must not show in the Chinese edition."""
    from babel.messages.pofile import read_po

    from macros.i18n.messages import catalogue_path

    word, words = re.compile(r"[A-Za-z]{4,}"), set()
    for package in packages:
        with catalogue_path("zh", package).open("rb") as po:
            for m in read_po(po, locale="zh"):
                ids, strings = (m.id, m.string) if isinstance(m.id, tuple) else ((m.id,), (m.string,))
                if m.id:
                    english = {w for text in ids for part in re.split(r"\{[^}]*\}", text) for w in word.findall(part)}
                    words |= english - set(word.findall(" ".join(s or "" for s in strings)))
    return words
