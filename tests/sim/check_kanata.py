#!/usr/bin/env python3
"""Runs a program on the out-of-order core with `coresim --kanata` (and --cosim) and checks that the
pipeline log is well-formed Kanata that shows a sensible pipeline: the header, cycles that only go
forward, every instruction started once (I) and ended once (R), commands only for live ones, stages
in pipeline order (F D Rn Ds Is Cm Cmt, each at most once; F, Rn, Ds, Is and Cmt all appear, and
some flushes), every retired instruction ending in Cmt,
retire numbers 0, 1, 2, ... and as many retired instructions as the run's INSTRET. With
--self-test it also checks that damaged copies of the log are refused (the checker can fail).
Usage: check_kanata.py [--self-test] CORESIM PROGRAM.elf"""
import json
import os
import subprocess
import sys
import tempfile

STAGES = ["F", "D", "Rn", "Ds", "Is", "Cm", "Cmt"]


def check(lines, instret):
    """Returns a list of problems (empty: the log is good)."""
    errors = []
    if not lines or lines[0] != "Kanata\t0004":
        return ["no Kanata 0004 header"]
    cycle = None
    live = {}      # id -> list of stages so far
    ended = set()
    retired = 0
    seen_stages = set()
    flushed = 0
    for n, line in enumerate(lines[1:], start=2):
        f = line.split("\t")
        cmd = f[0]
        where = f"line {n}: {line!r}"
        if cmd == "C=":
            if cycle is not None:
                errors.append(f"{where}: a second C=")
            cycle = int(f[1])
            continue
        if cycle is None:
            errors.append(f"{where}: a command before C=")
            cycle = 0
        if cmd == "C":
            if int(f[1]) <= 0:
                errors.append(f"{where}: time must go forward")
            cycle += int(f[1])
        elif cmd == "I":
            i = int(f[1])
            if i in live or i in ended:
                errors.append(f"{where}: id {i} started twice")
            live[i] = []
        elif cmd in ("L", "S", "E", "R"):
            i = int(f[1])
            if i not in live:
                errors.append(f"{where}: id {i} is not live")
                continue
            st = live[i]
            if cmd == "S":
                name = f[3]
                if name not in STAGES:
                    errors.append(f"{where}: unknown stage")
                elif st and STAGES.index(name) <= STAGES.index(st[-1]):
                    errors.append(f"{where}: stage {name} after {st[-1]}")
                st.append(name)
                seen_stages.add(name)
            elif cmd == "E":
                if not st or f[3] != st[-1]:
                    errors.append(f"{where}: ends a stage that is not the current one")
            elif cmd == "R":
                kind = f[3]
                if kind == "0":
                    if int(f[2]) != retired:
                        errors.append(f"{where}: retire number {f[2]}, expected {retired}")
                    if not st or st[-1] != "Cmt":
                        errors.append(f"{where}: retired without Cmt (stages {st})")
                    retired += 1
                else:
                    flushed += 1
                del live[i]
                ended.add(i)
        else:
            errors.append(f"{where}: unknown command")
    if live:
        errors.append(f"{len(live)} instructions never end (no R), e.g. id {min(live)}")
    if retired != instret:
        errors.append(f"{retired} instructions retire in the log, INSTRET counted {instret}")
    # D (waiting at rename) and Cm (done before commit) need stalls that a short program may lack.
    missing = [s for s in ("F", "Rn", "Ds", "Is", "Cmt") if s not in seen_stages]
    if missing:
        errors.append(f"no instruction shows stage(s) {missing}")
    if flushed == 0:
        errors.append("no instruction was flushed (a program with branches mispredicts some)")
    return errors


def main():
    args = sys.argv[1:]
    self_test = "--self-test" in args
    args = [a for a in args if a != "--self-test"]
    coresim, elf = args
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "pipe.kanata")
        stats = os.path.join(tmp, "stats.json")
        run = subprocess.run([coresim, "--core", "ooo", "--cosim", "--kanata", log,
                              "--stats-json", stats, "--max-cycles", "20000000", elf],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0:
            print(f"FAIL: coresim exited {run.returncode}: {run.stderr.strip()}")
            return 1
        instret = json.load(open(stats))["events"]["INSTRET"]
        lines = open(log).read().splitlines()
    errors = check(lines, instret)
    for e in errors[:20]:
        print("FAIL:", e)
    r_count = sum(1 for l in lines if l.startswith("R\t"))
    print(f"{len(lines)} lines, {r_count} instructions, {instret} retired; {len(errors)} problems")
    if errors:
        return 1
    if self_test:
        # Each damaged copy must be refused.
        first_r = next(n for n, l in enumerate(lines) if l.startswith("R\t"))
        first_c = next(n for n, l in enumerate(lines) if l.startswith("C\t"))
        damaged = {
            "an R dropped": lines[:first_r] + lines[first_r + 1:],
            "time going back": lines[:first_c] + ["C\t-1"] + lines[first_c:],
            "one retire too many": lines,  # checked against INSTRET + 1
            "stages swapped": [l.replace("\tIs", "\tXX").replace("\tCm", "\tIs").replace("\tXX", "\tCm")
                               if l.startswith(("S\t", "E\t")) else l for l in lines],
        }
        for what, copy in damaged.items():
            bad = check(copy, instret + 1 if what == "one retire too many" else instret)
            if not bad:
                print(f"FAIL: self-test: a log with {what} passed")
                return 1
        print("self-test: damaged logs are refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
