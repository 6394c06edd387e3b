"""The ending the board tests' Python scripts share: each failure on stderr, one summary line,
and the exit status."""
import sys


def finish(name: str, failures: list[str]) -> int:
    for f in failures:
        print(f"{name}: {f}", file=sys.stderr)
    print(f"{name}: " + ("FAILED" if failures else "ok"))
    return 1 if failures else 0
