#!/usr/bin/env bash
# The whole test suite: set up, build, run every Swift test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh --tests
# A failing test must fail fast, not wait on the interactive crash reporter.
export SWIFT_BACKTRACE=enable=no
# Release mode (with testing enabled): the Monte Carlo coverage and notebook tests run several
# times faster than in a debug build, which more than pays for the longer compile.
swift build -c release --build-tests -Xswiftc -enable-testing
swift test -c release -Xswiftc -enable-testing --skip-build
