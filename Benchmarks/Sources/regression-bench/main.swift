import CBenchLAPACK
import Foundation
import PlanCastNumerics

// Times OLS with full inference (PlanCast `LinearRegression.fit` plus every statistic of a
// statsmodels summary) on 25×3 and 10000×20 designs, and LAPACK dgels on the same data as a floor.
//
//   regression-bench [--data DIR] [--fits N] [--big-fits N] [--repetitions N] [--json]
//   regression-bench --profile N   (N small fits, nothing else: for callgrind instruction counts)
//   regression-bench --profile-big N   (N fits of 10000×20)
//
// Without --data the designs come from a seeded SplitMix64 generator; with it, from the files
// small.f64 and big.f64 that Benchmarks/peers/regression_peers.py writes (little-endian float64:
// a header `count, rows, columns` then, per dataset, y and the design columns, column-major).

struct Options {
  var dataDirectory: String?
  var fits = 100_000
  var bigFits = 10
  var repetitions = 7
  var json = false
  var distributions = false
  var profileFits: Int?
  var profileBig = false

  init(_ arguments: [String]) {
    var iterator = arguments.dropFirst().makeIterator()
    while let argument = iterator.next() {
      switch argument {
      case "--data": dataDirectory = iterator.next()
      case "--fits": fits = Int(iterator.next() ?? "") ?? fits
      case "--big-fits": bigFits = Int(iterator.next() ?? "") ?? bigFits
      case "--repetitions": repetitions = Int(iterator.next() ?? "") ?? repetitions
      case "--json": json = true
      case "--distributions": distributions = true
      case "--profile": profileFits = Int(iterator.next() ?? "")
      case "--profile-big":
        profileFits = Int(iterator.next() ?? "")
        profileBig = true
      default:
        FileHandle.standardError.write(Data("unknown argument \(argument)\n".utf8))
        exit(2)
      }
    }
  }
}

/// One regression problem: response and design (intercept column included).
struct Problem {
  let y: [Double]
  let design: Matrix
}

/// SplitMix64 with Box–Muller normals: small, seeded, reproducible.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }
  mutating func normal() -> Double {
    (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
  }
}

func generate(count: Int, rows: Int, columns: Int, seed: UInt64) -> [Problem] {
  var rng = SplitMix64(state: seed)
  return (0..<count).map { _ in
    var x = [Double](repeating: 1, count: rows * columns)
    for i in rows..<(rows * columns) { x[i] = rng.normal() }
    let design = try! Matrix(rows: rows, columns: columns, columnMajor: x)
    let y = (0..<rows).map { i in
      (0..<columns).reduce(rng.normal()) { $0 + Double($1 + 1) * 0.1 * design[i, $1] }
    }
    return Problem(y: y, design: design)
  }
}

func load(_ path: String) throws -> [Problem] {
  let data = try Data(contentsOf: URL(fileURLWithPath: path))
  let values = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
  let (count, rows, width) = (Int(values[0]), Int(values[1]), Int(values[2]))
  precondition(values.count == 3 + count * rows * width, "\(path): size does not match header")
  return (0..<count).map { k in
    let start = 3 + k * rows * width
    let y = Array(values[start..<(start + rows)])
    let x = Array(values[(start + rows)..<(start + rows * width)])
    return Problem(y: y, design: try! Matrix(rows: rows, columns: width - 1, columnMajor: x))
  }
}

/// Median over repetitions of the per-fit time in seconds.
func time(repetitions: Int, fits: Int, _ body: (Int) throws -> Double) rethrows -> (Double, Double)
{
  var sink = 0.0
  var perFit: [Double] = []
  let clock = ContinuousClock()
  sink += try body(0)  // warm-up
  for _ in 0..<repetitions {
    let start = clock.now
    for k in 0..<fits { sink += try body(k) }
    let elapsed = clock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    perFit.append(seconds / Double(fits))
  }
  perFit.sort()
  return (perFit[perFit.count / 2], sink)
}

/// Everything a statsmodels OLS summary reports, folded into one number so nothing is skipped.
func fullInference(_ problem: Problem, names: [String]) throws -> Double {
  let data = try RegressionData(
    response: problem.y, design: problem.design, names: names, hasIntercept: true)
  let result = try LinearRegression.fit(data)
  var sum = 0.0
  for c in result.coefficients {
    sum += c.estimate! + c.standardError! + c.tStatistic! + c.pValue!
    sum += c.confidenceInterval!.lowerBound + c.confidenceInterval!.upperBound
  }
  sum += result.rSquared + result.adjustedRSquared + result.fStatistic! + result.fPValue!
  sum += result.residualStandardError + result.logLikelihood + result.aic + result.bic
  return sum
}

/// LAPACK dgels (QR least squares, no inference) with a preallocated workspace: the floor.
final class DGELS {
  let rows: Int32
  let columns: Int32
  var a: [Double]
  var b: [Double]
  var work: [Double]
  init(rows: Int, columns: Int) {
    self.rows = Int32(rows)
    self.columns = Int32(columns)
    a = [Double](repeating: 0, count: rows * columns)
    b = [Double](repeating: 0, count: rows)
    var query = 0.0
    _ = LAPACKE_dgels_work(
      LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), self.rows, self.columns, 1, &a, self.rows, &b,
      self.rows, &query, -1)
    work = [Double](repeating: 0, count: Int(query))
  }
  func solve(_ problem: Problem) -> Double {
    a.withUnsafeMutableBufferPointer { a in
      problem.design.elements.withUnsafeBufferPointer {
        a.baseAddress!.update(from: $0.baseAddress!, count: $0.count)
      }
    }
    b.withUnsafeMutableBufferPointer { b in
      problem.y.withUnsafeBufferPointer {
        b.baseAddress!.update(from: $0.baseAddress!, count: $0.count)
      }
    }
    let info = LAPACKE_dgels_work(
      LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), rows, columns, 1, &a, rows, &b, rows, &work,
      Int32(work.count))
    precondition(info == 0)
    return b[0]
  }
}

let options = Options(CommandLine.arguments)
if options.distributions {
  // The inference building blocks on their own (df 22, as for a 25×3 fit).
  let t = try StudentT(degreesOfFreedom: 22)
  let f = try FDistribution(numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 22)
  let n = 200_000
  let parts: [(String, (Int) throws -> Double)] = [
    ("StudentT init", { k in try StudentT(degreesOfFreedom: 22 + Double(k & 1)).degreesOfFreedom }),
    ("t quantile 0.975", { k in t.quantile(0.975 - Double(k & 1) * 1e-9) }),
    ("t two-sided p", { k in t.twoSidedPValue(t: 0.5 + Double(k & 7)) }),
    ("F survival", { k in f.survival(0.5 + Double(k & 7)) }),
    ("log", { k in log(1.5 + Double(k & 7)) }),
  ]
  for (label, body) in parts {
    let (seconds, _) = try time(repetitions: 3, fits: n, body)
    print(
      label.padding(toLength: 20, withPad: " ", startingAt: 0)
        + String(format: "%8.1f ns", seconds * 1e9))
  }
  exit(0)
}
if let count = options.profileFits {
  // Only small fits: `valgrind --tool=callgrind` instructions per fit are the difference of two
  // counts with different N divided by their difference (start-up and data generation cancel).
  let problems =
    options.profileBig
    ? generate(count: 1, rows: 10_000, columns: 20, seed: 43)
    : generate(count: 1000, rows: 25, columns: 3, seed: 42)
  let names = (0..<problems[0].design.columns).map { $0 == 0 ? "const" : "x\($0)" }
  var sink = 0.0
  for k in 0..<count { sink += try fullInference(problems[k % problems.count], names: names) }
  precondition(sink.isFinite)
  exit(0)
}
let small: [Problem]
let big: [Problem]
if let directory = options.dataDirectory {
  small = try load(directory + "/small.f64")
  big = try load(directory + "/big.f64")
} else {
  small = generate(count: 1000, rows: 25, columns: 3, seed: 42)
  big = generate(count: 1, rows: 10_000, columns: 20, seed: 43)
}

var rows: [(String, Int, Int, Double, Double)] = []
for (label, problems, fits) in [("25x3", small, options.fits), ("10000x20", big, options.bigFits)] {
  let names = (0..<problems[0].design.columns).map { $0 == 0 ? "const" : "x\($0)" }
  let (fit, sinkFit) = try time(repetitions: options.repetitions, fits: fits) { k in
    try fullInference(problems[k % problems.count], names: names)
  }
  let dgels = DGELS(rows: problems[0].design.rows, columns: problems[0].design.columns)
  let (floor, sinkFloor) = time(repetitions: options.repetitions, fits: fits) { k in
    dgels.solve(problems[k % problems.count])
  }
  precondition(sinkFit.isFinite && sinkFloor.isFinite)
  rows.append((label, problems[0].design.rows, problems[0].design.columns, fit, floor))
}

if options.json {
  let entries = rows.map { row in
    "\"\(row.0)\": {\"rows\": \(row.1), \"columns\": \(row.2), \"plancast_seconds\": \(row.3), \"dgels_seconds\": \(row.4)}"
  }
  print(
    "{\(entries.joined(separator: ", ")), \"fits\": \(options.fits), \"big_fits\": \(options.bigFits), \"repetitions\": \(options.repetitions)}"
  )
} else {
  print("OLS with full inference, median of \(options.repetitions) repetitions, per fit")
  print("size        PlanCast fit+inference    LAPACK dgels alone")
  for row in rows {
    print(
      row.0.padding(toLength: 12, withPad: " ", startingAt: 0)
        + String(format: "%14.3f µs %21.3f µs", row.3 * 1e6, row.4 * 1e6))
  }
}
