#!/usr/bin/env python3
"""Runs one simulator command and checks its exit status and, optionally, its console output.

Test programs state what they expect in comments near their top:
    expect-exit: N        (default 0)
    expect-output: REGEX  (searched in stdout; may repeat)
Usage: run_program.py --source FILE -- COMMAND...   (reads the expectations from FILE)
"""
import argparse
import re
import subprocess
import sys


def expectations(source):
    exit_code, outputs = 0, []
    with open(source, encoding="utf-8") as f:
        for line in list(f)[:30]:
            m = re.search(r"expect-exit:\s*(-?\d+)", line)
            if m:
                exit_code = int(m.group(1))
            m = re.search(r"expect-output:\s*(.+?)\s*(\*/)?$", line)
            if m:
                outputs.append(m.group(1))
    return exit_code, outputs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    want_exit, want_outputs = expectations(args.source)
    p = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=600)
    ok = True
    if p.returncode != want_exit:
        print(f"FAIL: exit status {p.returncode}, expected {want_exit}: {' '.join(cmd)}")
        ok = False
    for pattern in want_outputs:
        if not re.search(pattern, p.stdout):
            print(f"FAIL: output does not match /{pattern}/")
            ok = False
    if not ok:
        print("--- stdout ---\n" + p.stdout[-4000:] + "\n--- stderr ---\n" + p.stderr[-4000:])
        return 1
    print(f"ok: exit {p.returncode}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
