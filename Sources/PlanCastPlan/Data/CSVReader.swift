/// One record of a CSV file with the line it starts on.
public struct CSVRecord: Sendable, Equatable {
  /// 1-based line number where the record starts.
  public let line: Int
  public let fields: [String]
}

/// A CSV syntax problem: an unterminated quote or a stray quote inside an unquoted field.
public struct CSVSyntaxError: Error, Sendable, Equatable {
  public let line: Int
  public let message: String
}

/// A small RFC 4180 reader: comma separated, `"` quoting with `""` as an escaped quote,
/// quoted fields may hold commas and line breaks, CRLF or LF line ends. A UTF-8 BOM is
/// skipped. Blank lines are ignored. Records keep the line number they start on.
public enum CSVReader {
  /// Parses `text` into records.
  /// - Throws: ``CSVSyntaxError`` with the line of the problem.
  public static func parse(_ text: String) throws -> [CSVRecord] {
    var records: [CSVRecord] = []
    var fields: [String] = []
    var field = ""
    var line = 1
    var recordLine = 1
    var inQuotes = false
    var fieldWasQuoted = false
    var chars = Array(text.unicodeScalars)
    if chars.first == "\u{FEFF}" { chars.removeFirst() }
    var i = 0

    func endRecord() {
      fields.append(field)
      if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
        records.append(CSVRecord(line: recordLine, fields: fields))
      }
      fields = []
      field = ""
      fieldWasQuoted = false
    }

    while i < chars.count {
      let c = chars[i]
      if inQuotes {
        if c == "\"" {
          if i + 1 < chars.count && chars[i + 1] == "\"" {
            field.unicodeScalars.append("\"")
            i += 1
          } else {
            inQuotes = false
          }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
      } else {
        switch c {
        case ",":
          fields.append(field)
          field = ""
          fieldWasQuoted = false
        case "\r":
          if i + 1 < chars.count && chars[i + 1] == "\n" { i += 1 }
          endRecord()
          line += 1
          recordLine = line
        case "\n":
          endRecord()
          line += 1
          recordLine = line
        case "\"":
          guard field.isEmpty && !fieldWasQuoted else {
            throw CSVSyntaxError(
              line: line,
              message:
                "a quote inside an unquoted field (quote the whole field and double the quote)")
          }
          inQuotes = true
          fieldWasQuoted = true
        default:
          if fieldWasQuoted {
            throw CSVSyntaxError(line: line, message: "text after a closing quote")
          }
          field.unicodeScalars.append(c)
        }
      }
      i += 1
    }
    if inQuotes {
      throw CSVSyntaxError(line: recordLine, message: "a quoted field is never closed")
    }
    if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
    return records
  }
}
