/// One data record of a CSV file, valid only inside the closure ``CSVReader`` hands it to: its
/// fields point into the reader's buffer, so reading a number allocates nothing.
public struct CSVRow {
  private let bytes: UnsafeBufferPointer<UInt8>
  private let spans: [CSVFieldSpan]
  private let names: [String]
  /// 1-based line the record starts on.
  public let line: Int

  init(bytes: UnsafeBufferPointer<UInt8>, spans: [CSVFieldSpan], names: [String], line: Int) {
    self.bytes = bytes
    self.spans = spans
    self.names = names
    self.line = line
  }

  /// Number of fields (the header's, once the header is read).
  public var count: Int { spans.count }

  /// The raw bytes of field `k` (inside the quotes, escapes not undone).
  private func raw(_ k: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[spans[k].start..<spans[k].end])
  }

  /// Field `k` as a number (see ``PlainDecimal``).
  public func number(_ k: Int) -> PlainDecimal.Parsed {
    PlainDecimal.parse(raw(k))
  }

  /// Field `k` as an integer (sign and digits only), `nil` otherwise.
  public func integer(_ k: Int) -> Int? {
    PlainDecimal.integer(raw(k))
  }

  /// Field `k` as text, quotes undone.
  /// - Throws: ``CSVSyntaxError`` when the bytes are not UTF-8.
  public func string(_ k: Int) throws -> String {
    let field = raw(k)
    let text: String?
    if spans[k].escaped {
      var unescaped: [UInt8] = []
      unescaped.reserveCapacity(field.count)
      var i = 0
      while i < field.count {
        unescaped.append(field[i])
        i += field[i] == UInt8(ascii: "\"") ? 2 : 1
      }
      text = String(validating: unescaped, as: UTF8.self)
    } else {
      text = String(validating: field, as: UTF8.self)
    }
    guard let text else {
      throw CSVSyntaxError(
        line: line, field: k < names.count ? names[k] : "field \(k + 1)",
        message: "the field is not UTF-8 text; save the file as UTF-8")
    }
    return text
  }
}
