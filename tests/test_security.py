"""A pull request cannot turn the build against the team: each attack of issue 19 is refused with its code and a
message naming the file, and none of them gets as far as running (the payloads' marker files are never created)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, replace_text, run, script, set_cell
from hypothesis import given, settings
from hypothesis import strategies as st

from macros.audit.validation import check
from macros.data import personal
from macros.data.problems import MAX_PER_FILE, Code, Problem, errors, reading_order

PAYLOAD = "{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"


def codes(data: Path) -> set[Code]:
    return {p.code for p in errors(check(data).problems)}


def validate(project: Path) -> subprocess.CompletedProcess[str]:
    return run(script("validate", str(project / "data")), project)


# Page templates cannot run code


def test_a_page_that_reaches_for_python_is_refused_by_the_build_and_runs_nothing(project: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + PAYLOAD.format(marker=marker) + "\n", encoding="utf-8")
    line = page.read_text(encoding="utf-8").count("\n")
    result = run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")], project,
                 HANDBOOK_CACHE=str(tmp_path / "cache"))  # fmt: skip
    assert result.returncode != 0 and f"docs/index.md, line {line}" in result.stderr and "Traceback" not in result.stderr
    assert not marker.exists()


def test_the_sandbox_holds_when_the_check_is_bypassed(tmp_path: Path) -> None:
    from jinja2 import Environment, FileSystemLoader
    from jinja2.exceptions import SecurityError

    from macros.site.adapter import on_pre_page_macros

    class Plugin:  # what the adapter sees of mkdocs-macros: the Environment it built
        _env = Environment(loader=FileSystemLoader(str(tmp_path)))  # noqa: S701

        @property
        def env(self) -> Environment:
            return self._env

    plugin, marker = Plugin(), tmp_path / "pwned"
    on_pre_page_macros(plugin)
    with pytest.raises(SecurityError):
        plugin.env.from_string(PAYLOAD.format(marker=marker)).render(cycler=__import__("jinja2").utils.Cycler)
    assert not marker.exists()


@pytest.mark.parametrize(
    ("template", "found"),
    [
        ("{{ kpi_link(config.site_name) }}", "not a literal"),
        ('{% include "../../.git/config" %}', "{% include %}"),
        ("{{ config.site_name }}", "attribute"),
        ("{{ range(3) | list }}", "filter"),
        ("{{ lipsum() }}", "no handbook macro"),
    ],
)
def test_a_page_may_call_only_handbook_macros_with_literal_arguments(project: Path, template: str, found: str) -> None:
    page = project / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{template}\n", encoding="utf-8")
    result = validate(project)
    assert result.returncode == 1 and "[template_code]" in result.stdout and found in result.stdout


# Symlinks, and paths that leave their folder


def test_a_symlink_in_docs_is_refused_naming_where_it_points(project: Path) -> None:
    (project / "docs" / "x.txt").symlink_to("../.git/config")
    result = validate(project)
    assert result.returncode == 1 and "docs/x.txt" in result.stdout and "../.git/config" in result.stdout and "[symlink]" in result.stdout


def test_a_symlinked_data_file_is_refused_and_nothing_is_read(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.csv"
    shutil.move(data / "measurements" / "m.csv", outside)
    (data / "measurements" / "customer.csv").symlink_to(outside)
    checked = check(data)
    assert {p.code for p in checked.problems} == {Code.SYMLINK} and checked.handbook is None
    assert checked.problems[0].file == "data/measurements/customer.csv" and str(outside) in checked.problems[0].found


@pytest.mark.parametrize(("file", "old", "new"), [
    ("kpis.yml", "query: satisfaction.sql", "query: ../../secrets.sql"),
    ("sources.yml", "file: sources/", "file: sources/../../"),
    ("exports.yml", "file: exports/orders.csv", "file: /etc/passwd"),
])  # fmt: skip
def test_a_data_path_must_stay_inside_its_folder(data: Path, file: str, old: str, new: str) -> None:
    replace_text(data / file, old, new)
    problems = [p for p in errors(check(data).problems) if p.file == f"data/{file}"]
    assert problems and problems[0].code in (Code.BAD_FORMAT, Code.INVALID_VALUE)


# Queries run locked down


@pytest.mark.parametrize(("sql", "found"), [
    ("SELECT * FROM read_csv('/etc/passwd')", "read_csv()"),
    ("COPY (SELECT 1 AS a) TO 'written.csv'", "COPY"),
    ("SELECT 1 AS a; SELECT 2 AS b", "2 statements"),
    ("ATTACH 'other.duckdb'", "ATTACH"),
    ("SET enable_external_access = true", "SET"),
    ("INSTALL httpfs", "INSTALL"),
])  # fmt: skip
def test_a_query_that_does_more_than_read_the_exports_is_refused(data: Path, sql: str, found: str) -> None:
    (data / "queries" / "satisfaction.sql").write_text(sql + "\n", encoding="utf-8")
    (problem,) = [p for p in errors(check(data).problems) if p.code == Code.SQL_NOT_ALLOWED]
    assert problem.file == "data/queries/satisfaction.sql" and found in problem.found


def test_refresh_refuses_a_copy_even_on_a_dry_run_and_writes_no_file(data: Path) -> None:
    (data / "queries" / "satisfaction.sql").write_text("COPY (SELECT 42 AS answer) TO 'written.csv'\n", encoding="utf-8")
    result = run(script("refresh", "--data", str(data), "--dry-run"), data.parent)
    assert result.returncode == 1 and "[sql_not_allowed]" in result.stderr and "COPY" in result.stderr
    assert "Traceback" not in result.stderr and not list(data.parent.rglob("written.csv"))


def test_duckdb_opens_no_file_but_the_declared_exports_and_its_settings_stay_locked(data: Path, tmp_path: Path) -> None:
    import duckdb

    from macros.data.loading import load_parts

    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n", encoding="utf-8")
    exports = load_parts(data).exports
    assert exports is not None
    try:
        assert exports.con.execute("SELECT count(*) FROM orders").fetchone()[0] > 0  # the declared export is read
        with pytest.raises(duckdb.PermissionException) as refused:
            exports.con.execute(f"SELECT * FROM read_csv('{secret}')").fetchall()
        assert "hunter2" not in str(refused.value)
        with pytest.raises(duckdb.Error, match="locked"):
            exports.con.execute("SET enable_external_access = true")
    finally:
        exports.con.close()
        exports.close()


def test_make_refresh_never_echoes_the_warehouse_password(tmp_path: Path) -> None:
    shutil.copy(ROOT / "Makefile", tmp_path)
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    python = bin_dir / "python"
    python.write_text('#!/bin/sh\n[ "$1" = -c ] && { echo ok; exit 0; }\nexit 0\n')
    python.chmod(0o755)
    (tmp_path / ".venv" / ".installed").write_text("")
    os.utime(tmp_path / ".venv" / ".installed", (2**31, 2**31))
    result = run(["make", "refresh", "WAREHOUSE=postgresql+psycopg://reader:s3cr3t-pw@db.example/shop"], tmp_path)
    assert "s3cr3t-pw" not in result.stdout + result.stderr


# Hostile input is bounded


def test_a_yaml_alias_bomb_is_refused_at_once(data: Path) -> None:
    levels = [f"  - &a{n} [{', '.join([f'*a{n - 1}' if n else '*a'] * 9)}]\n" for n in range(12)]  # 9^12 copies
    lol = '  - &a {id: SUP-01, name: {en: "lol", zh: "lol"}}\n' + "".join(levels)
    (data / "suppliers.yml").write_text("suppliers:\n" + lol, encoding="utf-8")
    problems = [p for p in check(data).problems if p.file == "data/suppliers.yml"]
    assert [p.code for p in problems] == [Code.YAML_ALIAS] and problems[0].where == "line 3"


def test_deep_nesting_is_refused_without_a_crash(data: Path) -> None:
    (data / "roadmap.yml").write_text("items: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    result = validate(data.parent)
    assert result.returncode == 1 and "data/roadmap.yml, line 1" in result.stdout and "[too_deep]" in result.stdout
    assert "Traceback" not in result.stderr


def test_a_file_past_its_size_is_refused_before_it_is_read(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from macros.data import files

    monkeypatch.setattr(files, "MAX_YAML_BYTES", 200)
    problems = [p for p in check(data).problems if p.code == Code.TOO_LARGE]
    assert {p.file for p in problems} >= {"data/kpis.yml"} and all(p.where == "the file" for p in problems)


def test_a_million_problems_in_one_file_are_listed_fifty_then_counted(data: Path) -> None:
    text = (data / "merchants.yml").read_text(encoding="utf-8")
    first = text[text.index("  - {id:") :].splitlines()[0]
    (data / "merchants.yml").write_text(text + (first + "\n") * 5000, encoding="utf-8")
    mine = [p for p in check(data).problems if p.file == "data/merchants.yml"]
    assert len(mine) == MAX_PER_FILE + 1 and mine[-1].code == Code.MORE_PROBLEMS
    assert mine[-1].found == f"{5000 - MAX_PER_FILE} more"


def test_a_long_value_is_cut_short_in_its_message() -> None:
    line = str(Problem(Code.INVALID_VALUE, "data/x.yml", "line 1", "note", "a short note", "x" * 2_000_000))
    assert len(line) < 400 and "2,000,000 characters" in line


def test_capping_twice_changes_nothing() -> None:
    many = [Problem(Code.INVALID_VALUE, "data/x.csv", f"row {n}", "a", "b", "c") for n in range(2, 200)]
    once = reading_order(many)
    assert reading_order(once) == once


# Personal data


@pytest.mark.parametrize(("text", "kind"), [
    ("call 138-1234-5678 after six", "a mobile number"),
    ("write to li.wei@example.com", "an e-mail address"),
    ("office (021) 62345678", "a landline number"),
    ("ID 11010519491231002X on file", "a resident ID number"),
    ("card 4111 1111 1111 1111", "a bank card number"),
])  # fmt: skip
def test_personal_data_in_a_text_field_is_refused_naming_file_line_and_field(data: Path, text: str, kind: str) -> None:
    replace_text(data / "capa.yml", "containment: Contained.", f"containment: Contained; {text}.")
    (problem,) = [p for p in errors(check(data).problems) if p.code == Code.PERSONAL_DATA]
    assert (problem.file, problem.field, problem.found) == ("data/capa.yml", "containment", kind)
    assert problem.where == "line 7" and text.split()[-1] not in str(problem)  # the value itself is never repeated


@pytest.mark.parametrize("text", [
    "ID 110105194912310021",  # the check digit of 11010519491231002 is X
    "card 4111 1111 1111 1112",  # fails Luhn
    "order 2026-10-01 08:30, batch 2026-Q3",
])  # fmt: skip
def test_numbers_that_only_look_personal_pass(data: Path, text: str) -> None:
    replace_text(data / "capa.yml", "containment: Contained.", f"containment: Contained; {text}.")
    assert Code.PERSONAL_DATA not in codes(data)


def test_a_check_digit_is_worked_out_as_the_standard_says() -> None:
    from macros.data.personal import found_in

    body = "11010519491231002"  # GB 11643: weights 2^(17-i) mod 11, the remainder picks from 1 0 X 9 8 7 6 5 4 3 2
    check_digit = "10X98765432"[sum(int(d) * (2 ** (17 - i) % 11) for i, d in enumerate(body)) % 11]
    assert [k for _, k in found_in(body + check_digit)] == ["a resident ID number"]
    assert not [k for _, k in found_in(body + ("0" if check_digit != "0" else "1"))]


def test_a_phone_in_an_export_column_is_refused_unless_the_column_is_an_identifier(data: Path) -> None:
    orders = data / "exports" / "orders.csv"
    set_cell(orders, 3, "category", "13912345678")
    mine = [p for p in errors(check(data).problems) if p.code == Code.PERSONAL_DATA]
    assert [(p.file, p.field, p.found) for p in mine] == [("data/exports/orders.csv", "category", "a mobile number")]
    assert mine[0].where.startswith("row 3")
    replace_text(data / "exports.yml", "category: {type: text", "category: {type: text, identifier: platform")
    assert Code.PERSONAL_DATA not in codes(data)


# Workflows


def test_the_workflows_pass_zizmor_offline() -> None:
    result = subprocess.run([str(Path(sys.executable).parent / "zizmor"), "--offline", "--min-severity=medium", "--no-progress",
                             str(ROOT / ".github" / "workflows")], capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0, result.stdout


def test_zizmor_fails_a_workflow_that_writes_an_input_into_a_shell_line(tmp_path: Path) -> None:
    workflow = (ROOT / ".github" / "workflows" / "edition.yml").read_text(encoding="utf-8")
    (tmp_path / "edition.yml").write_text(workflow.replace('case "$EDITION" in', 'case "${{ inputs.edition }}" in'), encoding="utf-8")
    result = subprocess.run([str(Path(sys.executable).parent / "zizmor"), "--offline", "--min-severity=medium", "--no-progress",
                             str(tmp_path / "edition.yml")], capture_output=True, text=True)  # fmt: skip
    assert result.returncode != 0 and "template-injection" in result.stdout


# What a data file is made of: every kind of personal data, its look-alikes, dates, counts and separators.
PIECES = ["a@b.cn", "x.y+z@shop.example.com", "13812345678", "+86 138 1234 5678", "138-1234-5678", "(021) 62345678",
          "021-62345678", "4111 1111 1111 1111", "4111111111111111", "110101199003074578", "2026-10-31", "MER-00001",
          "1234", ",", "\n", " ", "-", "9", "12 34 56 78 90 12 34"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_searching_only_the_lines_that_can_hold_personal_data_finds_what_searching_everything_finds(text: str) -> None:
    def everything(t: str) -> list[tuple[int, str]]:
        found = [(m.start(), personal._NAMES[int(str(m.lastgroup)[1:])], m.group(0)) for m in personal._ANY.finditer(t)]
        return [(at, kind) for at, kind, value in found if personal._holds(kind, value)]

    assert list(personal.found_in(text)) == everything(text)
