import Foundation
import PlanCastForecasting

/// The rows of `plancast forecast`: one per series and forecast year. CSV and JSON are
/// written a chunk of series at a time as the forecaster hands them on (100,000 series make
/// 600,000 rows, which need not all be held); the terminal table needs them all for its widths.
struct ForecastReport {
  /// Extra interval levels (besides 80 and 95), in percent.
  let extraLevels: [Double]

  static func levelName(_ level: Double) -> String {
    level == level.rounded() ? String(Int(level)) : "\(level)"
  }

  var keys: [String] {
    ["series_id", "year", "mean", "median", "lo80", "hi80", "lo95", "hi95"]
      + extraLevels.flatMap { ["lo\(Self.levelName($0))", "hi\(Self.levelName($0))"] }
      + ["method", "note"]
  }

  /// Full-precision table.
  func table(_ forecasts: [SeriesForecast]) -> Table {
    var table = Table(headers: keys)
    for forecast in forecasts {
      for k in forecast.points.indices { table.append(row(forecast, k)) }
    }
    return table
  }

  /// The line saying how the intervals were calibrated, e.g. `intervals calibrated on the
  /// held-out last 6 years of 645 series; factors for h = 1…6: 80 % ×0.78 … ×0.85; 95 % …`.
  func calibrationLine(
    _ calibration: Result<IntervalCalibration, IntervalCalibration.Unavailable>
  ) -> String {
    switch calibration {
    case .failure(let reason): return "note: \(reason)"
    case .success(let c):
      let levels = c.levels.indices.map { l in
        "\(Self.levelName(c.levels[l])) % "
          + c.factors.map { "×" + String(format: "%.2f", $0[l]) }.joined(separator: " ")
      }
      return "intervals calibrated on the held-out last \(c.factors.count) years of "
        + "\(c.heldOutSeries) series; factors for h = 1…\(c.factors.count): "
        + levels.joined(separator: "; ")
    }
  }

  /// The CSV header record.
  var csvHeader: String { CSVWriter.record(keys) }

  /// The CSV records of some series (with the header, the text of rendering ``table(_:)``).
  func csvRecords(_ forecasts: [SeriesForecast]) -> String {
    var text = ""
    for forecast in forecasts {
      for k in forecast.points.indices { text += CSVWriter.record(row(forecast, k).map(\.text)) }
    }
    return text
  }

  private func row(_ forecast: SeriesForecast, _ k: Int) -> [Cell] {
    let p = forecast.points[k]
    var row: [Cell] = [
      .text(forecast.seriesID), .integer(p.year), .number(p.mean), .number(p.median),
      .number(p.lo80), .number(p.hi80), .number(p.lo95), .number(p.hi95),
    ]
    for interval in forecast.extraIntervals[k] {
      row += [.number(interval.lower), .number(interval.upper)]
    }
    row += [.text(forecast.method), .text(forecast.note)]
    return row
  }

  /// The table for a terminal: numbers with 4 significant digits after the point trimmed to 2
  /// decimals, right aligned.
  func textTable(_ forecasts: [SeriesForecast]) -> Table {
    let full = table(forecasts)
    let numeric = Set(2..<(keys.count - 2))
    var table = Table(
      headers: keys,
      alignments: keys.indices.map { numeric.contains($0) || $0 == 1 ? .right : .left })
    for row in full.rows {
      table.append(
        row.enumerated().map { k, cell in
          if numeric.contains(k), case .number(let x) = cell {
            return .text(NumberText.fixed(x))
          }
          return cell
        })
    }
    return table
  }

  /// JSON, an array of series (each with its method, note and points), written in pieces:
  /// `jsonStart`, then ``jsonElements(_:first:)`` per chunk, then `jsonEnd` (a run always has
  /// at least one series).
  let jsonStart = "[\n"

  func jsonElements(_ forecasts: [SeriesForecast], first: Bool) -> String {
    var text = ""
    for (k, forecast) in forecasts.enumerated() {
      text += (first && k == 0 ? "  " : ",\n  ") + json(forecast).render(indent: 1)
    }
    return text
  }

  let jsonEnd = "\n]\n"

  private func json(_ forecast: SeriesForecast) -> JSONValue {
    .object([
      ("series_id", .string(forecast.seriesID)),
      ("method", .string(forecast.method)),
      ("note", .optional(forecast.note)),
      (
        "points",
        .array(
          forecast.points.enumerated().map { k, p in
            var fields: [(String, JSONValue)] = [
              ("year", .int(p.year)), ("mean", .double(p.mean)), ("median", .double(p.median)),
              ("lo80", .double(p.lo80)), ("hi80", .double(p.hi80)), ("lo95", .double(p.lo95)),
              ("hi95", .double(p.hi95)),
            ]
            for (l, level) in extraLevels.enumerated() {
              let name = Self.levelName(level)
              fields.append(("lo\(name)", .double(forecast.extraIntervals[k][l].lower)))
              fields.append(("hi\(name)", .double(forecast.extraIntervals[k][l].upper)))
            }
            return .object(fields)
          })
      ),
    ])
  }
}

/// The rows of `plancast forecast score`: one per group (method), or one per group and horizon.
struct ForecastScoreReport {
  let rows: [(group: String, accuracy: M3Metrics.Accuracy)]
  let horizon: Int
  let byHorizon: Bool

  func table(digits: Int?) -> Table {
    byHorizon ? horizonTable(digits: digits) : summaryTable(digits: digits)
  }

  /// `value` with at least `d` decimals (all of them when `digits` is nil).
  private func cell(_ x: Double?, _ d: Int, digits: Int?) -> Cell {
    guard let x else { return .empty }
    if let digits { return .text(NumberText.fixed(x, digits: Swift.max(d, digits))) }
    return .number(x)
  }

  private func horizonTable(digits: Int?) -> Table {
    let keys = [
      "method", "horizon", "smape", "mase", "coverage80", "coverage95", "wis_scaled", "series",
    ]
    var table = Table(
      headers: keys, alignments: [.left] + Array(repeating: .right, count: keys.count - 1))
    for (group, a) in rows {
      for (h, x) in a.horizons.enumerated() {
        table.append([
          .text(group), .integer(h + 1), cell(x.smape, 2, digits: digits),
          cell(x.mase, 3, digits: digits), cell(x.coverage80.map { $0 * 100 }, 1, digits: digits),
          cell(x.coverage95.map { $0 * 100 }, 1, digits: digits),
          cell(x.scaledWIS, 3, digits: digits), .integer(x.seriesCount),
        ])
      }
    }
    return table
  }

  private func summaryTable(digits: Int?) -> Table {
    let keys =
      ["method"] + (1...Swift.max(1, horizon)).map { "smape_h\($0)" }
      + [
        "smape_avg_1_4", "smape_avg_1_\(horizon)", "mase", "coverage80", "coverage95",
        "wis_scaled", "series",
      ]
    var table = Table(
      headers: keys, alignments: [.left] + Array(repeating: .right, count: keys.count - 1))
    func cell(_ x: Double?, _ d: Int) -> Cell { self.cell(x, d, digits: digits) }
    for (group, a) in rows {
      var row: [Cell] = [.text(group)]
      row += a.smapeByHorizon.map { cell($0, 2) }
      row += [cell(a.smapeAverage1to4, 2), cell(a.smapeAverage, 2), cell(a.mase, 3)]
      row += [cell(a.coverage80.map { $0 * 100 }, 1), cell(a.coverage95.map { $0 * 100 }, 1)]
      row.append(cell(a.scaledWIS, 3))
      row.append(.integer(a.seriesCount))
      table.append(row)
    }
    return table
  }
}
