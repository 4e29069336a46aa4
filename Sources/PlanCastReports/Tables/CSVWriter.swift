import Foundation

/// Writes CSV with RFC 4180 quoting: a field containing a comma, quote, CR or LF is quoted,
/// with quotes doubled. Records end with CRLF as the RFC specifies.
public enum CSVWriter {
  /// One field, quoted when it must be.
  public static func field(_ value: String) -> String {
    let needsQuotes = value.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    guard needsQuotes else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  /// The header row and every row.
  public static func render(_ table: Table) -> String {
    ([table.headers] + table.textRows).map(record).joined()
  }

  /// One record with its CRLF, for writers that stream rows instead of building a table.
  public static func record(_ fields: [String]) -> String {
    fields.map(field).joined(separator: ",") + "\r\n"
  }
}
