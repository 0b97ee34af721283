import StanceKit
import StanceTestSupport
import Testing

/// CRC-32C against published vectors and against a bit-at-a-time reference.
@Suite struct CRC32CTests {
  /// The check value of the CRC catalogue (Williams; reveng "CRC-32/ISCSI") and the
  /// 32-byte vectors of RFC 3720 appendix B.4.
  static let vectors: [(bytes: [UInt8], checksum: UInt32)] = [
    (Array("123456789".utf8), 0xE306_9283),
    ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
    ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
    ((0..<32).map { UInt8($0) }, 0x46DD_794E),
    ((0..<32).reversed().map { UInt8($0) }, 0x113F_DB5C),
    ([], 0),
  ]

  @Test(arguments: vectors)
  func publishedVectors(bytes: [UInt8], expected: UInt32) {
    #expect(CRC32C.checksum(bytes) == expected)
  }

  /// The textbook definition, one bit at a time, to check the sliced tables against.
  private static func bitwise(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
    }
    return ~crc
  }

  @Test func slicedComputationEqualsBitwiseAtEveryLength() {
    var generator = SplitMix64(seed: 3)
    for length in 0...100 {
      let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
      #expect(CRC32C.checksum(bytes) == Self.bitwise(bytes), "length \(length)")
    }
  }

  @Test func feedingInPiecesEqualsFeedingAtOnce() {
    var generator = SplitMix64(seed: 11)
    let bytes = (0..<5000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    var crc = CRC32C()
    var start = 0
    while start < bytes.count {
      let end = min(bytes.count, start + Int(generator.next() % 37))
      crc.update(Array(bytes[start..<end]))
      start = end
    }
    #expect(crc.checksum == CRC32C.checksum(bytes))
    #expect(crc.checksum == Self.bitwise(bytes))
  }

  @Test func everySingleBitFlipChangesTheChecksum() {
    var generator = SplitMix64(seed: 5)
    let bytes = (0..<64).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    let original = CRC32C.checksum(bytes)
    for bit in 0..<(8 * bytes.count) {
      var flipped = bytes
      flipped[bit / 8] ^= 1 << UInt8(bit % 8)
      #expect(CRC32C.checksum(flipped) != original, "bit \(bit)")
    }
  }
}
