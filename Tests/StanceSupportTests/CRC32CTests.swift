import StanceTestSupport
import Testing

@testable import StanceSupport

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
      var tables = CRC32C()
      bytes.withUnsafeBytes { tables.updateWithTables($0) }
      #expect(tables.checksum == Self.bitwise(bytes), "tables, length \(length)")
    }
  }

  /// The CPU instruction (when this machine has it) and the tables agree on long inputs,
  /// at every alignment, fed whole or in uneven pieces.
  @Test func instructionAndTablesAgree() {
    var generator = SplitMix64(seed: 5)
    let bytes = (0..<70_003).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    for offset in 0..<9 {
      bytes.withUnsafeBytes { raw in
        let slice = UnsafeRawBufferPointer(rebasing: raw[offset...])
        var tables = CRC32C()
        tables.updateWithTables(slice)
        #expect(CRC32C.checksum(slice) == tables.checksum, "offset \(offset)")
      }
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

  @Test func combiningChecksumsEqualsCheckingTheConcatenation() {
    var generator = SplitMix64(seed: 17)
    let bytes = (0..<3000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
    for split in [0, 1, 7, 8, 9, 255, 1024, 2999, 3000] {
      let first = CRC32C.checksum(Array(bytes[..<split]))
      let second = CRC32C.checksum(Array(bytes[split...]))
      #expect(
        CRC32C.combine(first, second, secondLength: bytes.count - split)
          == CRC32C.checksum(bytes), "split at \(split)")
    }
  }

  /// Long enough for several blocks of `parallelBlockLength`, cut into uneven parts.
  @Test(arguments: [1, 2, 3, 5])
  func parallelChecksumOfPartsEqualsTheSequentialOne(threads: Int) {
    var generator = SplitMix64(seed: 23)
    let length = 5 * CRC32C.parallelBlockLength + 12_345
    var words = [UInt64](repeating: 0, count: length / 8 + 1)
    for index in words.indices { words[index] = generator.next() }
    let expected = words.withUnsafeBytes {
      CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[..<length]))
    }
    let cuts = [
      0, 0, 3, CRC32C.parallelBlockLength + 5, 2 * CRC32C.parallelBlockLength, length - 1, length,
    ]
    let checksum = words.withUnsafeBytes { raw in
      let parts = zip(cuts, cuts.dropFirst()).map { UnsafeRawBufferPointer(rebasing: raw[$0..<$1]) }
      return CRC32C.checksum(concatenating: parts, threads: threads)
    }
    #expect(checksum == expected)
    #expect(CRC32C.checksum(concatenating: [], threads: threads) == 0)
  }
}
