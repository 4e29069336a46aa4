import Foundation

/// The strict number syntax of PlanCast's CSV inputs, parsed straight from bytes.
///
/// A plain decimal is an optional sign, digits with at most one decimal point (`12`, `-0.5`,
/// `.5`, `5.`) and an optional exponent (`1e5`, `2.5E-3`). Nothing else is a number: no
/// decimal comma (`5,9`), no thousands separator (`2,000`, `2 000`, `2_000`), no hexadecimal
/// (`0x10`), no words (`NaN`, `inf`), no control or NUL bytes, no units. Leading and trailing
/// spaces and tabs are ignored. The value is the correctly rounded double: Clinger's exact fast
/// path when the digits and the power of ten are small, `strtod` (C locale, NUL-terminated copy)
/// otherwise — the same double Swift's `Double(String)` gives.
public enum PlainDecimal {
  /// What a cell holds.
  public enum Parsed: Sendable, Equatable {
    /// A finite number.
    case value(Double)
    /// Nothing but spaces and tabs.
    case empty
    /// Plain decimal syntax, but beyond the range of a double (`1e999`), or a word for a
    /// non-finite value (`NaN`, `inf`, `infinity`, signed or not, any case).
    case notFinite
    /// Anything else.
    case notANumber
  }

  /// Parses the bytes of one cell.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Parsed {
    var lo = 0
    var hi = bytes.count
    while lo < hi, bytes[lo] == space || bytes[lo] == tab { lo += 1 }
    while hi > lo, bytes[hi - 1] == space || bytes[hi - 1] == tab { hi -= 1 }
    guard lo < hi else { return .empty }
    return parseTrimmed(UnsafeBufferPointer(rebasing: bytes[lo..<hi]))
  }

  /// Parses a string (spaces and tabs around it are ignored).
  public static func parse(_ text: String) -> Parsed {
    var copy = text
    return copy.withUTF8 { parse($0) }
  }

  /// Parses a whole year or other integer cell: an optional sign and decimal digits, nothing
  /// else; `nil` for anything else or a value beyond `Int`.
  public static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    var lo = 0
    var hi = bytes.count
    while lo < hi, bytes[lo] == space || bytes[lo] == tab { lo += 1 }
    while hi > lo, bytes[hi - 1] == space || bytes[hi - 1] == tab { hi -= 1 }
    guard lo < hi else { return nil }
    var negative = false
    if bytes[lo] == minus || bytes[lo] == plus {
      negative = bytes[lo] == minus
      lo += 1
    }
    guard lo < hi else { return nil }
    var value = 0
    for k in lo..<hi {
      let d = Int(bytes[k]) &- Int(zero)
      guard d >= 0, d <= 9 else { return nil }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (next, o2) =
        negative ? times10.subtractingReportingOverflow(d) : times10.addingReportingOverflow(d)
      guard !o1, !o2 else { return nil }
      value = next
    }
    return value
  }

  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")
  private static let minus = UInt8(ascii: "-")
  private static let plus = UInt8(ascii: "+")
  private static let zero = UInt8(ascii: "0")
  private static let point = UInt8(ascii: ".")

  /// Exact powers of ten as doubles (10^22 is the largest exactly representable).
  private static let powersOfTen: [Double] = (0...22).map { k in
    var x = 1.0
    for _ in 0..<k { x *= 10 }
    return x
  }

  private static func parseTrimmed(_ b: UnsafeBufferPointer<UInt8>) -> Parsed {
    let n = b.count
    var i = 0
    var negative = false
    if b[i] == minus || b[i] == plus {
      negative = b[i] == minus
      i += 1
    }
    if isNonFiniteWord(UnsafeBufferPointer(rebasing: b[i..<n])) { return .notFinite }
    var mantissa: UInt64 = 0
    var significant = 0  // digits accumulated into mantissa (leading zeros excluded)
    var dropped = false  // a non-zero digit did not fit into mantissa
    var exponentAdjust = 0
    var digits = 0
    var seenPoint = false
    while i < n {
      let c = b[i]
      if c == point {
        guard !seenPoint else { return .notANumber }
        seenPoint = true
      } else if c &- zero <= 9 {
        digits += 1
        let d = UInt64(c &- zero)
        if significant < 19 {
          if mantissa != 0 || d != 0 {
            mantissa = mantissa &* 10 &+ d
            significant += 1
          }
          if seenPoint { exponentAdjust -= 1 }
        } else {
          if d != 0 { dropped = true }
          if !seenPoint { exponentAdjust += 1 }
        }
      } else {
        break
      }
      i += 1
    }
    guard digits > 0 else { return .notANumber }
    var exponent = 0
    if i < n {
      guard b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") else { return .notANumber }
      i += 1
      var negativeExponent = false
      if i < n, b[i] == minus || b[i] == plus {
        negativeExponent = b[i] == minus
        i += 1
      }
      guard i < n else { return .notANumber }
      while i < n {
        let d = b[i] &- zero
        guard d <= 9 else { return .notANumber }
        // Saturate: any exponent beyond 10^6 is far outside the range of a double.
        if exponent < 1_000_000 { exponent = exponent * 10 + Int(d) }
        i += 1
      }
      if negativeExponent { exponent = -exponent }
    }
    let power = exponent + exponentAdjust
    if !dropped, mantissa < (1 << 53), abs(power) <= 22 {
      let m = Double(mantissa)
      let x = power >= 0 ? m * powersOfTen[power] : m / powersOfTen[-power]
      return .value(negative ? -x : x)
    }
    let x = correctlyRounded(b)
    return x.isFinite ? .value(x) : .notFinite
  }

  /// `strtod` on a NUL-terminated copy of the (already validated) bytes.
  private static func correctlyRounded(_ b: UnsafeBufferPointer<UInt8>) -> Double {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: b.count + 1) { buffer in
      for k in 0..<b.count { buffer[k] = CChar(bitPattern: b[k]) }
      buffer[b.count] = 0
      guard let start = buffer.baseAddress else { return .nan }
      return strtod(start, nil)
    }
  }

  private static func isNonFiniteWord(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard b.count == 3 || b.count == 8 else { return false }
    let lower = b.map { $0 | 0x20 }
    return lower.elementsEqual("nan".utf8) || lower.elementsEqual("inf".utf8)
      || lower.elementsEqual("infinity".utf8)
  }
}

extension PlainDecimal {
  /// ``integer(_:)-(UnsafeBufferPointer<UInt8>)`` of a string.
  public static func integer(_ text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { integer($0) }
  }
}
