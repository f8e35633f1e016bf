"""Checks that the README says what the project does (`make test-readme`).

- Its quickstarts are the examples CI builds and runs: the C, C++ and Python blocks must be
  the example files exactly, in order; the Rust block is the body of the Rust example's
  main, so each of its lines must appear there.
- Its `pycon` sessions give what they show (run as doctests: needs `connect_session`
  importable, so make runs this with .venv's Python after `make develop`).
- Every build line it and the C/C++ examples show works as written against an installed
  prefix (`--prefix`, made by `make install PREFIX=...`): each `sh` block that compiles
  (cc, c++, cmake), each inline `cc ...`/`c++ ...` and each build line in an example's
  comment runs in a fresh directory with `PREFIX` set and `$PREFIX/lib/pkgconfig` on
  `PKG_CONFIG_PATH`, next to `app.c` (the C quickstart), the quickstarts, and for
  `cmake -S .` the `cmake` block before it as `CMakeLists.txt`; no `LD_LIBRARY_PATH`.
  The program it builds (`./a.out` unless the block runs one) must print what the README
  says the quickstart prints.
- The FastAPI example, run with `--fastapi-python` (a venv holding only
  examples/requirements.txt), prints what the README says it prints.

`--builds-only FILE...` runs only the build lines of the given Markdown files (make
test-dist: the C archive's README against the unpacked archive). Prints 'N passed, N
failed' and exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import doctest
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
EXAMPLES = {
    "c": [ROOT / "examples/quickstart.c"],
    "cpp": [ROOT / "examples/quickstart.cpp"],
    "python": [ROOT / "examples/quickstart.py", ROOT / "examples/pydantic_fastapi.py"],
}
RUST_EXAMPLE = ROOT / "crates/connect-session/examples/quickstart.rs"
# Generated from the core's field table and kept current by the Rust tests.
# The files a build line may name, as the examples provide them.
SOURCES = {
    "app.c": ROOT / "examples/quickstart.c",
    "quickstart.c": ROOT / "examples/quickstart.c",
    "quickstart.cpp": ROOT / "examples/quickstart.cpp",
}
COMPILES = re.compile(r"^(cc|c\+\+|cmake) ")


class Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failures: list[str] = []

    def check(self, ok: bool, failure: str) -> None:
        if ok:
            self.passed += 1
        else:
            self.failures.append(failure)
            print(f"FAILED: {failure}")

    def finish(self) -> int:
        print(f"{self.passed} passed, {len(self.failures)} failed")
        return 1 if self.failures else 0


def blocks(text: str, lang: str) -> list[str]:
    return re.findall(rf"^```{lang}\n(.*?)^```$", text, flags=re.S | re.M)


def check_quickstarts(readme: str, checks: Checks) -> None:
    for lang, paths in EXAMPLES.items():
        found = blocks(readme, lang)
        names = ", ".join(str(path.relative_to(ROOT)) for path in paths)
        checks.check(
            [b.strip() for b in found] == [path.read_text().strip() for path in paths],
            f"README's {lang} blocks are not {names}",
        )
    rust_lines = {line.strip() for line in RUST_EXAMPLE.read_text().splitlines()}
    rust_blocks = blocks(readme, "rust")
    missing = [
        line
        for block in rust_blocks
        for line in block.splitlines()
        if line.strip() and line.strip() not in rust_lines
    ]
    checks.check(
        len(rust_blocks) == 1 and not missing,
        f"README's rust block differs from the example: {missing}",
    )


def check_pycon(readme: str, checks: Checks) -> None:
    sessions = blocks(readme, "pycon")
    checks.check(len(sessions) > 0, "README has no pycon session")
    try:
        import connect_session  # noqa: F401
    except ImportError as exc:
        checks.check(False, f"pycon sessions not run: connect_session is not importable ({exc})")
        return
    for number, text in enumerate(sessions, 1):
        test = doctest.DocTestParser().get_doctest(text, {}, f"pycon {number}", "README.md", 0)
        runner = doctest.DocTestRunner()
        runner.run(test)
        result = runner.summarize(verbose=False)
        checks.check(
            result.failed == 0 and result.attempted > 0,
            f"README's pycon session {number}: {result.failed} of {result.attempted} failed",
        )


def printed_after(readme: str, marker: str) -> str:
    """The ```text block that follows `marker` (what the README says a program prints)."""
    return blocks(readme[readme.index(marker) :], "text")[0]


# --- build lines -------------------------------------------------------------------------


def shown_scripts(path: Path) -> list[tuple[str, str | None]]:
    """The build lines a file shows, each as (shell script, CMakeLists.txt it needs)."""
    text = path.read_text()
    found: list[tuple[str, str | None]] = []
    if path.suffix == ".md":
        fence = re.compile(r"^```(\w*)\n(.*?)^```$", re.S | re.M)
        last_cmake = None
        for match in fence.finditer(text):
            lang, body = match.groups()
            if lang == "cmake":
                last_cmake = body
            elif lang == "sh" and any(COMPILES.match(line) for line in body.splitlines()):
                found.append((body, last_cmake if "cmake -S ." in body else None))
        prose = fence.sub("", text)
        found += [(span, None) for span in re.findall(r"`((?:cc|c\+\+) [^`]*)`", prose)]
    else:  # an example's comment: `cc ...` lines, continued by a trailing backslash
        lines = [re.sub(r"^\s*(?:\*|//)\s?", "", line) for line in text.splitlines()]
        for i, line in enumerate(lines):
            if COMPILES.match(line.strip()):
                script = [line.strip()]
                while script[-1].endswith("\\"):
                    i += 1
                    script.append(lines[i].strip())
                found.append(("\n".join(script) + "\n", None))
    return found


def run_script(script: str, cmake_lists: str | None, prefix: Path, cmake: str) -> str:
    """Runs the script in a fresh directory; returns what the program printed, or raises."""
    with tempfile.TemporaryDirectory() as work:
        for name, source in SOURCES.items():
            shutil.copy(source, Path(work) / name)
        if cmake_lists is not None:
            (Path(work) / "CMakeLists.txt").write_text(cmake_lists)
        env = {k: v for k, v in os.environ.items() if k != "LD_LIBRARY_PATH"}
        env["PREFIX"] = str(prefix)
        env["PKG_CONFIG_PATH"] = str(prefix / "lib" / "pkgconfig")
        env["PATH"] = os.pathsep.join([str(Path(cmake).parent), env.get("PATH", "")])
        if not any(line.startswith("./") for line in script.splitlines()):
            script = script.rstrip("\n") + "\n./a.out\n"
        run = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0:
            raise RuntimeError(f"exit {run.returncode}: {run.stderr.strip()[-2000:]}")
        return run.stdout


def quickstart_stdout() -> list[str]:
    """What every quickstart writes to standard output, as the README shows it: the lines
    of the Rust quickstart's output before its errors."""
    shown = printed_after(README.read_text(), "## Rust").splitlines()
    return list(itertools.takewhile(lambda line: "[type=" not in line, shown))


def check_builds(files: list[Path], prefix: Path, cmake: str, checks: Checks) -> None:
    want = quickstart_stdout()
    checks.check(len(want) > 0, "the README shows no output of the Rust quickstart")
    kinds: set[str] = set()
    for path in files:
        scripts = shown_scripts(path)
        checks.check(len(scripts) > 0, f"{path.name} shows no build line")
        for script, cmake_lists in scripts:
            first = next(line for line in script.splitlines() if COMPILES.match(line))
            kinds.update(m.group(1) for line in script.splitlines() if (m := COMPILES.match(line)))
            try:
                # cmake's own progress goes to stdout too: the program's lines are the last.
                got = run_script(script, cmake_lists, prefix, cmake).splitlines()[-len(want) :]
            except RuntimeError as exc:
                checks.check(False, f"{path.name}: `{first}` failed: {exc}")
                continue
            checks.check(got == want, f"{path.name}: `{first}` printed {got!r}")
            if got == want:
                print(f"ok: {path.name}: {first}")
    checks.check(
        kinds >= {"cc", "c++", "cmake"}, f"build lines of cc, c++ and cmake expected, got {kinds}"
    )


def check_fastapi(readme: str, python: str, checks: Checks) -> None:
    want = printed_after(readme, "examples/pydantic_fastapi.py` needs")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "python")}
    run = subprocess.run(
        [python, "-W", "error", str(ROOT / "examples/pydantic_fastapi.py")],
        env=env,
        capture_output=True,
        text=True,
    )
    checks.check(
        run.returncode == 0 and run.stdout == want,
        f"examples/pydantic_fastapi.py with {python}: exit {run.returncode}, "
        f"printed {run.stdout!r}, README says {want!r}; {run.stderr.strip()[-2000:]}",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--prefix", type=Path, required=True, help="a `make install` prefix")
    parser.add_argument("--cmake", default=shutil.which("cmake") or "cmake")
    parser.add_argument("--fastapi-python", help="a Python with examples/requirements.txt only")
    parser.add_argument("--builds-only", type=Path, nargs="+", metavar="FILE")
    args = parser.parse_args()
    checks = Checks()
    prefix = args.prefix.resolve()
    if args.builds_only:
        check_builds(args.builds_only, prefix, args.cmake, checks)
        return checks.finish()
    readme = README.read_text()
    check_quickstarts(readme, checks)
    check_pycon(readme, checks)
    if args.fastapi_python:
        check_fastapi(readme, args.fastapi_python, checks)
    else:
        checks.check(False, "the FastAPI example was not run: give --fastapi-python")
    check_builds(
        [README, SOURCES["quickstart.c"], SOURCES["quickstart.cpp"]], prefix, args.cmake, checks
    )
    return checks.finish()


if __name__ == "__main__":
    sys.exit(main())
