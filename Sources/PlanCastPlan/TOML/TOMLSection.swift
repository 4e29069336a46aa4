import TOMLKit

/// One table of a TOML file with typed, checked field access; every failure is a
/// ``ModelError`` naming file, line and field.
struct TOMLSection {
  let document: TOMLDocument
  let table: TOMLTable
  /// The header name (`units` for `[units]`, `targets` for `[[targets]]`).
  let section: String
  /// The occurrence index for `[[section]]` entries.
  let index: Int?

  var keys: [String] { table.keys }
  var headerLine: Int? { document.lines.line(section: section, index: index, key: nil) }

  func location(_ key: String?) -> SourceLocation {
    document.location(section: section, index: index, key: key)
  }

  func has(_ key: String) -> Bool { table[key] != nil }

  func error(_ key: String, _ kind: ModelError.Kind, _ message: String, hint: String) -> ModelError
  {
    ModelError(kind, at: location(key), field: key, message, hint: hint)
  }

  func error(_ key: String, _ message: String, hint: String) -> ModelError {
    error(key, .invalidValue, message, hint: hint)
  }

  private func missing(_ key: String) -> ModelError {
    ModelError(
      .missingField, at: location(nil), field: key,
      "[\(section)] has no '\(key)'", hint: "Add '\(key) = …' to this table (see Models/README.md)."
    )
  }

  func string(_ key: String) throws(ModelError) -> String {
    guard let value = table[key] else { throw missing(key) }
    guard let s = value.string else {
      throw error(key, "expected a string", hint: "Quote the value: \(key) = \"…\".")
    }
    return s
  }

  func optionalString(_ key: String) throws(ModelError) -> String? {
    table[key] == nil ? nil : try string(key)
  }

  func int(_ key: String) throws(ModelError) -> Int {
    guard let value = table[key] else { throw missing(key) }
    guard let i = value.int else {
      throw error(key, "expected an integer", hint: "Write a whole number, e.g. \(key) = 2025.")
    }
    return i
  }

  func optionalInt(_ key: String) throws(ModelError) -> Int? {
    table[key] == nil ? nil : try int(key)
  }

  /// A finite number; TOML integers are accepted.
  func double(_ key: String) throws(ModelError) -> Double {
    guard let value = table[key] else { throw missing(key) }
    let number: Double? = value.double ?? value.int.map(Double.init)
    guard let number else {
      throw error(
        key, .invalidNumber, "expected a number", hint: "Write a number, e.g. \(key) = 1.5.")
    }
    guard number.isFinite else {
      throw error(key, .invalidNumber, "the number is not finite", hint: "Write a finite number.")
    }
    return number
  }

  func optionalDouble(_ key: String) throws(ModelError) -> Double? {
    table[key] == nil ? nil : try double(key)
  }

  func stringArray(_ key: String) throws(ModelError) -> [String] {
    guard let value = table[key] else { throw missing(key) }
    guard let array = value.array else {
      throw error(key, "expected an array of strings", hint: "Write \(key) = [\"a\", \"b\"].")
    }
    var out: [String] = []
    for element in array {
      guard let s = element.string else {
        throw error(key, "expected an array of strings", hint: "Write \(key) = [\"a\", \"b\"].")
      }
      out.append(s)
    }
    return out
  }

  /// An optional array of break years: each at most once.
  func optionalBreakYears(_ key: String) throws(ModelError) -> [Int]? {
    guard let years = try optionalIntArray(key) else { return nil }
    var seen: Set<Int> = []
    for year in years where !seen.insert(year).inserted {
      throw error(
        key, "two breaks in \(year): a year can start a new basis only once",
        hint: "List each break year once.")
    }
    return years
  }

  func optionalIntArray(_ key: String) throws(ModelError) -> [Int]? {
    guard let value = table[key] else { return nil }
    guard let array = value.array else {
      throw error(key, "expected an array of integers", hint: "Write \(key) = [2019].")
    }
    var out: [Int] = []
    for element in array {
      guard let i = element.int else {
        throw error(key, "expected an array of integers", hint: "Write \(key) = [2019].")
      }
      out.append(i)
    }
    return out
  }

  /// An array of finite numbers (TOML integers accepted).
  func doubleArray(_ key: String) throws(ModelError) -> [Double] {
    guard let value = table[key] else { throw missing(key) }
    guard let array = value.array else {
      throw error(key, "expected an array of numbers", hint: "Write \(key) = [1.5, 2].")
    }
    var out: [Double] = []
    for element in array {
      guard let x = element.double ?? element.int.map(Double.init), x.isFinite else {
        throw error(
          key, .invalidNumber, "expected an array of finite numbers",
          hint: "Write \(key) = [1.5, 2].")
      }
      out.append(x)
    }
    return out
  }

  /// A nested table (inline or not), or nil if absent.
  func subtable(_ key: String) throws(ModelError) -> TOMLSection? {
    guard let value = table[key] else { return nil }
    guard let t = value.table else {
      throw error(key, "expected a table", hint: "Write \(key) = { … }.")
    }
    return TOMLSection(document: document, table: t, section: section, index: index)
  }

  /// Parses the string field `key` into an enum, listing the allowed values on failure.
  func choice<E: RawRepresentable & CaseIterable>(_ key: String, as: E.Type) throws(ModelError) -> E
  where E.RawValue == String {
    let raw = try string(key)
    guard let value = E(rawValue: raw) else {
      let names = E.allCases.map(\.rawValue)
      let allowed = names.map { "\"\($0)\"" }.joined(separator: ", ")
      throw error(
        key, "'\(raw)' is not one of \(allowed)",
        hint: "Use one of \(allowed).\(NameSuggestion.didYouMean(raw, among: names))")
    }
    return value
  }

  /// Fails if the table has keys outside `allowed` (catches typos such as `comparater`).
  func rejectUnknownKeys(_ allowed: Set<String>) throws(ModelError) {
    for key in keys.sorted() where !allowed.contains(key) {
      throw error(
        key, "unknown key '\(key)'",
        hint: "Remove it or use one of: \(allowed.sorted().joined(separator: ", "))."
          + NameSuggestion.didYouMean(key, among: allowed))
    }
  }
}
