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

  /// The terminal view: the table in the chosen language with a unit column and numbers
  /// rounded to what they carry (probabilities to 3 decimals, quantities by their size, factor
  /// settings as given), and for two-axis grids a P(attain) table per target (rows: second
  /// axis, columns: first axis). CSV and JSON keep every digit.
  func text() -> String {
    var blocks: [String] = []
    let zh = language == .zh
    let points = result.design.rows.count
    blocks.append(
      zh
        ? "\(spec.method.rawValue) 敏感性扫描 · 情景 \(spec.scenario) · \(points) 个设计点 × "
          + "\(spec.draws) 次模拟(共同随机数) · 种子 \(spec.seed)"
        : "\(spec.method.rawValue) sweep · scenario \(spec.scenario) · \(points) points × "
          + "\(spec.draws) draws (common random numbers) · seed \(spec.seed)")
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
          (zh ? "实现概率" : "P(attain)") + " \(spec.targets[t].id) \(targetName(t)) "
            + "\(spec.targets[t].goal)\n\n" + TextTableRenderer.render(matrix))
      }
    } else {
      blocks.append(TextTableRenderer.render(displayTable()))
    }
    if spec.method == .sobol || spec.method == .morris {
      blocks.append(
        zh
          ? "–:该输出在扫描范围内不变,没有指数。"
          : "–: the output does not vary over the sweep, so it has no indices.")
    }
    if spec.method == .sobol {
      let correlated = !spec.correlations.isEmpty
      blocks.append(
        zh
          ? "S1:一阶指数(Saltelli 2010),ST:总效应指数(Jansen);*_conf:自助法95%半宽。"
            + (correlated ? "相关因素:按因素顺序给出独立基础正态变量的指数。" : "")
          : "S1: first-order (Saltelli 2010), ST: total (Jansen) Sobol indices; *_conf: bootstrap 95% half-width."
            + (correlated
              ? " Correlated factors: indices of the independent underlying normals, in factor order."
              : ""))
    }
    if spec.method == .morris {
      blocks.append(
        zh
          ? "基本效应按各因素 low…high 区间的单位计;μ* 用于排序,σ 提示非线性或交互作用。"
          : "Elementary effects per unit of each factor's low…high range; μ* ranks, σ flags non-linearity or interaction."
      )
    }
    return blocks.joined(separator: "\n\n")
  }

  /// The name of an output in the chosen language.
  func outputName(_ output: SweepOutput) -> String {
    guard language == .zh else { return output.rawValue }
    switch output {
    case .probability: return "实现概率"
    case .median: return "中位数"
    }
  }

  /// The unit of an output of target `t`: none for a probability, the target's for a median.
  func outputUnit(_ output: SweepOutput, target t: Int) -> String {
    output == .probability ? "–" : spec.targets[t].unit(zh: language == .zh) ?? "–"
  }

  /// The terminal table of oat, sobol and morris sweeps (grids print their points).
  func displayTable() -> Table {
    let zh = language == .zh
    func fixed(_ x: Double?, _ digits: Int) -> String {
      x.map { NumberText.fixed($0, digits: digits) } ?? "–"
    }
    switch spec.method {
    case .oat:
      var table = Table(
        headers: zh
          ? ["目标", "输出", "单位", "因素", "低值", "高值", "基准", "低值时", "高值时", "摆幅"]
          : [
            "target", "output", "unit", "factor", "low", "high", "base", "at low", "at high",
            "swing",
          ],
        alignments: [.left, .left, .left, .left] + Array(repeating: .right, count: 6),
        keys: [
          "target", "output", "unit", "factor", "low", "high", "base", "at_low", "at_high", "swing",
        ])
      for e in result.oneAtATime() {
        let digits =
          e.output == .probability ? 3 : NumberText.decimals(bySizeOf: [e.base, e.atLow, e.atHigh])
        table.append([
          spec.targets[e.target].id, outputName(e.output), outputUnit(e.output, target: e.target),
          e.factor, NumberText.plain(e.low), NumberText.plain(e.high), fixed(e.base, digits),
          fixed(e.atLow, digits), fixed(e.atHigh, digits), fixed(e.swing, digits),
        ])
      }
      return table
    case .grid:
      var table = Table(
        headers: (zh ? ["设计点"] : ["point"]) + result.design.columns
          + (zh
            ? ["目标", "实现概率", "中位数", "80%区间", "单位"]
            : ["target", "probability", "median", "80% interval", "unit"]),
        alignments: [.right] + result.design.columns.map { _ in .right }
          + [.left, .right, .right, .right, .left])
      for (p, row) in result.design.rows.enumerated() {
        for (t, o) in result.outcomes[p].enumerated() {
          let digits = NumberText.decimals(bySizeOf: [o.median])
          table.append(
            ["\(p)"] + row.map { $0.map(NumberText.plain) ?? "–" }
              + [
                spec.targets[t].id, fixed(o.probability, 3), fixed(o.median, digits),
                "\(fixed(o.lo80, digits)) – \(fixed(o.hi80, digits))",
                outputUnit(.median, target: t),
              ])
        }
      }
      return table
    case .sobol:
      var table = Table(
        headers: (zh ? ["目标", "输出", "因素"] : ["target", "output", "factor"])
          + ["S1", "S1_conf", "ST", "ST_conf"],
        alignments: [.left, .left, .left, .right, .right, .right, .right])
      for (t, output, indices) in result.sobol() {
        for (j, name) in result.design.columns.enumerated() {
          let i = indices?[j]
          table.append([
            spec.targets[t].id, outputName(output), name, fixed(i?.first, 3),
            fixed(i?.firstConfidence, 3), fixed(i?.total, 3), fixed(i?.totalConfidence, 3),
          ])
        }
      }
      return table
    case .morris:
      var table = Table(
        headers: (zh ? ["目标", "输出", "单位", "因素"] : ["target", "output", "unit", "factor"])
          + ["μ", "μ*", "μ*_conf", "σ"],
        alignments: [.left, .left, .left, .left, .right, .right, .right, .right])
      for (t, output, indices) in result.morris() {
        for (j, name) in result.design.columns.enumerated() {
          let i = indices?[j]
          let digits =
            output == .probability
            ? 3
            : NumberText.decimals(
              bySizeOf: [i?.meanAbsolute, i?.standardDeviation].compactMap { $0 })
          table.append([
            spec.targets[t].id, outputName(output), outputUnit(output, target: t), name,
            fixed(i?.mean, digits), fixed(i?.meanAbsolute, digits),
            fixed(i?.meanAbsoluteConfidence, digits), fixed(i?.standardDeviation, digits),
          ])
        }
      }
      return table
    }
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
    let zh = language == .zh
    let subtitle =
      zh
      ? "情景 \(spec.scenario),每个设计点 \(spec.draws) 次模拟,共同随机数"
      : "scenario \(spec.scenario), \(spec.draws) draws per point, common random numbers"
    switch spec.method {
    case .oat:
      let effects = result.oneAtATime().filter { $0.target == t && $0.output == .probability }
      return TornadoChart.svg(
        TornadoChartData(
          title: (zh ? "影响实现概率的因素:" : "What moves P(attain): ") + label,
          subtitle: subtitle,
          valueTitle: zh
            ? "\(spec.targets[t].id) 的实现概率" : "probability of meeting \(spec.targets[t].id)",
          baseline: effects.first?.base ?? .nan, baselineLabel: zh ? "情景" : "scenario",
          lowLabel: zh ? "低值" : "low", highLabel: zh ? "高值" : "high",
          noEffectLabel: zh ? "无影响" : "no effect",
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
          title: (zh ? "实现概率 " : "P(attain) ") + label,
          subtitle: subtitle,
          xTitle: grid.x.name, yTitle: grid.y.name, xLabels: grid.xs.map { NumberText.plain($0) },
          yLabels: grid.ys.map { NumberText.plain($0) },
          values: grid.ys.indices.map { r in
            grid.xs.indices.map { c in result.outcomes[grid.point(c, r)][t].probability }
          },
          valueTitle: zh
            ? "\(spec.targets[t].id) 的实现概率" : "probability of meeting \(spec.targets[t].id)",
          domain: 0...1,
          percent: true))
    case .sobol, .morris:
      throw CLIFailure.usage("--chart draws oat (tornado) and two-axis grid (heat map) sweeps")
    }
  }
}
