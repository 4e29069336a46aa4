import Foundation

/// A ZIP archive (PKWARE APPNOTE 6.3) with stored, uncompressed entries: enough for an Office
/// Open XML container. Entry names are UTF-8 (general-purpose flag bit 11); timestamps are fixed
/// at 1980-01-01 so the same content always gives the same bytes.
public struct ZipArchive: Sendable {
  private var entries: [(name: [UInt8], data: Data, crc: UInt32, offset: UInt32)] = []
  private var body = Data()

  /// Why an archive cannot be built.
  public enum ZipError: Error, CustomStringConvertible {
    case tooLarge(String)
    public var description: String {
      switch self {
      case .tooLarge(let name): "\(name): the archive would exceed 4 GiB (ZIP64 is not supported)"
      }
    }
  }

  public init() {}

  /// Adds a file.
  public mutating func add(_ name: String, _ data: Data) throws(ZipError) {
    guard body.count + data.count + 30 + name.utf8.count < Int(UInt32.max) else {
      throw .tooLarge(name)
    }
    let nameBytes = Array(name.utf8)
    let crc = CRC32.checksum(data)
    let offset = UInt32(body.count)
    var header = Data()
    header.appendLE(UInt32(0x0403_4b50))
    header.appendLE(UInt16(20))  // version needed: 2.0
    header.appendLE(UInt16(0x0800))  // UTF-8 names
    header.appendLE(UInt16(0))  // stored
    header.appendLE(UInt16(0))  // time 00:00
    header.appendLE(UInt16(0x21))  // date 1980-01-01
    header.appendLE(crc)
    header.appendLE(UInt32(data.count))
    header.appendLE(UInt32(data.count))
    header.appendLE(UInt16(nameBytes.count))
    header.appendLE(UInt16(0))
    header.append(contentsOf: nameBytes)
    body.append(header)
    body.append(data)
    entries.append((nameBytes, data, crc, offset))
  }

  /// The archive's bytes: the entries, the central directory and its end record.
  public func data() -> Data {
    var out = body
    let directoryStart = UInt32(out.count)
    for entry in entries {
      out.appendLE(UInt32(0x0201_4b50))
      out.appendLE(UInt16(20))  // made by: 2.0, MS-DOS
      out.appendLE(UInt16(20))
      out.appendLE(UInt16(0x0800))
      out.appendLE(UInt16(0))
      out.appendLE(UInt16(0))
      out.appendLE(UInt16(0x21))
      out.appendLE(entry.crc)
      out.appendLE(UInt32(entry.data.count))
      out.appendLE(UInt32(entry.data.count))
      out.appendLE(UInt16(entry.name.count))
      out.appendLE(UInt16(0))  // extra
      out.appendLE(UInt16(0))  // comment
      out.appendLE(UInt16(0))  // disk
      out.appendLE(UInt16(0))  // internal attributes
      out.appendLE(UInt32(0))  // external attributes
      out.appendLE(entry.offset)
      out.append(contentsOf: entry.name)
    }
    let directorySize = UInt32(out.count) - directoryStart
    out.appendLE(UInt32(0x0605_4b50))
    out.appendLE(UInt16(0))
    out.appendLE(UInt16(0))
    out.appendLE(UInt16(entries.count))
    out.appendLE(UInt16(entries.count))
    out.appendLE(directorySize)
    out.appendLE(directoryStart)
    out.appendLE(UInt16(0))
    return out
  }
}

/// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320), as ZIP uses.
public enum CRC32 {
  private static let table: [UInt32] = (0..<256).map { n -> UInt32 in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
    return crc ^ 0xFFFF_FFFF
  }
}

extension Data {
  mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
    Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
  }
}
