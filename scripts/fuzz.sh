#!/usr/bin/env bash
# Fuzzes every parser of user input with libFuzzer (the Swift toolchain's -sanitize=fuzzer):
#   scripts/fuzz.sh                      every target, 10^6 inputs each
#   scripts/fuzz.sh csv targets-toml -runs=100000
# Each target starts from its seeds (the embedded model's files, Fuzz/Corpus/TARGET/ and the
# inputs that once crashed it, Fuzz/Regressions/TARGET/) and libFuzzer's dictionary of tokens; a
# crashing input is saved as Fuzz/crashes/TARGET-crash-* (once fixed, move it to
# Fuzz/Regressions/TARGET/: the test suite checks it is refused). Two targets run at a time.
# Prints each target's runs, time and result; exits non-zero if any crashed. The memory limit is
# high because TOMLKit leaks each parsed table (harmless in a command, which parses a few files).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=1000000
targets=()
for argument in "$@"; do
  case "$argument" in
    -runs=*) runs=${argument#-runs=} ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) targets+=("$argument") ;;
  esac
done
build_log=$(mktemp)
if ! (cd Fuzz && swift build -c release --sanitize=fuzzer >"$build_log" 2>&1); then
  grep -E "error" "$build_log" >&2 || tail -20 "$build_log" >&2
  echo "fuzz: the build failed" >&2
  exit 1
fi
rm -f "$build_log"
binary="Fuzz/.build/release/plancast-fuzz"
if [ ${#targets[@]} -eq 0 ]; then mapfile -t targets < <(PLANCAST_FUZZ_LIST=1 "$binary"); fi
mkdir -p Fuzz/crashes
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PLANCAST_REPOSITORY="$PWD"
# libFuzzer, not the Swift runtime, must catch a crash, to save the input that caused it.
export SWIFT_BACKTRACE=enable=no
fuzz_one() {
  local target=$1 corpus="$work/$1"
  mkdir -p "$corpus"
  PLANCAST_FUZZ_TARGET="$target" PLANCAST_FUZZ_WRITE_SEEDS="$corpus" "$binary"
  local log="$work/$target.log" status=0
  PLANCAST_FUZZ_TARGET="$target" "$binary" -runs="$runs" -seed=1 -max_len=65536 -timeout=10 \
    -rss_limit_mb=6144 -dict="$corpus.dict" -artifact_prefix="Fuzz/crashes/$target-" \
    -print_final_stats=1 "$corpus" >"$log" 2>&1 || status=$?
  local done_line
  done_line=$(grep -E "^Done [0-9]+ runs" "$log" | tail -1 || true)
  if [ "$status" -eq 0 ]; then
    printf '%-18s %s: 0 crashes\n' "$target" "${done_line:-no summary}"
  else
    printf '%-18s FAILED (exit %s):\n' "$target" "$status"
    grep -E "ERROR|Assertion|Fatal|SUMMARY|artifact" "$log" | head -5
  fi
  return "$status"
}
export -f fuzz_one
export binary runs work
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'fuzz_one {}'
