#!/bin/sh
# The rigen tool end to end: it prints the seed, writes an ELF that coresim runs to exit 0, refuses
# bad options with exit 2, its --check-iss mode passes for every profile and --stats reports.
# Usage: cli_test.sh RIGEN CORESIM DIR
set -u
rigen=$1 coresim=$2 dir=$3
mkdir -p "$dir"
out=$("$rigen" --seed 4242 --instructions 30000 --out "$dir/cli.elf") || { echo "rigen failed"; exit 1; }
echo "$out" | grep -q "seed 4242" || { echo "rigen did not print the seed: $out"; exit 1; }
"$coresim" --core iss --max-instructions 2000000 "$dir/cli.elf" || { echo "coresim: exit $? (seed 4242)"; exit 1; }
"$rigen" --out "$dir/noseed.elf" | grep -q "seed [0-9]" || { echo "no seed printed without --seed"; exit 1; }
"$rigen" --seed 1 --weight bogus=3 --out "$dir/x.elf" 2>/dev/null; rc=$?
[ "$rc" = 2 ] || { echo "--weight bogus=3: exit $rc, expected 2"; exit 1; }
"$rigen" --seed 1 2>/dev/null; rc=$?
[ "$rc" = 2 ] || { echo "missing --out: exit $rc, expected 2"; exit 1; }
"$rigen" --check-iss --seed 500 --count 3 --instructions 20000 >/dev/null || { echo "--check-iss failed (seeds 500..502)"; exit 1; }
"$rigen" --seed 1 --profile bogus --out "$dir/x.elf" 2>/dev/null; rc=$?
[ "$rc" = 2 ] || { echo "--profile bogus: exit $rc, expected 2"; exit 1; }
for p in rename memory control; do
  "$rigen" --check-iss --profile $p --seed 600 --count 3 --instructions 20000 >/dev/null ||
    { echo "--check-iss --profile $p failed (seeds 600..602)"; exit 1; }
  out=$("$rigen" --seed 7 --profile $p --instructions 20000 --stats) || { echo "--stats failed"; exit 1; }
  echo "$out" | grep -q "^control: .*calls, depth" || { echo "--stats --profile $p printed: $out"; exit 1; }
done
echo "ok"
