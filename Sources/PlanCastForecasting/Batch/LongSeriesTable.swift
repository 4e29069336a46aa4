import PlanCastPlan

/// A problem in a long-format series file, located by file, line and field.
public struct SeriesFileError: Error, Sendable, Equatable, CustomStringConvertible {
  public let file: String
  /// 1-based line of the record, `nil` for problems of the whole file.
  public let line: Int?
  /// The column the problem is in, when there is one.
  public let field: String?
  public let message: String

  public init(file: String, line: Int?, field: String?, message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }

  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    if let field { text += ": field '\(field)'" }
    return text + ": " + message
  }
}

/// Many yearly series in long format: one row per series and year, columns `series_id`, `year`
/// and `value` (names case-insensitive, in any order, other columns ignored). Rows may come in
/// any order; years may have gaps. Series keep the order of their first row, years are sorted.
public struct LongSeriesTable: Sendable {
  /// The series, in the order of their first appearance; each ``YearlySeries/name`` is its id.
  public let series: [YearlySeries]

  public init(series: [YearlySeries]) {
    self.series = series
  }

  /// The required columns.
  public static let columns = ["series_id", "year", "value"]

  /// Parses CSV text; `file` names the source in errors.
  /// - Throws: ``SeriesFileError`` for a syntax error, a missing column, an empty series id, a
  ///   year that is not an integer, a value that is empty, not a number or not finite (NaN, inf),
  ///   or a second row for the same series and year.
  public static func parse(_ text: String, file: String) throws -> LongSeriesTable {
    let records: [CSVRecord]
    do {
      records = try CSVReader.parse(text)
    } catch let error as CSVSyntaxError {
      throw SeriesFileError(file: file, line: error.line, field: nil, message: error.message)
    }
    guard let header = records.first else {
      throw SeriesFileError(
        file: file, line: nil, field: nil,
        message: "the file is empty; expected a header series_id,year,value")
    }
    let names = header.fields.map { $0.trimmingWhitespace.lowercased() }
    var index: [Int] = []
    for column in columns {
      guard let k = names.firstIndex(of: column) else {
        throw SeriesFileError(
          file: file, line: header.line, field: column,
          message:
            "missing column '\(column)'; the header must name series_id, year and value "
            + "(found: \(header.fields.joined(separator: ",")))")
      }
      index.append(k)
    }
    var order: [String] = []
    var rows: [String: [(year: Int, value: Double, line: Int)]] = [:]
    for record in records.dropFirst() {
      func cell(_ k: Int) throws -> String {
        guard index[k] < record.fields.count else {
          throw SeriesFileError(
            file: file, line: record.line, field: columns[k],
            message:
              "the row has \(record.fields.count) fields and no '\(columns[k])' (header has "
              + "\(header.fields.count))")
        }
        return record.fields[index[k]].trimmingWhitespace
      }
      let id = try cell(0)
      guard !id.isEmpty else {
        throw SeriesFileError(
          file: file, line: record.line, field: "series_id", message: "empty series id")
      }
      let yearText = try cell(1)
      guard let year = Int(yearText) else {
        throw SeriesFileError(
          file: file, line: record.line, field: "year",
          message: "'\(yearText)' is not a whole year")
      }
      let valueText = try cell(2)
      guard !valueText.isEmpty else {
        throw SeriesFileError(
          file: file, line: record.line, field: "value",
          message: "empty value; leave the row out for a year without data")
      }
      guard let value = Double(valueText) else {
        throw SeriesFileError(
          file: file, line: record.line, field: "value", message: "'\(valueText)' is not a number")
      }
      guard value.isFinite else {
        throw SeriesFileError(
          file: file, line: record.line, field: "value",
          message: "'\(valueText)' is not a finite number; leave the row out for a missing year")
      }
      if rows[id] == nil {
        order.append(id)
        rows[id] = []
      }
      rows[id]!.append((year, value, record.line))
    }
    guard !order.isEmpty else {
      throw SeriesFileError(file: file, line: nil, field: nil, message: "the file has no data rows")
    }
    var series: [YearlySeries] = []
    series.reserveCapacity(order.count)
    for id in order {
      let sorted = rows[id]!.sorted { ($0.year, $0.line) < ($1.year, $1.line) }
      for k in sorted.indices.dropFirst() where sorted[k].year == sorted[k - 1].year {
        throw SeriesFileError(
          file: file, line: sorted[k].line, field: "year",
          message:
            "series '\(id)' has year \(sorted[k].year) twice (also on line \(sorted[k - 1].line))")
      }
      series.append(
        try YearlySeries(name: id, years: sorted.map(\.year), values: sorted.map(\.value)))
    }
    return LongSeriesTable(series: series)
  }
}

extension String {
  var trimmingWhitespace: String {
    var scalars = Substring(self)
    while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
    while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
    return String(scalars)
  }
}
