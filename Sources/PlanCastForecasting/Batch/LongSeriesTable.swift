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

  /// Reads the long-format CSV file at `path`, streaming (memory grows with the series, not
  /// with the text).
  /// - Throws: ``SeriesFileError`` for everything ``parse(_:file:mode:)`` refuses, and for a
  ///   file that is missing, a directory or unreadable.
  public static func read(path: String, mode: CSVMode = .strict) throws -> LongSeriesTable {
    var builder = LongSeriesBuilder(file: path)
    do {
      try CSVReader.read(
        path: path, mode: mode, header: { names, line in try builder.header(names, line: line) },
        row: { row in try builder.add(row) })
    } catch let error as CSVSyntaxError {
      throw SeriesFileError(
        file: path, line: error.line, field: error.field, message: error.message)
    } catch let error as InputFileError {
      throw SeriesFileError(file: path, line: nil, field: nil, message: error.reason)
    }
    return try builder.table()
  }

  /// Parses CSV text; `file` names the source in errors.
  /// - Throws: ``SeriesFileError`` for a CSV syntax error (see ``CSVReader``: quoting, control
  ///   bytes, an empty or repeated header name, a row whose field count differs from the
  ///   header's), a missing column, an empty series id, a year that is not an integer, a value
  ///   that is empty, not a plain decimal number or not finite (NaN, inf), or a second row for
  ///   the same series and year.
  public static func parse(_ text: String, file: String, mode: CSVMode = .strict) throws
    -> LongSeriesTable
  {
    var builder = LongSeriesBuilder(file: file)
    let records: [CSVRecord]
    do {
      records = try CSVReader.parse(text, mode: mode)
    } catch let error as CSVSyntaxError {
      throw SeriesFileError(
        file: file, line: error.line, field: error.field, message: error.message)
    }
    if let header = records.first { try builder.header(header.fields, line: header.line) }
    for record in records.dropFirst() { try builder.add(record) }
    return try builder.table()
  }
}

/// Collects the rows of a long-format file into series, checking each cell. Each series' years
/// and values go straight into the arrays the series will hold (and the lines, for error
/// messages, as 32-bit numbers), so reading costs about 20 bytes a row beyond the result.
private struct LongSeriesBuilder {
  let file: String
  private var index: [Int] = []
  private var order: [String] = []
  private var position: [String: Int] = [:]
  private var years: [[Int]] = []
  private var values: [[Double]] = []
  private var lines: [[Int32]] = []

  init(file: String) {
    self.file = file
  }

  private func fail(_ line: Int?, _ field: String?, _ message: String) -> SeriesFileError {
    SeriesFileError(file: file, line: line, field: field, message: message)
  }

  private static func notAYear(_ text: String) -> String {
    let range = YearlySeries.calendarYears
    return
      "'\(EchoText.short(text))' is not a year (a whole number \(range.lowerBound)…\(range.upperBound))"
  }

  mutating func header(_ names: [String], line: Int) throws {
    let lower = names.map { $0.lowercased() }
    for column in LongSeriesTable.columns {
      guard let k = lower.firstIndex(of: column) else {
        throw fail(
          line, column,
          "missing column '\(column)'; the header must name series_id, year and value "
            + "(found: \(EchoText.list(names)))")
      }
      index.append(k)
    }
  }

  mutating func add(_ row: CSVRow) throws {
    let id = try row.string(index[0]).trimmingWhitespace
    guard let year = row.integer(index[1]), YearlySeries.calendarYears.contains(year) else {
      let text = try row.string(index[1]).trimmingWhitespace
      throw fail(row.line, "year", Self.notAYear(text))
    }
    let value: Double
    switch row.number(index[2]) {
    case .value(let x): value = x
    case .empty:
      throw fail(row.line, "value", "empty value; leave the row out for a year without data")
    case .notFinite:
      let text = try row.string(index[2]).trimmingWhitespace
      throw fail(
        row.line, "value",
        "'\(EchoText.short(text))' is not a finite number; leave the row out for a missing year")
    case .notANumber:
      let text = try row.string(index[2]).trimmingWhitespace
      throw fail(
        row.line, "value",
        "'\(EchoText.short(text))' is not a number (plain decimals only, such as 1234.5: no "
          + "decimal comma, thousands separator or hexadecimal)")
    }
    try add(id: id, year: year, value: value, line: row.line)
  }

  mutating func add(_ record: CSVRecord) throws {
    let id = record.fields[index[0]].trimmingWhitespace
    let yearText = record.fields[index[1]].trimmingWhitespace
    guard let year = PlainDecimal.integer(yearText), YearlySeries.calendarYears.contains(year)
    else { throw fail(record.line, "year", Self.notAYear(yearText)) }
    let valueText = record.fields[index[2]]
    switch PlainDecimal.parse(valueText) {
    case .value(let x): try add(id: id, year: year, value: x, line: record.line)
    case .empty:
      throw fail(record.line, "value", "empty value; leave the row out for a year without data")
    case .notFinite:
      throw fail(
        record.line, "value",
        "'\(EchoText.short(valueText.trimmingWhitespace))' is not a finite number; leave the row "
          + "out for a missing year")
    case .notANumber:
      throw fail(
        record.line, "value",
        "'\(EchoText.short(valueText.trimmingWhitespace))' is not a number (plain decimals only, "
          + "such as 1234.5: no decimal comma, thousands separator or hexadecimal)")
    }
  }

  private mutating func add(id: String, year: Int, value: Double, line: Int) throws {
    guard !id.isEmpty else { throw fail(line, "series_id", "empty series id") }
    let k: Int
    if let known = position[id] {
      k = known
    } else {
      k = order.count
      position[id] = k
      order.append(id)
      years.append([])
      values.append([])
      lines.append([])
    }
    years[k].append(year)
    values[k].append(value)
    lines[k].append(Int32(clamping: line))
  }

  /// The series, in order of first appearance; each one's rows sorted by year (then line).
  mutating func table() throws -> LongSeriesTable {
    guard !index.isEmpty else {
      throw fail(nil, nil, "the file is empty; expected a header series_id,year,value")
    }
    guard !order.isEmpty else { throw fail(nil, nil, "the file has no data rows") }
    var series: [YearlySeries] = []
    series.reserveCapacity(order.count)
    for (k, id) in order.enumerated() {
      var y = years[k]
      var v = values[k]
      let increasing = zip(y, y.dropFirst()).allSatisfy { $0 < $1 }
      if !increasing {
        let line = lines[k]
        let sorted = y.indices.sorted { (y[$0], line[$0]) < (y[$1], line[$1]) }
        for (a, b) in zip(sorted, sorted.dropFirst()) where y[a] == y[b] {
          throw fail(
            Int(line[b]), "year", "series '\(id)' has year \(y[b]) twice (also on line \(line[a]))")
        }
        y = sorted.map { y[$0] }
        v = sorted.map { v[$0] }
      }
      // Release the builder's copies, so the series hold the only reference to their arrays.
      years[k] = []
      values[k] = []
      lines[k] = []
      series.append(try YearlySeries(name: id, years: y, values: v))
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
