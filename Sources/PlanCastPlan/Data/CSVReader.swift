/// One record of a CSV file with the line it starts on.
public struct CSVRecord: Sendable, Equatable {
  /// 1-based line number where the record starts.
  public let line: Int
  public let fields: [String]
}

/// A CSV problem: bad quoting, a control byte, a bad header or a row with the wrong number of
/// fields, with the line (and the field, when there is one) where it is.
public struct CSVSyntaxError: Error, Sendable, Equatable {
  public let line: Int
  /// The header name of the field at fault, or `field N` when the header has none yet.
  public let field: String?
  public let message: String

  public init(line: Int, field: String? = nil, message: String) {
    self.line = line
    self.field = field
    self.message = message
  }

  /// `line L, field 'F': message` (the file is the caller's to add).
  public var located: String {
    ":\(line)" + (field.map { ": field '\($0)'" } ?? "") + ": " + message
  }
}

/// How forgiving the reader is.
public enum CSVMode: Sendable {
  /// Every data row has exactly the header's number of fields.
  case strict
  /// As strict, except that empty fields after the header's last column are dropped (the
  /// trailing comma some spreadsheet exports put on data rows).
  case lenient
}

/// A streaming RFC 4180 reader over bytes: comma separated, `"` quoting with `""` as an escaped
/// quote, quoted fields may hold commas and line breaks, CRLF or LF line ends, a UTF-8 BOM is
/// skipped and blank lines are ignored.
///
/// Strict by default: the first record is the header, whose names (spaces and tabs trimmed)
/// must be non-empty and distinct ignoring case; every other record has the header's number of
/// fields (see ``CSVMode``); no field holds a control byte (NUL, other C0 controls or DEL; tabs
/// are allowed, line breaks only inside quotes). Records are handed to a closure one at a time
/// from a buffer of about 1 MiB, so memory does not grow with the file.
public enum CSVReader {
  /// Reads the CSV file at `path`: `header` gets the trimmed header names and their line, then
  /// `row` each data record.
  /// - Throws: ``InputFileError``, ``CSVSyntaxError`` or what the closures throw.
  public static func read(
    path: String, mode: CSVMode = .strict, header: (_ names: [String], _ line: Int) throws -> Void,
    row: (CSVRow) throws -> Void
  ) throws {
    let file = try InputFile(path: path)
    var scanner = CSVScanner(mode: mode)
    var buffer: [UInt8] = []
    buffer.reserveCapacity(chunkSize)
    var want = chunkSize
    var atEnd = false
    while true {
      if !atEnd {
        let got = try file.read(upTo: want, appendingTo: &buffer)
        atEnd = got == 0
      }
      let consumed = try buffer.withUnsafeBufferPointer { bytes in
        try scanner.scan(bytes, atEnd: atEnd, header: header, row: row)
      }
      if atEnd { return }
      if consumed == 0 {
        // One record longer than the buffer: read more at once (geometric, so linear time).
        want = max(want, buffer.count)
      } else {
        buffer.removeFirst(consumed)
        want = chunkSize
      }
    }
  }

  /// Parses CSV held in memory (small files and tests) into records, the header first.
  /// - Throws: ``CSVSyntaxError``.
  public static func parse(_ text: String, mode: CSVMode = .strict) throws -> [CSVRecord] {
    var records: [CSVRecord] = []
    var scanner = CSVScanner(mode: mode)
    var copy = text
    try copy.withUTF8 { bytes in
      _ = try scanner.scan(
        bytes, atEnd: true,
        header: { names, line in records.append(CSVRecord(line: line, fields: names)) },
        row: { row in
          records.append(CSVRecord(line: row.line, fields: try (0..<row.count).map(row.string)))
        })
    }
    return records
  }

  static let chunkSize = 1 << 20
}

/// The position of one field in the scanner's buffer.
struct CSVFieldSpan {
  var start: Int
  var end: Int
  /// The field was quoted and holds `""` escapes to undo.
  var escaped: Bool
}

/// The state machine behind ``CSVReader``: finds complete records in a buffer, checks them and
/// hands them on.
struct CSVScanner {
  let mode: CSVMode
  private var names: [String] = []
  private var seenHeader = false
  private var line = 1
  private var atStart = true
  private var spans: [CSVFieldSpan] = []

  init(mode: CSVMode) {
    self.mode = mode
  }

  private static let comma = UInt8(ascii: ",")
  private static let quote = UInt8(ascii: "\"")
  private static let cr = UInt8(ascii: "\r")
  private static let lf = UInt8(ascii: "\n")
  private static let tab = UInt8(ascii: "\t")

  /// Scans the complete records of `bytes` and returns how many bytes they took; at the end of
  /// the input the last record needs no line break.
  mutating func scan(
    _ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool,
    header: (_ names: [String], _ line: Int) throws -> Void,
    row: (CSVRow) throws -> Void
  ) throws -> Int {
    var i = 0
    if atStart {
      guard bytes.count >= 3 || atEnd else { return 0 }
      if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
      atStart = false
    }
    let n = bytes.count
    while i < n {
      let recordLine = line
      guard let (next, breaks) = try record(bytes, from: i, line: recordLine, atEnd: atEnd)
      else { return i }
      i = next
      line += breaks
      if spans.count == 1, !spans[0].escaped, spans[0].start == spans[0].end,
        !isQuoted(bytes, spans[0])
      {
        continue  // a blank line
      }
      if !seenHeader {
        try readHeader(bytes, line: recordLine)
        try header(names, recordLine)
      } else {
        try checkWidth(bytes, line: recordLine)
        try row(CSVRow(bytes: bytes, spans: spans, names: names, line: recordLine))
      }
    }
    return i
  }

  private func isQuoted(_ bytes: UnsafeBufferPointer<UInt8>, _ span: CSVFieldSpan) -> Bool {
    span.start > 0 && bytes[span.start - 1] == Self.quote
  }

  private mutating func readHeader(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws {
    let row = CSVRow(bytes: bytes, spans: spans, names: [], line: line)
    var seen: [String: Int] = [:]
    names = []
    for k in 0..<spans.count {
      let name = try row.string(k).trimmingWhitespace()
      guard !name.isEmpty else {
        throw CSVSyntaxError(
          line: line, field: "field \(k + 1)",
          message: "the header's field \(k + 1) is empty; every column needs a name")
      }
      if let first = seen[name.lowercased()] {
        throw CSVSyntaxError(
          line: line, field: EchoText.short(name),
          message:
            "the header names '\(EchoText.short(name))' twice (fields \(first + 1) and \(k + 1)); "
            + "column names must be distinct (ignoring case)")
      }
      seen[name.lowercased()] = k
      names.append(name)
    }
    seenHeader = true
  }

  private mutating func checkWidth(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) throws {
    let width = names.count
    guard spans.count != width else { return }
    if mode == .lenient, spans.count > width,
      spans[width...].allSatisfy({ $0.start == $0.end && !isQuoted(bytes, $0) })
    {
      spans.removeLast(spans.count - width)
      return
    }
    let cause =
      spans.count > width
      ? "; an unquoted comma adds a field (a decimal comma as in 5,9, a thousands separator as "
        + "in 2,000, or a trailing comma): write plain decimals such as 5.9 and 2000"
      : ""
    throw CSVSyntaxError(
      line: line, field: nil,
      message: "the row has \(spans.count) fields, the header has \(width)\(cause)")
  }

  private func fieldName(_ k: Int) -> String {
    k < names.count ? names[k] : "field \(k + 1)"
  }

  private func controlByteError(_ byte: UInt8, line: Int, field: Int) -> CSVSyntaxError {
    let name = byte == 0 ? "NUL" : byte == 0x7F ? "DEL" : "control"
    let hex = String(byte, radix: 16, uppercase: true)
    return CSVSyntaxError(
      line: line, field: fieldName(field),
      message:
        "a \(name) byte (0x\(hex.count < 2 ? "0" + hex : hex)) inside the field; the file must "
        + "be plain text")
  }

  /// Finds the record starting at `start`: fills `spans`, returns the index after its line
  /// break and the number of line breaks it spans, or `nil` when the buffer ends first.
  private mutating func record(
    _ p: UnsafeBufferPointer<UInt8>, from start: Int, line: Int, atEnd: Bool
  ) throws -> (next: Int, breaks: Int)? {
    spans.removeAll(keepingCapacity: true)
    let n = p.count
    var i = start
    var breaks = 0
    while true {
      let field = spans.count
      var c: UInt8 = 0
      if i < n, p[i] == Self.quote {
        i += 1
        let s = i
        var escaped = false
        while true {
          guard i < n else {
            if atEnd {
              throw CSVSyntaxError(
                line: line, field: fieldName(field), message: "a quoted field is never closed")
            }
            return nil
          }
          c = p[i]
          if c == Self.quote {
            if i + 1 < n, p[i + 1] == Self.quote {
              escaped = true
              i += 2
              continue
            }
            if i + 1 >= n, !atEnd { return nil }
            break
          }
          if c < 0x20 || c == 0x7F {
            if c == Self.lf {
              breaks += 1
            } else if c != Self.tab, c != Self.cr {
              throw controlByteError(c, line: line + breaks, field: field)
            }
          }
          i += 1
        }
        spans.append(CSVFieldSpan(start: s, end: i, escaped: escaped))
        i += 1
        guard i < n else { return (i, breaks) }
        c = p[i]
        guard c == Self.comma || c == Self.cr || c == Self.lf else {
          throw CSVSyntaxError(
            line: line + breaks, field: fieldName(field),
            message: "text after a closing quote")
        }
      } else {
        let s = i
        while i < n {
          c = p[i]
          if c == Self.comma { break }
          if c <= Self.quote {
            if c == Self.lf || c == Self.cr { break }
            if c == Self.quote {
              throw CSVSyntaxError(
                line: line + breaks, field: fieldName(field),
                message:
                  "a quote inside an unquoted field (quote the whole field and double the quote)")
            }
            if c < 0x20, c != Self.tab {
              throw controlByteError(c, line: line + breaks, field: field)
            }
          } else if c == 0x7F {
            throw controlByteError(c, line: line + breaks, field: field)
          }
          i += 1
        }
        if i >= n, !atEnd { return nil }
        spans.append(CSVFieldSpan(start: s, end: i, escaped: false))
        guard i < n else { return (i, breaks) }
      }
      if c == Self.comma {
        i += 1
        continue
      }
      // A line break ends the record.
      if c == Self.cr {
        if i + 1 >= n, !atEnd { return nil }
        i += 1
        if i < n, p[i] == Self.lf { i += 1 }
      } else {
        i += 1
      }
      return (i, breaks + 1)
    }
  }
}
