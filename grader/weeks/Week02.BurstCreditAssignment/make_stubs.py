#!/usr/bin/env python3
"""Writes exercises/NeuroExercises.Week02.BurstCreditAssignment from the solutions (the one-source rule).

Run from the repository root:  python3 grader/weeks/Week02.BurstCreditAssignment/make_stubs.py
Every .cs file of the solutions is copied; in each, every region from a `// BEGIN SOLUTION` line through its
`// END SOLUTION` line becomes one line `throw new NotImplementedException("<Type>.<Method>: see its XML doc.");`
at the BEGIN line's indentation. The csproj is written with the exercise assembly name. A stop-gap until
`author generate` exists; the stub text itself does not matter to the grader.
"""
import pathlib
import re
import sys

REPO = pathlib.Path(__file__).resolve().parents[3]
NAME = "NeuroExercises.Week02.BurstCreditAssignment"
SOURCE = REPO / "solutions" / NAME
TARGET = REPO / "exercises" / NAME
METHOD = re.compile(r"^\s*public\s+(?:static\s+)?[\w<>\[\],.? ()]+?\s+(\w+)\s*\(")
TYPE = re.compile(r"\b(?:class|record|struct)\s+(\w+)")

CSPROJ = f"""<Project Sdk="Microsoft.NET.Sdk">
  <!-- Week 2 student stubs, generated from the solutions (every BEGIN/END SOLUTION block is a NotImplementedException).
       The grader compiles only the .cs files of a copy of this folder, with its own settings. -->
  <PropertyGroup>
    <RootNamespace>{NAME}</RootNamespace>
    <AssemblyName>{NAME}</AssemblyName>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="../../src/NeuroExercises.Core/NeuroExercises.Core.csproj" />
  </ItemGroup>
</Project>
"""


def stub(path: pathlib.Path) -> str:
    out, type_name, method, inside = [], "?", "?", False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(keepends=True), 1):
        if not inside:
            if (m := TYPE.search(line)) and "///" not in line:
                type_name = m.group(1)
            if m := METHOD.match(line):
                method = m.group(1)
        stripped = line.strip()
        if stripped == "// BEGIN SOLUTION":
            if inside:
                sys.exit(f"{path}:{number}: BEGIN SOLUTION inside another block")
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f'{indent}throw new NotImplementedException("{type_name}.{method}: see its XML doc.");\n')
            inside = True
        elif stripped == "// END SOLUTION":
            if not inside:
                sys.exit(f"{path}:{number}: END SOLUTION without BEGIN")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        sys.exit(f"{path}: BEGIN SOLUTION without END")
    return "".join(out)


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for old in TARGET.glob("*.cs"):
        old.unlink()
    count = 0
    for source in sorted(SOURCE.glob("*.cs")):
        (TARGET / source.name).write_text(stub(source), encoding="utf-8")
        count += 1
    (TARGET / f"{NAME}.csproj").write_text(CSPROJ, encoding="utf-8")
    print(f"wrote {count} files to {TARGET}")


if __name__ == "__main__":
    main()
