#!/usr/bin/env bash
# The whole test suite: set up, build, run every Swift test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --tests
# A failing test must fail fast, not wait on the interactive crash reporter.
export SWIFT_BACKTRACE=enable=no
swift build --build-tests
swift test --skip-build
