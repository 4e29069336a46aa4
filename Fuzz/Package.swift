// swift-tools-version: 6.1
// libFuzzer over every parser of user input (PlanCastFuzzing's targets). Built and run by
// scripts/fuzz.sh with `swift build --sanitize=fuzzer`; libFuzzer supplies `main`.
import PackageDescription

let package = Package(
  name: "PlanCastFuzz",
  dependencies: [.package(name: "PlanCast", path: "..")],
  targets: [
    .executableTarget(
      name: "plancast-fuzz",
      dependencies: [.product(name: "PlanCastFuzzing", package: "PlanCast")],
      swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
  ],
  swiftLanguageModes: [.v6]
)
