import Foundation
import Testing

@testable import PlanCastReports

/// SHA-256 against the FIPS 180-4 / NIST example vectors, and CRC-32 against its check value.
@Suite struct HashTests {
  @Test func nistVectors() {
    #expect(
      SHA256.hex(Array("".utf8))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    let long =
      "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
    #expect(
      SHA256.hex(Array(long.utf8))
        == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    #expect(
      SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// Lengths around the 55/56/64-byte padding boundaries, fed in uneven chunks, agree with
  /// Python's hashlib.
  @Test func paddingBoundariesAndChunkingMatchHashlib() throws {
    var expected: [String] = []
    var actual: [String] = []
    for length in [55, 56, 57, 63, 64, 65, 119, 120, 128, 1000] {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
      var hasher = SHA256()
      var rest = bytes[...]
      var chunk = 1
      while !rest.isEmpty {
        hasher.update(rest.prefix(chunk))
        rest = rest.dropFirst(chunk)
        chunk = chunk * 3 % 17 + 1
      }
      actual.append(hasher.finalize().map { String(format: "%02x", $0) }.joined())
      #expect(actual.last == SHA256.hex(bytes))
    }
    let output = try ExternalTool.python(
      """
      import hashlib
      for n in [55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]:
          print(hashlib.sha256(bytes((i * 37 + 11) & 0xFF for i in range(n))).hexdigest())
      """)
    expected = output.stdout.split(separator: "\n").map(String.init)
    #expect(actual == expected)
  }

  @Test func crc32CheckValue() {
    #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    #expect(CRC32.checksum([UInt8]()) == 0)
  }
}
