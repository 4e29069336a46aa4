// swift-tools-version: 6.1
// Benchmarks for PlanCast, kept out of the main package so its build and CI do not pay for them.
//   swift run -c release --package-path Benchmarks regression-bench
import Foundation
import PackageDescription

// A path dependency's identity is its directory name, which differs between clones.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()

let package = Package(
  name: "PlanCastBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [.package(path: "..")],
  targets: [
    // LAPACK's own routines, to time dgels/dgeqp3 on the same data as a floor.
    .systemLibrary(name: "CBenchLAPACK", pkgConfig: "openblas"),
    .executableTarget(
      name: "regression-bench",
      dependencies: [
        "CBenchLAPACK",
        .product(name: "PlanCastNumerics", package: mainPackage.lastPathComponent),
      ]
    ),
    // Full CZT attainment (10^6 draws), the random-number and memory floors, and --dump-json
    // for the numpy peer (peers/attain_peers.py).
    .executableTarget(
      name: "attain-bench",
      dependencies: [
        .product(name: "PlanCastNumerics", package: mainPackage.lastPathComponent),
        .product(name: "PlanCastPlan", package: mainPackage.lastPathComponent),
        .product(name: "PlanCastForecasting", package: mainPackage.lastPathComponent),
        .product(name: "PlanCastAttainment", package: mainPackage.lastPathComponent),
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
