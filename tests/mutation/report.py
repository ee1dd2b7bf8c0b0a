"""Print the mutation score per module from the last ``mutmut run`` (``make mutate``).

The modules are setup.cfg's ``[mutmut] only_mutate`` list.  Mutants listed in
``tests/mutation/equivalent.toml`` (each with its reason, and the mutated line so an entry
that no longer matches its mutant is reported instead of silently excluding another one) are
left out of the score.  Exit status 1 when a module scores under ``--min`` percent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tests.mutation.scope import mutated_modules

ROOT = Path(__file__).resolve().parents[2]
EQUIVALENT = Path(__file__).with_name("equivalent.toml")
# mutmut's exit codes (mutmut/stats.py): what counts as caught by the tests.
KILLED = {1, 3, 36, -24, 24, 152, 255}  # a failing test, or a timeout (the mutant hangs)
TYPE_CHECKED = 37  # mypy strict rejects it (setup.cfg type_check_command): make lint would too
NOT_RUN = {None}


@dataclass
class Module:
    """The outcome of one module's mutants."""

    path: str
    killed: list[str] = field(default_factory=list)
    typed: list[str] = field(default_factory=list)  # caught by mypy, no test run
    survived: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    not_run: list[str] = field(default_factory=list)

    @property
    def score(self) -> float | None:
        """Caught share (tests or mypy) of the mutants that count, in percent (None: none ran)."""
        caught = len(self.killed) + len(self.typed)
        counted = caught + len(self.survived)
        return 100.0 * caught / counted if counted else None


def diff_of(name: str, path: str) -> str:
    """The unified diff of one mutant against its function (mutmut's own rendering)."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    try:
        return get_diff_for_mutant(name, path=Path(path))
    except (FileNotFoundError, ValueError) as exc:
        return f"(no diff: {exc})"


def changed_lines(diff: str, sign: str) -> list[str]:
    """The lines of a diff the mutant adds (sign "+") or removes ("-"), stripped."""
    return [ln[1:].strip() for ln in diff.split("\n") if ln[:1] == sign and ln[:3] != sign * 3]


def matches(entry: dict[str, str], diff: str) -> bool:
    """Whether an equivalent.toml entry still describes this mutant's diff."""
    if "removed" in entry:  # a mutant that only deletes a line
        return entry["removed"] in changed_lines(diff, "-") and not changed_lines(diff, "+")
    return entry["line"] in changed_lines(diff, "+")


def classify(path: str, equivalent: dict[str, dict[str, str]], stale: list[str]) -> Module:
    """Sort one module's mutants by outcome, leaving out the listed equivalent ones."""
    meta = json.loads(Path("mutants", f"{path}.meta").read_text(encoding="utf-8"))
    result = Module(path)
    for name, code in sorted(meta["exit_code_by_key"].items()):
        if code in NOT_RUN:
            result.not_run.append(name)
        elif code in KILLED:
            result.killed.append(name)
        elif code == TYPE_CHECKED:
            result.typed.append(name)
        elif name in equivalent:
            if matches(equivalent[name], diff_of(name, path)):
                result.excluded.append(name)
            else:
                stale.append(name)
                result.survived.append(name)
        else:
            result.survived.append(name)
    return result


def main(argv: list[str] | None = None) -> int:
    """Print the table and the survivors; return 1 if a module is under the minimum."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--min", type=float, default=90.0, help="least score per module (%%)")
    args = parser.parse_args(argv)
    equivalent = {e["name"]: e for e in tomllib.loads(EQUIVALENT.read_text("utf-8"))["mutant"]}
    stale: list[str] = []
    results = [classify(p, equivalent, stale) for p in mutated_modules(ROOT / "setup.cfg")]
    head = f"{'module':<34} {'killed':>7} {'by mypy':>8} {'survived':>9} {'equivalent':>11}"
    print(f"\n{head} {'score':>7}")
    for m in results:
        score = "not run" if m.score is None else f"{m.score:.1f}%"
        row = f"{m.path:<34} {len(m.killed):>7} {len(m.typed):>8} {len(m.survived):>9}"
        row += f" {len(m.excluded):>11}"
        print(f"{row} {score:>7}" + (f"  ({len(m.not_run)} not run)" if m.not_run else ""))
    for m in results:
        for name in m.survived:
            print(f"\nsurvived: {name}\n{diff_of(name, m.path)}")
    for name in stale:
        print(f"\nequivalent.toml: {name} no longer has the listed line; counted as survived")
    low = [m.path for m in results if m.score is not None and m.score < args.min]
    if low:
        print(f"\nunder {args.min:.0f}%: {', '.join(low)}", file=sys.stderr)
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
