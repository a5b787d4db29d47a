"""Every department's data has reviewers: CODEOWNERS stays in step with org.yml and data/."""

from __future__ import annotations

import yaml
from helpers import ROOT

CODEOWNERS = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
RULES = [line.split() for line in CODEOWNERS.splitlines() if line.strip() and not line.startswith("#")]


def test_every_measurement_file_has_its_own_reviewers() -> None:
    patterns = {rule[0] for rule in RULES}
    for path in sorted((ROOT / "data" / "measurements").glob("*.csv")):
        assert f"/data/measurements/{path.name}" in patterns, f"{path.name} has no line in .github/CODEOWNERS"


def test_every_team_in_codeowners_is_a_department_team() -> None:
    teams = {d["team"] for d in yaml.safe_load((ROOT / "data" / "org.yml").read_text(encoding="utf-8"))["departments"]}
    used = {owner for rule in RULES for owner in rule[1:]}
    assert used <= teams, f"unknown teams: {sorted(used - teams)}"
