import Foundation
import PlanCastAttainment

/// A finished sweep: its spec, design and the outcome of every point, with the analyses of each
/// method. Built the same way from one run or from merged shards, so both report identically.
public struct SweepResult: Sendable {
  public let spec: SweepSpec
  public let design: SweepDesign
  /// `outcomes[point][target]`.
  public let outcomes: [[SweepOutcome]]

  public init(spec: SweepSpec, design: SweepDesign, outcomes: [[SweepOutcome]]) {
    self.spec = spec
    self.design = design
    self.outcomes = outcomes
  }

  /// One output of one target at every point.
  public func series(target t: Int, _ output: SweepOutput) -> [Double] {
    outcomes.map { output == .probability ? $0[t].probability : $0[t].median }
  }

  /// A one-at-a-time effect: the output with the factor at its low and high values.
  public struct OneAtATimeEffect: Sendable {
    public let target: Int
    public let output: SweepOutput
    public let factor: String
    public let low: Double
    public let high: Double
    public let base: Double
    public let atLow: Double
    public let atHigh: Double
    /// `|atHigh − atLow|`.
    public var swing: Double { abs(atHigh - atLow) }
  }

  /// Per target and output, the factors' effects, largest swing first.
  public func oneAtATime() -> [OneAtATimeEffect] {
    precondition(spec.method == .oat)
    var rows: [OneAtATimeEffect] = []
    for t in spec.targets.indices {
      for output in SweepOutput.allCases {
        let y = series(target: t, output)
        let effects = spec.factors.enumerated().map { i, f in
          OneAtATimeEffect(
            target: t, output: output, factor: f.name, low: f.low, high: f.high, base: y[0],
            atLow: y[1 + 2 * i], atHigh: y[2 + 2 * i])
        }
        rows += effects.enumerated().sorted {
          $0.element.swing != $1.element.swing
            ? $0.element.swing > $1.element.swing : $0.offset < $1.offset
        }.map(\.element)
      }
    }
    return rows
  }

  /// Sobol indices per target and output (nil where the output does not vary).
  public func sobol() -> [(target: Int, output: SweepOutput, indices: [SobolIndex]?)] {
    precondition(spec.method == .sobol)
    let indices = SobolAnalysis.resampleIndices(
      samples: spec.samples, resamples: spec.resamples, seed: spec.seed)
    return spec.targets.indices.flatMap { t in
      SweepOutput.allCases.map { output in
        (
          t, output,
          SobolAnalysis.analyze(
            series(target: t, output), factors: design.columns, samples: spec.samples,
            resamples: spec.resamples, seed: spec.seed, resampleIndices: indices)
        )
      }
    }
  }

  /// Morris statistics per target and output.
  public func morris() -> [(target: Int, output: SweepOutput, indices: [MorrisIndex]?)] {
    precondition(spec.method == .morris)
    return spec.targets.indices.flatMap { t in
      SweepOutput.allCases.map { output in
        (
          t, output,
          MorrisAnalysis.analyze(
            inputs: design.unit, outputs: series(target: t, output), factors: design.columns,
            levels: spec.levels, resamples: spec.resamples, seed: spec.seed)
        )
      }
    }
  }
}

/// Part `index` of `count` of a sweep's points (contiguous), written by `--shard K/N` and read
/// by `plancast merge`.
public struct SweepShard: Sendable, Codable, Equatable {
  public static let formatVersion = 1
  /// The most parts a sweep may be split into (`--shard K/N`, N at most this).
  public static let maximumCount = 10_000
  /// The most points a shard file may say its sweep has: more than any sweep a planning
  /// question needs, and small enough that splitting it cannot overflow.
  public static let maximumPoints = 1_000_000_000
  /// The most bootstrap resamples a merge computes (`--resamples` at most this).
  public static let maximumResamples = 100_000
  public var format: Int = formatVersion
  public let spec: SweepSpec
  public let index: Int
  public let count: Int
  public let totalPoints: Int
  public let start: Int
  /// Per point, per target: probability, median, lo80, hi80.
  public let outcomes: [[Double]]

  public init(spec: SweepSpec, index: Int, count: Int, totalPoints: Int, outcomes: [[SweepOutcome]])
  {
    self.spec = spec
    self.index = index
    self.count = count
    self.totalPoints = totalPoints
    start = Self.range(index, of: count, total: totalPoints).lowerBound
    self.outcomes = outcomes.map { $0.flatMap { [$0.probability, $0.median, $0.lo80, $0.hi80] } }
  }

  /// The points of shard `k` (1-based) of `n`.
  public static func range(_ k: Int, of n: Int, total: Int) -> Range<Int> {
    (total * (k - 1) / n)..<(total * k / n)
  }

  public func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }

  public static func decode(_ data: Data, file: String) throws(SensitivityError) -> SweepShard {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let shard: SweepShard
    do {
      shard = try decoder.decode(SweepShard.self, from: data)
    } catch let error as SensitivityError {
      throw .invalid("\(file) is not a valid PlanCast sweep shard: \(error.description)")
    } catch let error as DecodingError {
      throw .invalid("\(file) is not a PlanCast sweep shard: \(Self.reason(error))")
    } catch {
      throw .invalid("\(file) is not a PlanCast sweep shard")
    }
    try shard.check(file: file)
    return shard
  }

  /// The checks a decoded shard must pass before anything is sized by its numbers.
  private func check(file: String) throws(SensitivityError) {
    guard format == Self.formatVersion else {
      throw .invalid("\(file): shard format \(format), expected \(Self.formatVersion)")
    }
    guard (1...Self.maximumCount).contains(count), (1...count).contains(index) else {
      throw .invalid(
        "\(file): shard \(index)/\(count) is not K/N with 1 ≤ K ≤ N ≤ \(Self.maximumCount)")
    }
    guard (0...Self.maximumPoints).contains(totalPoints) else {
      throw .invalid(
        "\(file): 'totalPoints' \(totalPoints) is outside 0…\(Self.maximumPoints)")
    }
    let part = Self.range(index, of: count, total: totalPoints)
    guard start == part.lowerBound, outcomes.count == part.count,
      outcomes.allSatisfy({ $0.count == 4 * spec.targets.count })
    else {
      throw .invalid(
        "\(file): shard \(index)/\(count) of \(totalPoints) points should hold points "
          + "\(part.lowerBound)…\(part.upperBound - 1), 4 numbers per target each")
    }
    guard (0...Self.maximumResamples).contains(spec.resamples) else {
      throw .invalid(
        "\(file): 'resamples' \(spec.resamples) is outside 0…\(Self.maximumResamples)")
    }
    guard SweepDesign.pointCount(spec) == Double(totalPoints) else {
      throw .invalid(
        "\(file): its sweep specification gives \(SweepDesign.pointCount(spec)) points, "
          + "not the \(totalPoints) the shard says")
    }
  }

  /// A decoding failure in a user's words: which key, at which path, and what was wrong.
  static func reason(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context, _ key: CodingKey? = nil) -> String {
      let keys = (context.codingPath + (key.map { [$0] } ?? [])).map {
        $0.intValue.map { "[\($0)]" } ?? $0.stringValue
      }
      return keys.isEmpty ? "the document" : "'" + keys.joined(separator: ".") + "'"
    }
    switch error {
    case .keyNotFound(let key, let context):
      return
        "\(path(context, key)) is missing (written by plancast sweep … --shard K/N --output FILE)"
    case .typeMismatch(let type, let context):
      return "\(path(context)) is not a \(type)"
    case .valueNotFound(let type, let context):
      return "\(path(context)) is null, expected a \(type)"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "not valid JSON" : "\(path(context)) is not valid (\(context.debugDescription))"
    @unknown default:
      return "cannot be read"
    }
  }

  /// Joins shards into the full result; checks they are parts of the same sweep, each once.
  public static func merge(_ shards: [(file: String, shard: SweepShard)]) throws(SensitivityError)
    -> SweepResult
  {
    guard let first = shards.first else { throw .invalid("no shard files given") }
    for (file, s) in shards.dropFirst() {
      guard s.spec == first.shard.spec, s.count == first.shard.count,
        s.totalPoints == first.shard.totalPoints
      else {
        throw .invalid("\(file) is part of a different sweep than \(first.file)")
      }
    }
    var byIndex: [Int: (String, SweepShard)] = [:]
    for (file, s) in shards {
      if let other = byIndex[s.index] {
        throw .invalid("\(file) and \(other.0) are both shard \(s.index)/\(s.count)")
      }
      byIndex[s.index] = (file, s)
    }
    let missing = (1...first.shard.count).filter { byIndex[$0] == nil }
    guard missing.isEmpty else {
      throw .invalid(
        "missing shard(s) \(missing.map { "\($0)/\(first.shard.count)" }.joined(separator: ", "))")
    }
    let targets = first.shard.spec.targets.count
    var outcomes: [[SweepOutcome]] = []
    for k in 1...first.shard.count {
      guard let s = byIndex[k]?.1 else { continue }  // none is missing: checked above
      guard s.outcomes.count == range(k, of: s.count, total: s.totalPoints).count,
        s.outcomes.allSatisfy({ $0.count == 4 * targets })
      else { throw .invalid("\(byIndex[k]?.0 ?? "a shard") has the wrong number of points") }
      outcomes += s.outcomes.map { v in
        (0..<targets).map {
          SweepOutcome(
            probability: v[4 * $0], median: v[4 * $0 + 1], lo80: v[4 * $0 + 2], hi80: v[4 * $0 + 3])
        }
      }
    }
    let design = try SweepDesign(first.shard.spec, gridLimit: nil)
    return SweepResult(spec: first.shard.spec, design: design, outcomes: outcomes)
  }
}
