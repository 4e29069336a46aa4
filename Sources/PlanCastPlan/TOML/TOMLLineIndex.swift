/// Finds the line of a key in a TOML text, so that errors found after parsing can name it.
///
/// TOMLKit reports lines for syntax errors only. This index scans the raw lines and
/// remembers, for each `key =` line, the table header it sits under (`[name]`, or
/// `[[name]]` with its 0-based occurrence index). It understands the subset of TOML that
/// model files use; if a key cannot be found, the header's line (or nil) is returned.
struct TOMLLineIndex: Sendable {
  private struct Key: Hashable {
    let section: String
    let index: Int?
    let key: String
  }

  private var keys: [Key: Int] = [:]
  private var headers: [Key: Int] = [:]

  init(text: String) {
    var section = ""
    var index: Int?
    var arrayCounts: [String: Int] = [:]
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let line = offset + 1
      let trimmed = raw.trimmingWhitespace()
      if trimmed.hasPrefix("[[") {
        let name = String(trimmed.dropFirst(2).prefix { $0 != "]" }).trimmingWhitespace()
        let n = arrayCounts[name, default: 0]
        arrayCounts[name] = n + 1
        section = name
        index = n
        headers[Key(section: name, index: n, key: "")] = line
      } else if trimmed.hasPrefix("[") {
        section = String(trimmed.dropFirst().prefix { $0 != "]" }).trimmingWhitespace()
        index = nil
        headers[Key(section: section, index: nil, key: "")] = line
      } else if let eq = trimmed.firstIndex(of: "="), !trimmed.hasPrefix("#") {
        let key = String(trimmed[..<eq]).trimmingWhitespace().trimmingCharacters(in: "\"'")
        let k = Key(section: section, index: index, key: key)
        if keys[k] == nil { keys[k] = line }
      }
    }
  }

  /// The line of `key` in `section` (the `index`-th `[[section]]` when given), else the
  /// section header's line.
  func line(section: String, index: Int?, key: String?) -> Int? {
    if let key, let l = keys[Key(section: section, index: index, key: key)] { return l }
    return headers[Key(section: section, index: index, key: "")]
  }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }

  func trimmingCharacters(in set: String) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }
}
