/// Finds the syntax errors on which TOMLKit's parser (toml++ 3) aborts the whole process (an
/// assertion) instead of reporting them, so that they are reported before the text reaches it.
/// Found by the fuzz harness (`scripts/fuzz.sh`):
/// - a table header whose key does not start with a key character: `[#x]`, `[[.x]]`, `[{x}]`
///   (toml++'s `parse_key`);
/// - a `}` inside an array, `[1, }]` (`parse_value`);
/// - a Unicode line or paragraph separator or NEL (U+2028, U+2029, U+0085) outside strings and
///   comments (`parse_value`, in an array).
///
/// A small lexer over the bytes: strings (basic, literal and multi-line) and comments are
/// skipped, and the brackets and braces of values are tracked, so that only a `[` opening a
/// line outside any value is taken for a header.
enum TOMLAbortGuard {
  /// A problem and where it is (1-based line; column in bytes, 1-based).
  struct Finding: Equatable {
    let line: Int
    let column: Int
    let problem: String
  }

  static func firstFinding(in text: String) -> Finding? {
    let bytes = Array(text.utf8)
    var i = 0
    var line = 1
    var lineStart = 0
    var open: [UInt8] = []  // the brackets and braces of the values being read
    var atLineStart = true
    func at(_ k: Int) -> UInt8? { k < bytes.count ? bytes[k] : nil }
    func finding(_ k: Int, _ problem: String) -> Finding {
      Finding(line: line, column: k - lineStart + 1, problem: problem)
    }
    func isKeyStart(_ c: UInt8?) -> Bool {
      guard let c else { return true }  // the end: TOMLKit reports it
      return (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
        || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") || c == UInt8(ascii: "\"")
        || c == UInt8(ascii: "'") || c == UInt8(ascii: "]")
    }
    /// The length of a line separator, paragraph separator or NEL at `k`, or 0.
    func separatorLength(_ k: Int) -> Int {
      if at(k) == 0xC2, at(k + 1) == 0x85 { return 2 }
      if at(k) == 0xE2, at(k + 1) == 0x80, at(k + 2) == 0xA8 || at(k + 2) == 0xA9 { return 3 }
      return 0
    }
    /// Skips a string opened at `start` by `quote`; returns the index after it (or the end).
    func skipString(from start: Int, quote: UInt8) -> Int {
      let multiline = at(start + 1) == quote && at(start + 2) == quote
      var k = start + (multiline ? 3 : 1)
      while k < bytes.count {
        let c = bytes[k]
        if c == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
          k += 2
          continue
        }
        if c == UInt8(ascii: "\n") {
          if !multiline { return k }
          line += 1
          lineStart = k + 1
        }
        if c == quote {
          if !multiline { return k + 1 }
          if at(k + 1) == quote, at(k + 2) == quote { return k + 3 }
        }
        k += 1
      }
      return k
    }
    while i < bytes.count {
      let c = bytes[i]
      switch c {
      case UInt8(ascii: "\n"):
        line += 1
        lineStart = i + 1
        atLineStart = open.isEmpty
        i += 1
      case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
        i += 1
      case UInt8(ascii: "#"):
        while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        atLineStart = false
        i = skipString(from: i, quote: c)
      case UInt8(ascii: "["):
        if atLineStart, open.isEmpty {
          var k = i + 1
          if at(k) == UInt8(ascii: "[") { k += 1 }
          while at(k) == UInt8(ascii: " ") || at(k) == UInt8(ascii: "\t") { k += 1 }
          if !isKeyStart(at(k)) { return finding(k, "a table header must start with a key") }
          i = k
        } else {
          open.append(c)
          i += 1
        }
        atLineStart = false
      case UInt8(ascii: "{"):
        open.append(c)
        atLineStart = false
        i += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        if c == UInt8(ascii: "}"), open.last == UInt8(ascii: "[") {
          return finding(i, "'}' inside an array: close the array with ']'")
        }
        if !open.isEmpty { open.removeLast() }
        atLineStart = false
        i += 1
      default:
        if separatorLength(i) > 0 {
          return finding(
            i, "a Unicode line separator (U+2028, U+2029 or U+0085) outside a string")
        }
        atLineStart = false
        i += 1
      }
    }
    return nil
  }
}
