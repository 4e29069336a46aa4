import Foundation
import PlanCastNumerics

/// A NIST StRD nonlinear regression dataset, read from the original `.dat` file in the test
/// fixtures (`Fixtures/nist-nonlinear/`), with its model written out from the file header.
struct NISTNonlinearDataset: Sendable {
  enum Difficulty: String, Sendable { case lower, average, higher }

  let name: String
  let difficulty: Difficulty
  /// Starting values: `starts[0]` is NIST's start 1 (far), `starts[1]` start 2 (near).
  let starts: [[Double]]
  let certified: [Double]
  let certifiedStandardDeviations: [Double]
  let residualSumOfSquares: Double
  let residualStandardDeviation: Double
  let degreesOfFreedom: Int
  let y: [Double]
  /// Predictor rows (one value, or two for Nelson).
  let x: [[Double]]

  static let names = [
    "Misra1a", "Chwirut2", "Chwirut1", "Lanczos3", "Gauss1", "Gauss2", "DanWood", "Misra1b",
    "Kirby2", "Hahn1", "Nelson", "MGH17", "Lanczos1", "Lanczos2", "Gauss3", "Misra1c", "Misra1d",
    "Roszman1", "ENSO", "MGH09", "Thurber", "BoxBOD", "Rat42", "MGH10", "Eckerle4", "Rat43",
    "Bennett5",
  ]

  static func load(_ name: String) throws -> NISTNonlinearDataset {
    guard
      let url = Bundle.module.url(
        forResource: "Fixtures/nist-nonlinear/\(name)", withExtension: "dat")
    else { throw CocoaError(.fileNoSuchFile) }
    let text = try String(contentsOf: url, encoding: .utf8)
    let lines = text.replacingOccurrences(of: "\r", with: "").components(separatedBy: "\n")
    var starts: [[Double]] = [[], []]
    var certified: [Double] = []
    var sds: [Double] = []
    var rss = Double.nan
    var sd = Double.nan
    var dof = -1
    var difficulty = Difficulty.lower
    var dataStart = lines.count
    for (index, line) in lines.enumerated() {
      let fields = line.split(separator: " ").map(String.init)
      if fields.count == 6, fields[0].hasPrefix("b"), fields[1] == "=" {
        let values = fields[2...].compactMap { Double($0) }
        guard values.count == 4 else { throw CocoaError(.fileReadCorruptFile) }
        starts[0].append(values[0])
        starts[1].append(values[1])
        certified.append(values[2])
        sds.append(values[3])
      } else if line.contains("Residual Sum of Squares:") {
        rss = Double(fields.last!)!
      } else if line.contains("Residual Standard Deviation:") {
        sd = Double(fields.last!)!
      } else if line.contains("Degrees of Freedom:") {
        dof = Int(fields.last!)!
      } else if line.contains("Level of Difficulty") {
        difficulty = Difficulty(rawValue: fields[0].lowercased()) ?? .lower
      } else if fields.first == "Data:" {
        dataStart = index + 1
      }
    }
    var y: [Double] = []
    var x: [[Double]] = []
    for line in lines[dataStart...] {
      let values = line.split(separator: " ").compactMap { Double($0) }
      guard values.count >= 2 else { continue }
      y.append(values[0])
      x.append(Array(values[1...]))
    }
    if name == "Nelson" { y = y.map { log($0) } }
    return NISTNonlinearDataset(
      name: name, difficulty: difficulty, starts: starts, certified: certified,
      certifiedStandardDeviations: sds, residualSumOfSquares: rss,
      residualStandardDeviation: sd, degreesOfFreedom: dof, y: y, x: x)
  }

  /// The least-squares problem `yᵢ = f(xᵢ, b) + eᵢ`, with the analytic Jacobian unless
  /// `analyticJacobian` is false (then `LevenbergMarquardt` uses central differences).
  func problem(analyticJacobian: Bool = true) -> NonlinearLeastSquaresProblem {
    let model = NISTNonlinearModel(name: name)
    let value: @Sendable ([Double], [Double]) -> Double = { x, b in model.value(x, b) }
    let analytic: @Sendable ([Double], [Double]) -> [Double] = { x, b in model.gradient(x, b) }
    let gradient = analyticJacobian ? analytic : nil
    return NonlinearLeastSquaresProblem(
      x: x, y: y, parameterCount: certified.count, model: value, gradient: gradient)
  }
}

/// The 27 StRD models, `f(x, b)` and `∂f/∂b`, written from the headers of the `.dat` files
/// (`b[0]` is NIST's b1). Roszman1 uses `atan(b3/(x−b4))` as NIST states it, not `atan2`.
struct NISTNonlinearModel: Sendable {
  let name: String

  func value(_ xs: [Double], _ b: [Double]) -> Double {
    let x = xs[0]
    switch name {
    case "Misra1a", "BoxBOD": return b[0] * (1 - exp(-b[1] * x))
    case "Misra1b": return b[0] * (1 - pow(1 + b[1] * x / 2, -2))
    case "Misra1c": return b[0] * (1 - pow(1 + 2 * b[1] * x, -0.5))
    case "Misra1d": return b[0] * b[1] * x / (1 + b[1] * x)
    case "Chwirut1", "Chwirut2": return exp(-b[0] * x) / (b[1] + b[2] * x)
    case "DanWood": return b[0] * pow(x, b[1])
    case "ENSO":
      let a = 2 * Double.pi * x
      return b[0] + b[1] * cos(a / 12) + b[2] * sin(a / 12) + b[4] * cos(a / b[3])
        + b[5] * sin(a / b[3]) + b[7] * cos(a / b[6]) + b[8] * sin(a / b[6])
    case "Gauss1", "Gauss2", "Gauss3":
      return b[0] * exp(-b[1] * x) + b[2] * exp(-(x - b[3]) * (x - b[3]) / (b[4] * b[4]))
        + b[5] * exp(-(x - b[6]) * (x - b[6]) / (b[7] * b[7]))
    case "Hahn1", "Thurber":
      return (b[0] + b[1] * x + b[2] * x * x + b[3] * x * x * x)
        / (1 + b[4] * x + b[5] * x * x + b[6] * x * x * x)
    case "Kirby2": return (b[0] + b[1] * x + b[2] * x * x) / (1 + b[3] * x + b[4] * x * x)
    case "Lanczos1", "Lanczos2", "Lanczos3":
      return b[0] * exp(-b[1] * x) + b[2] * exp(-b[3] * x) + b[4] * exp(-b[5] * x)
    case "MGH09": return b[0] * (x * x + x * b[1]) / (x * x + x * b[2] + b[3])
    case "MGH10": return b[0] * exp(b[1] / (x + b[2]))
    case "MGH17": return b[0] + b[1] * exp(-x * b[3]) + b[2] * exp(-x * b[4])
    case "Nelson": return b[0] - b[1] * x * exp(-b[2] * xs[1])
    case "Rat42": return b[0] / (1 + exp(b[1] - b[2] * x))
    case "Rat43": return b[0] / pow(1 + exp(b[1] - b[2] * x), 1 / b[3])
    case "Eckerle4":
      let z = (x - b[2]) / b[1]
      return b[0] / b[1] * exp(-0.5 * z * z)
    case "Bennett5": return b[0] * pow(b[1] + x, -1 / b[2])
    case "Roszman1": return b[0] - b[1] * x - atan(b[2] / (x - b[3])) / Double.pi
    default: return .nan
    }
  }

  func gradient(_ xs: [Double], _ b: [Double]) -> [Double] {
    let x = xs[0]
    switch name {
    case "Misra1a", "BoxBOD":
      let e = exp(-b[1] * x)
      return [1 - e, b[0] * x * e]
    case "Misra1b":
      let u = 1 + b[1] * x / 2
      return [1 - 1 / (u * u), b[0] * x / (u * u * u)]
    case "Misra1c":
      let u = 1 + 2 * b[1] * x
      return [1 - 1 / u.squareRoot(), b[0] * x / (u * u.squareRoot())]
    case "Misra1d":
      let u = 1 + b[1] * x
      return [b[1] * x / u, b[0] * x / (u * u)]
    case "Chwirut1", "Chwirut2":
      let e = exp(-b[0] * x)
      let d = b[1] + b[2] * x
      return [-x * e / d, -e / (d * d), -x * e / (d * d)]
    case "DanWood":
      let p = pow(x, b[1])
      return [p, b[0] * p * log(x)]
    case "ENSO":
      let a = 2 * Double.pi * x
      let a4 = a / b[3]
      let a7 = a / b[6]
      return [
        1, cos(a / 12), sin(a / 12),
        (b[4] * sin(a4) - b[5] * cos(a4)) * a4 / b[3], cos(a4), sin(a4),
        (b[7] * sin(a7) - b[8] * cos(a7)) * a7 / b[6], cos(a7), sin(a7),
      ]
    case "Gauss1", "Gauss2", "Gauss3":
      let e = exp(-b[1] * x)
      let u1 = (x - b[3]) / b[4]
      let g1 = exp(-u1 * u1)
      let u2 = (x - b[6]) / b[7]
      let g2 = exp(-u2 * u2)
      return [
        e, -b[0] * x * e,
        g1, b[2] * g1 * 2 * u1 / b[4], b[2] * g1 * 2 * u1 * u1 / b[4],
        g2, b[5] * g2 * 2 * u2 / b[7], b[5] * g2 * 2 * u2 * u2 / b[7],
      ]
    case "Hahn1", "Thurber":
      let num = b[0] + b[1] * x + b[2] * x * x + b[3] * x * x * x
      let den = 1 + b[4] * x + b[5] * x * x + b[6] * x * x * x
      let q = num / (den * den)
      return [
        1 / den, x / den, x * x / den, x * x * x / den, -q * x, -q * x * x, -q * x * x * x,
      ]
    case "Kirby2":
      let num = b[0] + b[1] * x + b[2] * x * x
      let den = 1 + b[3] * x + b[4] * x * x
      let q = num / (den * den)
      return [1 / den, x / den, x * x / den, -q * x, -q * x * x]
    case "Lanczos1", "Lanczos2", "Lanczos3":
      let e1 = exp(-b[1] * x)
      let e2 = exp(-b[3] * x)
      let e3 = exp(-b[5] * x)
      return [e1, -b[0] * x * e1, e2, -b[2] * x * e2, e3, -b[4] * x * e3]
    case "MGH09":
      let num = x * x + x * b[1]
      let den = x * x + x * b[2] + b[3]
      return [num / den, b[0] * x / den, -b[0] * num * x / (den * den), -b[0] * num / (den * den)]
    case "MGH10":
      let u = x + b[2]
      let e = exp(b[1] / u)
      return [e, b[0] * e / u, -b[0] * e * b[1] / (u * u)]
    case "MGH17":
      let e4 = exp(-x * b[3])
      let e5 = exp(-x * b[4])
      return [1, e4, e5, -b[1] * x * e4, -b[2] * x * e5]
    case "Nelson":
      let e = exp(-b[2] * xs[1])
      return [1, -x * e, b[1] * x * xs[1] * e]
    case "Rat42":
      let e = exp(b[1] - b[2] * x)
      let u = 1 + e
      return [1 / u, -b[0] * e / (u * u), b[0] * x * e / (u * u)]
    case "Rat43":
      let e = exp(b[1] - b[2] * x)
      let u = 1 + e
      let p = pow(u, -1 / b[3])
      return [
        p, -b[0] * p * e / (b[3] * u), b[0] * p * e * x / (b[3] * u),
        b[0] * p * log(u) / (b[3] * b[3]),
      ]
    case "Eckerle4":
      let z = (x - b[2]) / b[1]
      let g = exp(-0.5 * z * z)
      return [g / b[1], b[0] * g * (z * z - 1) / (b[1] * b[1]), b[0] * g * z / (b[1] * b[1])]
    case "Bennett5":
      let u = b[1] + x
      let p = pow(u, -1 / b[2])
      return [p, -b[0] * p / (b[2] * u), b[0] * p * log(u) / (b[2] * b[2])]
    case "Roszman1":
      let d = x - b[3]
      let t = b[2] / d
      let s = 1 / (Double.pi * (1 + t * t))
      return [1, -x, -s / d, -s * b[2] / (d * d)]
    default: return []
    }
  }
}
