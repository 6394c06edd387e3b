#!/usr/bin/env bash
# Random co-simulation: generates programs with rigen (seeds FIRST .. FIRST+COUNT-1) and runs each on
# an RTL core in lockstep with the ISS. Stops at the first failure and prints how to reproduce it.
#   scripts/fuzz_core.sh [CORE=pipe] [FIRST=1] [COUNT=10] [INSTRUCTIONS=100000] [PROFILE=mixed]
# PROFILE is a `rigen --profile` (docs/rigen.md; also taken from RIGEN_PROFILE). Prints the total of
# instructions checked at the end ("N passed, 0 failed"). CORESIM=coresim_small runs them on the
# small boards' SoC instead.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
core=${1:-pipe}
first=${2:-1}
count=${3:-10}
instructions=${4:-100000}
profile=${5:-${RIGEN_PROFILE:-mixed}}
bin="$root/build/bin"
sim=${CORESIM:-coresim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
checked=0
for ((seed = first; seed < first + count; seed++)); do
  elf="$work/seed-$seed.elf"
  "$bin/rigen" --seed "$seed" --instructions "$instructions" --profile "$profile" --out "$elf" \
      >/dev/null || {
    echo "fuzz: rigen failed for seed $seed" >&2; exit 1; }
  if ! "$bin/$sim" --core "$core" --cosim --stats-json "$work/stats.json" \
      --max-cycles $((instructions * 40 + 1000000)) "$elf" >"$work/out.txt" 2>"$work/err.txt"; then
    echo "fuzz: seed $seed FAILED on core $core" >&2
    head -c 6000 "$work/err.txt" >&2
    echo "reproduce: build/bin/rigen --seed $seed --instructions $instructions --profile $profile" \
         "--out /tmp/seed-$seed.elf" \
         "&& build/bin/$sim --core $core --cosim /tmp/seed-$seed.elf" >&2
    echo "$((seed - first)) passed, 1 failed"
    exit 1
  fi
  n=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["events"]["INSTRET"])' "$work/stats.json")
  checked=$((checked + n))
done
echo "fuzz: $count seeds from $first, profile $profile, on core $core ($sim): $checked instructions" \
     "checked against the ISS"
echo "$count passed, 0 failed"
