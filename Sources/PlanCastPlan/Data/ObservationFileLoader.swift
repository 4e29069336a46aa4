import Foundation

/// Reads the long-format data file (`city,indicator,year,value,unit,vintage,source,note`;
/// `vintage` optional) and validates every row against the model's declarations.
package enum ObservationFileLoader {
  static let requiredColumns = ["city", "indicator", "year", "value", "unit", "source", "note"]

  package static func load(path: String, config: ModelConfig, catalog: IndicatorCatalog)
    throws(ModelError) -> [Observation]
  {
    let file = SourceLocation(file: path, line: nil)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ModelError(
        .missingFile, at: file, "cannot read the data file",
        hint: "A model directory needs data/observations.csv (see Models/README.md).")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ModelError(.syntax, at: file, "the file is not UTF-8 text", hint: "Save it as UTF-8.")
    }
    let records: [CSVRecord]
    do {
      records = try CSVReader.parse(text)
    } catch let error as CSVSyntaxError {
      throw ModelError(
        .syntax, at: SourceLocation(file: path, line: error.line), field: error.field,
        error.message, hint: "Fix the CSV file (RFC 4180, one field per header column).")
    } catch {
      throw ModelError(.syntax, at: file, "\(error)", hint: "Fix the CSV file.")
    }
    guard let header = records.first else {
      throw ModelError(
        .missingField, at: file, "the file is empty",
        hint: "Start with the header line: \(requiredColumns.joined(separator: ",")).")
    }
    var column: [String: Int] = [:]
    for (i, name) in header.fields.enumerated() { column[name.trimmingWhitespace()] = i }
    for name in requiredColumns where column[name] == nil {
      throw ModelError(
        .missingField, at: SourceLocation(file: path, line: header.line), field: name,
        "the header has no '\(name)' column",
        hint: "The header must name: \(requiredColumns.joined(separator: ",")) (vintage optional).")
    }
    var seen: [String: Int] = [:]
    var observations: [Observation] = []
    for record in records.dropFirst() {
      let row = RowReader(
        record: record, column: column, path: path, headerCount: header.fields.count)
      let o = try row.observation(config: config, catalog: catalog)
      let key = "\(o.area)|\(o.indicator)|\(o.year)"
      if let first = seen[key] {
        if let earlier = observations.first(where: {
          $0.location.line == first && $0.vintage == o.vintage && $0.value != o.value
        }) {
          throw ModelError(
            .contradictingRow, at: o.location, field: "value",
            "\(o.value.description) for (\(o.area), \(o.indicator), \(o.year)) contradicts "
              + "\(earlier.value.description) on line \(first), of the same vintage "
              + "'\(o.vintage)'",
            hint:
              "A vintage has one value a year: correct the value, or give the row its own vintage and choose one in the build script."
          )
        }
        throw ModelError(
          .duplicateRow, at: o.location, field: "year",
          "a second row for (\(o.area), \(o.indicator), \(o.year)); the first is on line \(first)",
          hint:
            "Keep one vintage per series: delete one row, or change the selection rule in the build script and rebuild."
        )
      }
      seen[key] = record.line
      observations.append(o)
    }
    return observations
  }
}

/// Field access and checks for one data row.
private struct RowReader {
  let record: CSVRecord
  let column: [String: Int]
  let path: String
  let headerCount: Int

  var location: SourceLocation { SourceLocation(file: path, line: record.line) }

  func field(_ name: String) -> String {
    guard let i = column[name], i < record.fields.count else { return "" }
    return record.fields[i].trimmingWhitespace()
  }

  func fail(_ kind: ModelError.Kind, _ name: String, _ message: String, hint: String) -> ModelError
  {
    ModelError(kind, at: location, field: name, message, hint: hint)
  }

  func observation(config: ModelConfig, catalog: IndicatorCatalog) throws(ModelError)
    -> Observation
  {
    guard record.fields.count == headerCount else {
      throw fail(
        .syntax, "", "\(record.fields.count) fields, the header has \(headerCount)",
        hint: "Quote fields that contain commas (RFC 4180).")
    }
    let area = field("city")
    guard config.area(area) != nil else {
      let known = config.areas.map(\.id).joined(separator: ", ")
      throw fail(
        .unknownArea, "city", "'\(area)' is not an area declared in model.toml",
        hint: "Use one of \(known), or declare the area in model.toml.")
    }
    let indicatorID = field("indicator")
    guard let indicator = catalog[indicatorID] else {
      throw fail(
        .unknownIndicator, "indicator", "'\(indicatorID)' is not declared in indicators.toml",
        hint: "Declare it in indicators.toml (with unit and aggregation rule) or fix the name.")
    }
    let yearText = field("year")
    guard let year = PlainDecimal.integer(yearText) else {
      throw fail(
        .invalidNumber, "year", "'\(yearText)' is not a whole year",
        hint: "Write the year as e.g. 2021.")
    }
    guard config.yearRange.contains(year) else {
      throw fail(
        .yearOutOfRange, "year", "\(year) is outside \(config.firstYear)…\(config.lastYear)",
        hint: "Correct the year, or widen first_year/last_year in model.toml.")
    }
    let valueText = field("value")
    let value: Double
    switch PlainDecimal.parse(valueText) {
    case .value(let x): value = x
    case .notFinite:
      throw fail(
        .invalidNumber, "value", "'\(EchoText.short(valueText))' is not finite",
        hint: "Write a finite number.")
    case .empty, .notANumber:
      throw fail(
        .invalidNumber, "value", "'\(EchoText.short(valueText))' is not a number",
        hint:
          "Write a plain decimal number such as 1234.5 (no decimal comma, thousands separator, "
          + "hexadecimal or units).")
    }
    guard indicator.plausibleRange.contains(value) else {
      let range = indicator.plausibleRange
      let allowed =
        range.upperBound == .greatestFiniteMagnitude
        ? "at least \(range.lowerBound.formatted6)"
        : "\(range.lowerBound.formatted6) to \(range.upperBound.formatted6)"
      throw fail(
        .invalidValue, "value",
        "\(EchoText.short(valueText)) is not a plausible \(indicator.kind.rawValue) of \(indicatorID) "
          + "(allowed: \(allowed))",
        hint:
          "Check the sign, the unit and the decimal point; if the value is right, widen "
          + "`plausible = [low, high]` for \(indicatorID) in indicators.toml.")
    }
    let unit = field("unit")
    guard unit == indicator.unit else {
      let known = config.units[unit] != nil
      throw fail(
        .unknownUnit, "unit",
        known
          ? "'\(unit)' is not the unit of \(indicatorID) ('\(indicator.unit)')"
          : "'\(unit)' is not a unit declared in model.toml",
        hint: "Convert the value to \(indicator.unit) and write unit '\(indicator.unit)'.")
    }
    let source = field("source")
    guard !source.isEmpty else {
      throw fail(
        .missingField, "source", "the row has no source",
        hint: "Every value must say where it was read from.")
    }
    return Observation(
      area: area, indicator: indicatorID, year: year, value: value, unit: unit,
      vintage: field("vintage"), source: source, note: field("note"), location: location)
  }
}
