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
  ],
  swiftLanguageModes: [.v6]
)
