import Foundation
import PlanCastPlan
import PlanCastReports
import PlanCastSensitivity

/// Renders a sweep result: a tidy table (CSV, Markdown, terminal), JSON, and SVG charts.
struct SweepReport {
  let result: SweepResult
  let language: Language

  var spec: SweepSpec { result.spec }

  func targetName(_ t: Int) -> String {
    language == .zh ? spec.targets[t].nameZH : spec.targets[t].nameEN
  }

  /// One row per (target, output, factor) for oat, sobol and morris; per (point, target) for
  /// grid. Numbers keep full precision.
  func tidyTable() -> Table {
    switch spec.method {
    case .oat:
      var table = Table(
        headers: [
          "target", "output", "factor", "low", "high", "base", "at_low", "at_high", "swing",
        ])
      for e in result.oneAtATime() {
        table.append([
          .text(spec.targets[e.target].id), .text(e.output.rawValue), .text(e.factor),
          .number(e.low), .number(e.high), .number(e.base), .number(e.atLow), .number(e.atHigh),
          .number(e.swing),
        ])
      }
      return table
    case .grid:
      var table = Table(
        headers: ["point"] + result.design.columns
          + ["target", "probability", "median", "lo80", "hi80"])
      for (p, row) in result.design.rows.enumerated() {
        for (t, o) in result.outcomes[p].enumerated() {
          table.append(
            [.integer(p)] + row.map { Cell.number($0) }
              + [
                .text(spec.targets[t].id), .number(o.probability), .number(o.median),
                .number(o.lo80), .number(o.hi80),
              ])
        }
      }
      return table
    case .sobol:
      var table = Table(
        headers: ["target", "output", "factor", "S1", "S1_conf", "ST", "ST_conf"])
      for (t, output, indices) in result.sobol() {
        for (j, name) in result.design.columns.enumerated() {
          let i = indices?[j]
          table.append([
            .text(spec.targets[t].id), .text(output.rawValue), .text(name),
            .number(i?.first), .number(i?.firstConfidence), .number(i?.total),
            .number(i?.totalConfidence),
          ])
        }
      }
      return table
    case .morris:
      var table = Table(
        headers: ["target", "output", "factor", "mu", "mu_star", "mu_star_conf", "sigma"])
      for (t, output, indices) in result.morris() {
        for (j, name) in result.design.columns.enumerated() {
          let i = indices?[j]
          table.append([
            .text(spec.targets[t].id), .text(output.rawValue), .text(name), .number(i?.mean),
            .number(i?.meanAbsolute), .number(i?.meanAbsoluteConfidence),
            .number(i?.standardDeviation),
          ])
        }
      }
      return table
    }
  }

  func json() -> JSONValue {
    let table = tidyTable()
    var pairs: [(String, JSONValue)] = [
      ("method", .string(spec.method.rawValue)), ("model", .string(spec.model)),
      ("scenario", .string(spec.scenario)), ("seed", .uint(spec.seed)),
      ("draws_per_point", .int(spec.draws)), ("points", .int(result.design.rows.count)),
    ]
    if spec.method == .sobol || spec.method == .morris {
      pairs.append(("samples", .int(spec.samples)))
      pairs.append(("bootstrap_resamples", .int(spec.resamples)))
    }
    if spec.method == .morris { pairs.append(("levels", .int(spec.levels))) }
    if spec.method == .grid {
      pairs.append(
        (
          "axes",
          .array(
            spec.axes.map {
              .object([
                ("name", .string($0.name)), ("start", .double($0.start)),
                ("stop", .double($0.stop)), ("step", .double($0.step)),
              ])
            })
        ))
    } else {
      pairs.append(
        (
          "factors",
          .array(
            spec.factors.map {
              .object([
                ("name", .string($0.name)), ("low", .double($0.low)), ("high", .double($0.high)),
                ("distribution", .string($0.distribution.text)),
              ])
            })
        ))
    }
    if !spec.correlations.isEmpty {
      pairs.append(
        (
          "correlations",
          .array(
            spec.correlations.map {
              .object([
                ("first", .string($0.first)), ("second", .string($0.second)),
                ("rho", .double($0.rho)),
              ])
            })
        ))
    }
    pairs.append(
      (
        "targets",
        .array(
          spec.targets.indices.map { t in
            .object([
              ("id", .string(spec.targets[t].id)), ("name", .string(targetName(t))),
              ("goal", .string(spec.targets[t].goal)),
            ])
          })
      ))
    pairs.append(
      (
        "results",
        .array(
          table.rows.map { row in .object(zip(table.keys, row).map { ($0, $1.json) }) })
      ))
    if let grid = twoWay() {
      pairs.append(
        (
          "heat_maps",
          .array(
            spec.targets.indices.map { t in
              .object([
                ("target", .string(spec.targets[t].id)), ("x", .string(grid.x.name)),
                ("y", .string(grid.y.name)), ("x_values", .array(grid.xs.map(JSONValue.double))),
                ("y_values", .array(grid.ys.map(JSONValue.double))),
                (
                  "probability",
                  .array(
                    grid.ys.indices.map { r in
                      .array(
                        grid.xs.indices.map { c in
                          .double(result.outcomes[grid.point(c, r)][t].probability)
                        })
                    })
                ),
              ])
            })
        ))
    }
    return .object(pairs)
  }

  /// A two-axis grid: x is the first axis, y the second; point index by (column, row).
  struct TwoWay {
    let x: GridAxis
    let y: GridAxis
    let xs: [Double]
    let ys: [Double]
    func point(_ c: Int, _ r: Int) -> Int { c * ys.count + r }
  }

  func twoWay() -> TwoWay? {
    guard spec.method == .grid, spec.axes.count == 2 else { return nil }
    return TwoWay(
      x: spec.axes[0], y: spec.axes[1], xs: spec.axes[0].values, ys: spec.axes[1].values)
  }

  /// The terminal view: the tidy table with rounded numbers, and for two-axis grids a
  /// P(attain) table per target (rows: second axis, columns: first axis).
  func text() -> String {
    var blocks: [String] = []
    var head = "\(spec.method.rawValue) sweep · scenario \(spec.scenario) · "
    head +=
      "\(result.design.rows.count) points × \(spec.draws) draws (common random numbers) · seed \(spec.seed)"
    blocks.append(head)
    var table = tidyTable()
    table.alignments =
      table.rows.first.map { $0.map { $0.isNumeric ? .right : .left } } ?? table.alignments
    table.rows = table.rows.map { row in
      row.map { cell in
        switch cell {
        case .number(let x): return .text(NumberText.fixed(x, digits: 4))
        case .empty: return .text("–")
        default: return cell
        }
      }
    }
    if let grid = twoWay() {
      for t in spec.targets.indices {
        var matrix = Table(
          headers: ["\(grid.y.name) \\ \(grid.x.name)"] + grid.xs.map { NumberText.plain($0) },
          alignments: [.left] + grid.xs.map { _ in .right })
        for (r, y) in grid.ys.enumerated() {
          matrix.append(
            [NumberText.plain(y)]
              + grid.xs.indices.map {
                NumberText.fixed(result.outcomes[grid.point($0, r)][t].probability, digits: 3)
              })
        }
        blocks.append(
          "P(attain) \(spec.targets[t].id) \(targetName(t)) \(spec.targets[t].goal)\n\n"
            + TextTableRenderer.render(matrix))
      }
    } else {
      blocks.append(TextTableRenderer.render(table))
    }
    if spec.method == .sobol || spec.method == .morris {
      blocks.append("–: the output does not vary over the sweep, so it has no indices.")
    }
    if spec.method == .sobol {
      blocks.append(
        "S1: first-order (Saltelli 2010), ST: total (Jansen) Sobol indices; *_conf: bootstrap 95% half-width."
          + (spec.correlations.isEmpty
            ? ""
            : " Correlated factors: indices of the independent underlying normals, in factor order.")
      )
    }
    if spec.method == .morris {
      blocks.append(
        "Elementary effects per unit of each factor's low…high range; μ* ranks, σ flags non-linearity or interaction."
      )
    }
    return blocks.joined(separator: "\n\n")
  }

  /// Prints in `format` and writes `chart` when asked.
  func emit(format: OutputFormat, chart: String?, chartTarget: String?) throws {
    var svg: String?
    if let chart {
      let t: Int
      if let chartTarget {
        guard let k = spec.targets.firstIndex(where: { $0.id == chartTarget }) else {
          throw CLIFailure.usage(
            "--target \(chartTarget) has no probability; targets: "
              + spec.targets.map(\.id).joined(separator: ", "))
        }
        t = k
      } else {
        t = 0
      }
      guard !spec.targets.isEmpty else { throw CLIFailure.data("no target has a probability") }
      svg = try self.chart(target: t)
      _ = chart
    }
    switch format {
    case .json: print(json().render())
    case .csv, .markdown: print(format.render(tidyTable()), terminator: "")
    case .table: print(text())
    }
    if let chart, let svg {
      do { try AtomicFile.write(Data(svg.utf8), to: chart, overwrite: true) } catch {
        throw CLIFailure.data(error.description)
      }
    }
  }

  func chart(target t: Int) throws -> String {
    let label = "\(spec.targets[t].id) \(targetName(t)) \(spec.targets[t].goal)"
    switch spec.method {
    case .oat:
      let effects = result.oneAtATime().filter { $0.target == t && $0.output == .probability }
      return TornadoChart.svg(
        TornadoChartData(
          title: "What moves P(attain): \(label)",
          subtitle:
            "scenario \(spec.scenario), \(spec.draws) draws per point, common random numbers",
          valueTitle: "probability of meeting \(spec.targets[t].id)",
          baseline: effects.first?.base ?? .nan, baselineLabel: "scenario",
          lowLabel: "low", highLabel: "high",
          bars: effects.map {
            .init(
              label: $0.factor, low: $0.atLow, high: $0.atHigh,
              lowSetting: NumberText.plain($0.low), highSetting: NumberText.plain($0.high))
          }))
    case .grid:
      guard let grid = twoWay() else {
        throw CLIFailure.usage("a heat map needs a grid with exactly two --vary axes")
      }
      return HeatMap.svg(
        HeatMapData(
          title: "P(attain) \(label)",
          subtitle:
            "scenario \(spec.scenario), \(spec.draws) draws per point, common random numbers",
          xTitle: grid.x.name, yTitle: grid.y.name, xLabels: grid.xs.map { NumberText.plain($0) },
          yLabels: grid.ys.map { NumberText.plain($0) },
          values: grid.ys.indices.map { r in
            grid.xs.indices.map { c in result.outcomes[grid.point(c, r)][t].probability }
          },
          valueTitle: "probability of meeting \(spec.targets[t].id)", domain: 0...1,
          percent: true))
    case .sobol, .morris:
      throw CLIFailure.usage("--chart draws oat (tornado) and two-axis grid (heat map) sweeps")
    }
  }
}
