import Foundation
import PlanCastNumerics

/// Seeded mutations of an input, for the test suite's short fuzz run (libFuzzer does its own in
/// `scripts/fuzz.sh`): bit flips, bytes and tokens that parsers trip on (quotes, separators,
/// line ends, NUL, huge and odd numbers), deletions, duplications and splices with another
/// seed. The same seed gives the same sequence of inputs.
public struct ByteMutator {
  public var generator: Philox

  /// Tokens inserted or overwritten: the grammar's delimiters and the values that break number
  /// parsing, sizing and arithmetic; `scripts/fuzz.sh` hands the same list to libFuzzer.
  public static let tokens: [String] = [
    ",", "\"", "\"\"", "\n", "\r\n", "\r", "\0", "\t", " ", "=", "[", "]", "[[", "]]", "{", "}",
    "#", ".", "-", "+", "e", "'''", "\"\"\"", "\\", "\u{FEFF}", "é", "长株潭",
    "0", "-1", "1e308", "-1e308", "1e-320", "nan", "inf", "-inf", "NaN", "0x10", "1,5", "2,000",
    "9223372036854775807", "-9223372036854775808", "18446744073709551616", "2147483648",
    "99999999999999999999", "1e9999", "0.0000000000000000000001", "true", "false", "\"\"",
    "year", "value", "area", "indicator", "source", "id", "series",
  ]

  public init(seed: UInt64) {
    generator = Philox(seed: seed)
  }

  /// One mutant of `input`: one to four stacked mutations, at most 64 KiB.
  public mutating func mutate(_ input: Data, splicing other: Data) -> Data {
    var bytes = [UInt8](input)
    for _ in 0..<Int.random(in: 1...4, using: &generator) {
      mutateOnce(&bytes, other: other)
    }
    if bytes.count > 1 << 16 { bytes.removeLast(bytes.count - (1 << 16)) }
    return Data(bytes)
  }

  private mutating func position(in bytes: [UInt8]) -> Int {
    bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &generator)
  }

  private mutating func mutateOnce(_ bytes: inout [UInt8], other: Data) {
    let token = Array(Self.tokens.randomElement(using: &generator)?.utf8 ?? "".utf8)
    switch Int.random(in: 0..<7, using: &generator) {
    case 0 where !bytes.isEmpty:
      let i = Int.random(in: 0..<bytes.count, using: &generator)
      bytes[i] ^= 1 << UInt8.random(in: 0..<8, using: &generator)
    case 1 where !bytes.isEmpty:
      let i = Int.random(in: 0..<bytes.count, using: &generator)
      bytes[i] = UInt8.random(in: 0...255, using: &generator)
    case 2:
      bytes.insert(contentsOf: token, at: position(in: bytes))
    case 3 where !bytes.isEmpty:
      let start = Int.random(in: 0..<bytes.count, using: &generator)
      let end = min(bytes.count, start + token.count)
      bytes.replaceSubrange(start..<end, with: token)
    case 4 where !bytes.isEmpty:
      let start = Int.random(in: 0..<bytes.count, using: &generator)
      let length = Int.random(in: 1...max(1, min(64, bytes.count - start)), using: &generator)
      bytes.removeSubrange(start..<min(bytes.count, start + length))
    case 5 where !bytes.isEmpty:
      let start = Int.random(in: 0..<bytes.count, using: &generator)
      let length = Int.random(in: 1...max(1, min(256, bytes.count - start)), using: &generator)
      let piece = Array(bytes[start..<min(bytes.count, start + length)])
      bytes.insert(contentsOf: piece, at: position(in: bytes))
    default:
      let donor = [UInt8](other)
      guard !donor.isEmpty else { return }
      let start = Int.random(in: 0..<donor.count, using: &generator)
      let length = Int.random(in: 1...min(512, donor.count - start), using: &generator)
      bytes.insert(contentsOf: donor[start..<(start + length)], at: position(in: bytes))
    }
  }
}
