import Foundation
import PlanCastForecasting
import PlanCastPlan

/// Series of the repository's embedded CZT model for tests on real data.
enum CZTData {
  static var directory: String {
    URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Models/czt-2025").path
  }

  static func model() throws -> PlanModel { try PlanModel.load(directory: directory) }

  /// The series PlanCast uses for (area, indicator): observed for a city or reference area;
  /// computed, published or proxy for a region.
  static func series(area: String, indicator: String) throws -> YearlySeries {
    let data = try model().data
    let s = data.series(area: area, indicator: indicator)
    return try YearlySeries(
      name: "\(area) \(indicator)", years: s?.years ?? [], values: s?.values ?? [])
  }
}
