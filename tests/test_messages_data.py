"""Validation in Chinese: every problem a department lead reads from `make validate` is worded from the catalogues,
with the same stable codes as in English; a result cached in one language is never shown in the other."""

from __future__ import annotations

import os
import re
import time
from datetime import date
from pathlib import Path

from helpers import TODAY, english_words, replace_text, run, script, set_cell

from macros.audit.validation import check
from macros.data.problems import Code, Problem, reading_order, report_lines
from macros.data.tables import row_where
from macros.i18n.messages import catalogue, writing
from macros.site.cache import Cache

CODE = re.compile(r" \[(\w+)\]$")


def shown_words(line: str) -> set[str]:
    """The words of a printed line, its code, file paths, quoted values and commands aside (they stay as written)."""
    text = CODE.sub("", line)
    text = re.sub(r"`[^`]*`|'[^']*'|\"[^\"]*\"|\S*[/.]\S*", "", text)
    return set(re.findall(r"[A-Za-z]{4,}", text))


def broken(data: Path) -> None:
    """A mistyped number in a hand-kept CSV and an export saved in GBK though data/exports.yml says UTF-8."""
    set_cell(data / "measurements" / "m.csv", 3, "value", "9x.1")
    text = "return_id,order_id,requested_at,reason\nR1,O1,2026-01-20T10:00,质量问题退货\n"
    (data / "exports" / "returns.csv").write_bytes(text.encode("gbk"))


def validate(project: Path, lang: str, cache: Path) -> list[str]:
    result = run(
        script("validate", str(project / "data")), project, HANDBOOK_TODAY=TODAY, HANDBOOK_LANGUAGE=lang, HANDBOOK_CACHE=str(cache)
    )
    assert result.returncode == 1, result.stderr
    return result.stdout.splitlines()


def codes(lines: list[str]) -> list[str]:
    return [m.group(1) for line in lines if (m := CODE.search(line))]


def test_validate_in_chinese_names_the_same_problems_by_the_same_codes(project: Path, tmp_path: Path) -> None:
    broken(project / "data")
    english, chinese = (validate(project, lang, tmp_path / lang) for lang in ("en", "zh"))
    assert codes(chinese) == codes(english) and {Code.NOT_A_NUMBER, Code.ENCODING} <= set(codes(chinese))


def test_validate_in_chinese_words_its_problems_and_summary_without_english(project: Path, tmp_path: Path) -> None:
    broken(project / "data")
    lines = validate(project, "zh", tmp_path / "cache")
    ours = [line for line in lines if line.endswith((f"[{Code.NOT_A_NUMBER}]", f"[{Code.ENCODING}]"))] + lines[-1:]
    severity = catalogue("zh")["ERROR"].string
    assert len(ours) == 3 and all(line.startswith(severity) for line in ours[:2])
    assert {w for line in ours for w in shown_words(line)} & english_words("data", "scripts") == set()


def test_a_record_is_named_in_chinese_by_its_kind_and_line(data: Path) -> None:
    replace_text(data / "kpis.yml", "owner: service\n  cadence: monthly", "owner: servce\n  cadence: monthly")
    with writing("zh"):
        (p,) = [p for p in check(data).problems if p.code == Code.UNKNOWN_REFERENCE]
    noun, line = catalogue("zh")["KPI"].string, catalogue("zh")["line {line}"].string.format(line=7)
    assert p.where == f'{noun} "satisfaction"（{line}）'


def test_problems_in_chinese_are_ordered_and_annotated_by_their_row() -> None:
    with writing("zh"):
        rows = {n: row_where(n) for n in (9, 10)}
        found = [Problem(Code.NOT_A_NUMBER, "data/m.csv", rows[n], "value", "x", "y") for n in (10, 9)]
        ordered = reading_order(found)
        annotations = [line for line in report_lines(ordered, annotate=True) if line.startswith("::")]
    assert [p.where for p in ordered] == [rows[9], rows[10]] and "row" not in rows[9]
    assert [re.search(r"line=(\d+)", a).group(1) for a in annotations] == ["9", "10"]


def _settled(folder: Path) -> None:
    """Files as a person left them a while ago: the exports cache keeps only what has not changed for seconds."""
    old = time.time() - 60
    for path in folder.rglob("*"):
        os.utime(path, (old, old))


def test_a_cached_check_is_never_replayed_in_the_other_language(data: Path, tmp_path: Path) -> None:
    broken(data)
    replace_text(data / "kpis.yml", "owner: service\n  cadence: monthly", "owner: service\n  cadence: monthly\n  decimals: one")
    _settled(data)
    parsed, exports = tmp_path / "parsed", tmp_path / "exports"

    def worded(lang: str, cached: bool) -> list[str]:
        with writing(lang):
            result = check(data, exports_cache=exports if cached else None, parsed_cache=parsed if cached else None)
            return sorted(str(p) for p in result.problems)

    english = worded("en", cached=True)
    assert any(p.name.startswith("yaml-") for p in parsed.iterdir()) and any(exports.iterdir())  # both caches were written
    chinese = worded("zh", cached=True)
    assert chinese == worded("zh", cached=False) != english
    assert worded("en", cached=True) == english


def test_the_checked_data_of_a_build_are_kept_apart_by_language(project: Path) -> None:
    day = date.fromisoformat(TODAY)
    with writing("en"):
        english = Cache(project, day, None).checked_key
    with writing("zh"):
        chinese = Cache(project, day, None).checked_key
    assert english != chinese


def test_a_script_refuses_a_wrong_argument_in_chinese(project: Path) -> None:
    result = run(
        script("close_quarter", "2026-Q9x", "--data", str(project / "data")), project, HANDBOOK_TODAY=TODAY, HANDBOOK_LANGUAGE="zh"
    )
    (line,) = result.stderr.splitlines()
    assert result.returncode == 1 and line.startswith(catalogue("zh")["ERROR"].string) and "'2026-Q9x'" in line
    assert shown_words(line) & english_words("data", "scripts") == set()
