#!/usr/bin/env python3
"""Grades every wrong variant in mutants.json and prints the checks that catch it (each must be caught by at least one).

Run from the repository root after building the grader:  python3 grader/weeks/Week02.BurstCreditAssignment/run_mutants.py [name ...]
Each mutant is one find/replace edit (the find text must occur exactly once) applied to a copy of the solutions' .cs
files under /tmp/burst-mutants/<name>/; the copy is graded with the built grader (--no-build) and its results.json read.
Exit status 1 when a mutant is not caught or cannot be applied.
"""
import json
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[2]
SOLUTIONS = REPO / "solutions" / "NeuroExercises.Week02.BurstCreditAssignment"
WORK = pathlib.Path("/tmp/burst-mutants")
WEEK = "burst-credit-assignment"


def grade(folder: pathlib.Path, out: pathlib.Path) -> dict:
    subprocess.run(["dotnet", "run", "--project", str(REPO / "grader" / "NeuroExercises.Grader"), "--no-build", "--",
                    "grade", str(folder), "--week", WEEK, "--out", str(out)], check=False, capture_output=True, cwd=REPO)
    return json.loads(out.read_text())


def main() -> int:
    wanted = set(sys.argv[1:])
    failures = 0
    listed = json.loads((HERE / "mutants.json").read_text())
    # A bare list (this week's format) or main's {"mutants": [...]} wrapper.
    for mutant in listed["mutants"] if isinstance(listed, dict) else listed:
        if wanted and mutant["name"] not in wanted:
            continue
        folder = WORK / mutant["name"] / "src"
        shutil.rmtree(folder.parent, ignore_errors=True)
        folder.mkdir(parents=True)
        for source in SOLUTIONS.glob("*.cs"):
            shutil.copy(source, folder / source.name)
        target = folder / mutant["file"]
        text = target.read_text()
        if text.count(mutant["find"]) != 1:
            print(f"{mutant['name']}: find text occurs {text.count(mutant['find'])} times in {mutant['file']}; fix mutants.json")
            failures += 1
            continue
        target.write_text(text.replace(mutant["find"], mutant["replace"]))
        result = grade(folder, folder.parent / "results.json")
        caught = [t["name"] for t in result.get("tests", []) if t.get("score", 0) < t.get("max_score", 0)]
        print(f"{mutant['name']}: {result.get('score')} / {result.get('max_score')}; caught by {len(caught)}: {', '.join(c.split('/')[-1] for c in caught) or 'NOTHING'}", flush=True)
        failures += not caught
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
