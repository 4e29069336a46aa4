// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "PlanCast",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "plancast", targets: ["plancast"]),
    .library(name: "PlanCastNumerics", targets: ["PlanCastNumerics"]),
    // For the Benchmarks package (attain-bench): loading a model and running attainment.
    .library(name: "PlanCastPlan", targets: ["PlanCastPlan"]),
    .library(name: "PlanCastForecasting", targets: ["PlanCastForecasting"]),
    .library(name: "PlanCastAttainment", targets: ["PlanCastAttainment"]),
    // For the Fuzz package (plancast-fuzz, libFuzzer): every parser as a fuzz target.
    .library(name: "PlanCastFuzzing", targets: ["PlanCastFuzzing"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
  ],
  targets: [
    // OpenBLAS (CBLAS + LAPACKE) from Debian's libopenblas-dev and liblapacke-dev.
    .systemLibrary(
      name: "COpenBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
    ),
    // zlib (Debian's zlib1g-dev), to inflate the parts of a user's .xlsx: ZIPFoundation 0.9.20
    // loops for ever on a truncated deflate stream (found by the xlsx fuzz target).
    .systemLibrary(name: "CPlanCastZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    // System calls Swift's Glibc does not import: swap two directories in one step (renameat2
    // RENAME_EXCHANGE), rename without replacing (RENAME_NOREPLACE), the terminal's width.
    .target(name: "CPlanCastSystem"),
    // Numeric core: matrices over BLAS/LAPACK, distributions, regression.
    .target(
      name: "PlanCastNumerics",
      dependencies: ["COpenBLAS"]
    ),
    // The plan's inputs: indicator data, region aggregation, proxy rules, targets and their status.
    .target(
      name: "PlanCastPlan",
      dependencies: [.product(name: "TOMLKit", package: "TOMLKit")]
    ),
    // Forecast models on yearly series: specifications, fits, intervals, simulation.
    .target(
      name: "PlanCastForecasting",
      dependencies: ["PlanCastNumerics", "PlanCastPlan"]
    ),
    // Scenarios and Monte Carlo attainment: joint simulation with correlated shocks, scenario
    // effects, the probability of meeting each target and what it would take.
    .target(
      name: "PlanCastAttainment",
      dependencies: ["PlanCastForecasting", "PlanCastPlan", "PlanCastNumerics"]
    ),
    // Exports and charts: atomic writers, CSV/JSON/Markdown/XLSX tables, run manifests, SVG
    // charts and the HTML report. SHA-256 for the manifests comes from swift-crypto (BoringSSL
    // on Linux), the XLSX container from ZIPFoundation (zlib's deflate).
    .target(
      name: "PlanCastReports",
      dependencies: [
        "CPlanCastSystem",
        "CPlanCastZlib",
        "PlanCastForecasting",
        "PlanCastPlan",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    // Sensitivity sweeps: one-at-a-time, grids, Sobol indices (Saltelli design on a Joe–Kuo
    // Sobol sequence) and Morris elementary effects over scenario assumptions, with CRN.
    .target(
      name: "PlanCastSensitivity",
      dependencies: ["PlanCastAttainment", "PlanCastPlan", "PlanCastNumerics"]
    ),
    // Command-line commands: parse, validate, call library code, print (colour by Rainbow).
    .target(
      name: "PlanCastCLI",
      dependencies: [
        "CPlanCastSystem",
        "PlanCastNumerics",
        "PlanCastPlan",
        "PlanCastForecasting",
        "PlanCastReports",
        "PlanCastAttainment",
        "PlanCastSensitivity",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Rainbow", package: "Rainbow"),
      ]
    ),
    .executableTarget(name: "plancast", dependencies: ["PlanCastCLI"]),
    // Fuzz targets over every parser of user input, for libFuzzer (Fuzz/) and the suite's
    // short seeded run.
    .target(
      name: "PlanCastFuzzing",
      dependencies: [
        "PlanCastNumerics", "PlanCastPlan", "PlanCastForecasting", "PlanCastAttainment",
        "PlanCastSensitivity", "PlanCastReports",
      ]
    ),
    .testTarget(
      name: "PlanCastNumericsTests",
      dependencies: ["PlanCastNumerics"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "PlanCastPlanTests",
      dependencies: ["PlanCastPlan"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "PlanCastForecastingTests",
      dependencies: ["PlanCastForecasting"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "PlanCastAttainmentTests",
      dependencies: ["PlanCastAttainment"]
    ),
    .testTarget(
      name: "PlanCastReportsTests",
      dependencies: ["PlanCastReports"]
    ),
    .testTarget(
      name: "PlanCastSensitivityTests",
      dependencies: ["PlanCastSensitivity", "PlanCastAttainment", "PlanCastPlan", "plancast"],
      resources: [.copy("Fixtures")]
    ),
    .testTarget(
      name: "PlanCastFuzzingTests",
      dependencies: ["PlanCastFuzzing"]
    ),
    .testTarget(
      name: "PlanCastCLITests",
      dependencies: ["PlanCastCLI", "plancast"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
