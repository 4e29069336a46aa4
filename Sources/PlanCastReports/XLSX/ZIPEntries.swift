import CPlanCastZlib
import Foundation

/// The entries of a ZIP archive held in memory, for reading a user's `.xlsx`: the central
/// directory (PKWARE APPNOTE 4.3) is read and every entry checked to lie inside the file, and an
/// entry is unpacked with zlib (stored or deflated), refusing a stream that is damaged, ends
/// early or unpacks to more than a limit. ZIPFoundation (which writes PlanCast's workbooks) is
/// not used to read: its inflate loop spins for ever on a truncated stream. ZIP64 is refused.
struct ZIPEntries {
  struct Entry {
    let method: Int
    let start: Int
    let compressedSize: Int
    let size: Int
  }

  private let bytes: [UInt8]
  private let entries: [String: Entry]

  /// Reads the central directory; throws a reason when the archive is damaged.
  init(_ bytes: [UInt8]) throws(ZIPReadError) {
    self.bytes = bytes
    func u16(_ i: Int) -> Int? {
      i >= 0 && i + 2 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : nil
    }
    func u32(_ i: Int) -> Int? {
      guard let low = u16(i), let high = u16(i + 2) else { return nil }
      return low | high << 16
    }
    // The end record: 22 bytes and a comment of up to 65,535, searched from the end.
    let earliest = max(0, bytes.count - 22 - 65_535)
    guard bytes.count >= 22,
      let end = stride(from: bytes.count - 22, through: earliest, by: -1).first(where: {
        u32($0) == 0x0605_4B50
      })
    else { throw ZIPReadError("not a ZIP archive") }
    guard let count = u16(end + 10), let directory = u32(end + 16) else {
      throw ZIPReadError("a truncated end record")
    }
    if count == 0xFFFF || directory == 0xFFFF_FFFF { throw ZIPReadError("ZIP64 is not read") }
    var entries: [String: Entry] = [:]
    var at = directory
    for _ in 0..<count {
      guard u32(at) == 0x0201_4B50, let method = u16(at + 10), let compressed = u32(at + 20),
        let size = u32(at + 24), let nameLength = u16(at + 28), let extraLength = u16(at + 30),
        let commentLength = u16(at + 32), let local = u32(at + 42),
        at + 46 + nameLength <= bytes.count
      else { throw ZIPReadError("a damaged central directory") }
      if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || local == 0xFFFF_FFFF {
        throw ZIPReadError("ZIP64 is not read")
      }
      guard u32(local) == 0x0403_4B50, let localName = u16(local + 26),
        let localExtra = u16(local + 28)
      else { throw ZIPReadError("an entry's local header is damaged") }
      let start = local + 30 + localName + localExtra
      guard start + compressed <= bytes.count else {
        throw ZIPReadError("an entry runs past the end of the file")
      }
      let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
      entries[name] = Entry(method: method, start: start, compressedSize: compressed, size: size)
      at += 46 + nameLength + extraLength + commentLength
    }
    self.entries = entries
  }

  /// The unpacked bytes of `name`, nil when there is no such entry.
  func data(_ name: String, limit: Int) throws(ZIPReadError) -> Data? {
    guard let entry = entries[name] else { return nil }
    guard entry.size <= limit else { throw ZIPReadError("\(name) unpacks to more than the limit") }
    let packed = Array(bytes[entry.start..<(entry.start + entry.compressedSize)])
    switch entry.method {
    case 0:
      return Data(packed)
    case 8:
      return try Self.inflate(packed, expected: entry.size, name: name)
    default:
      throw ZIPReadError("\(name) uses compression method \(entry.method)")
    }
  }

  /// Raw deflate (RFC 1951) of exactly `expected` bytes.
  private static func inflate(_ packed: [UInt8], expected: Int, name: String)
    throws(ZIPReadError) -> Data
  {
    var output = [UInt8](repeating: 0, count: max(expected, 1))
    var stream = z_stream()
    guard
      inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        == Z_OK
    else { throw ZIPReadError("zlib cannot start") }
    defer { inflateEnd(&stream) }
    var input = packed
    let result = input.withUnsafeMutableBufferPointer { source in
      output.withUnsafeMutableBufferPointer { target in
        stream.next_in = source.baseAddress
        stream.avail_in = UInt32(source.count)
        stream.next_out = target.baseAddress
        stream.avail_out = UInt32(expected)
        return CPlanCastZlib.inflate(&stream, Z_FINISH)
      }
    }
    guard result == Z_STREAM_END, Int(stream.total_out) == expected else {
      throw ZIPReadError("\(name) is damaged (its deflate stream does not unpack to its size)")
    }
    return Data(output.prefix(expected))
  }
}

/// Why a ZIP archive cannot be read.
struct ZIPReadError: Error {
  let reason: String
  init(_ reason: String) { self.reason = reason }
}
