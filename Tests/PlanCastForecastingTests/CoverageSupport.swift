import PlanCastForecasting
import PlanCastNumerics

/// Measures interval coverage: fits `model` to many simulated series and counts how often the
/// held-out future values fall inside the 80% and 95% intervals.
struct CoverageStudy {
  var hits80 = 0
  var hits95 = 0
  var total = 0

  var coverage80: Double { Double(hits80) / Double(total) }
  var coverage95: Double { Double(hits95) / Double(total) }

  mutating func record(_ forecast: Forecast, actual: [Double]) {
    for (point, value) in zip(forecast.points, actual) {
      total += 1
      if value >= point.lo80 && value <= point.hi80 { hits80 += 1 }
      if value >= point.lo95 && value <= point.hi95 { hits95 += 1 }
    }
  }
}

/// A yearly series of `values` from `year` on, consecutive years.
func yearlySeries(_ name: String, _ values: [Double], from year: Int = 2001) throws
  -> YearlySeries
{
  try YearlySeries(name: name, years: Array(year..<(year + values.count)), values: values)
}
