import CStanceSupport

/// The CRC-32C checksum (Castagnoli polynomial), as used by iSCSI, ext4 and SCTP.
///
/// ```
/// polynomial  0x1EDC6F41, reflected 0x82F63B78
/// state       starts at 0xFFFFFFFF; bytes are fed least significant bit first
/// checksum    state XOR 0xFFFFFFFF
/// "123456789" → 0xE3069283
/// ```
///
/// Castagnoli, Bräuer & Herrmann 1993, "Optimization of cyclic redundancy-check codes
/// with 24 and 32 parity bits", chose the polynomial for its larger Hamming distance than
/// the CRC-32 of zip and Ethernet at the message lengths that matter. Every burst of up to
/// 32 flipped bits, and in particular every single flipped bit, changes the checksum.
///
/// Where the CPU has a CRC-32C instruction (SSE 4.2 on x86-64), ``update(_:)`` uses it,
/// eight bytes per instruction. Otherwise the computation is slicing-by-8 (Kounavis & Berry
/// 2005, "A systematic approach to building high performance software-based CRC
/// generators"): eight 256-entry tables let each step consume eight bytes with eight table
/// lookups instead of one byte per lookup. Both give the same checksum (a test checks it).
///
/// ```swift
/// var crc = CRC32C()
/// crc.update(header)
/// crc.update(body)
/// let checksum = crc.checksum
/// ```
public struct CRC32C: Hashable, Sendable {
  /// The running state (the bitwise complement of the checksum so far).
  private var state: UInt32 = 0xFFFF_FFFF

  /// Creates a checksum of no bytes.
  public init() {}

  /// The checksum of every byte fed so far (`0` for none).
  public var checksum: UInt32 { ~state }

  /// The checksum of `bytes`.
  ///
  /// - Parameter bytes: The bytes.
  /// - Returns: Their CRC-32C.
  /// - Complexity: O(`bytes.count`).
  public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var crc = CRC32C()
    crc.update(bytes)
    return crc.checksum
  }

  /// The checksum of `bytes`.
  ///
  /// - Parameter bytes: The bytes.
  /// - Returns: Their CRC-32C.
  /// - Complexity: O(`bytes.count`).
  public static func checksum(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBytes { checksum($0) }
  }

  /// Feeds `bytes` into the checksum.
  ///
  /// - Parameter bytes: The next bytes of the message.
  /// - Complexity: O(`bytes.count`).
  public mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// Feeds `bytes` into the checksum.
  ///
  /// - Parameter bytes: The next bytes of the message.
  /// - Complexity: O(`bytes.count`), eight bytes per step.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    if Self.usesHardware, let base = bytes.baseAddress {
      state = stancekit_crc32c_hardware(state, base, bytes.count)
      return
    }
    updateWithTables(bytes)
  }

  /// Whether this CPU's CRC-32C instruction computes ``update(_:)`` (checked once).
  static let usesHardware = stancekit_crc32c_hardware_available() == 1

  /// ``update(_:)`` by slicing-by-8, for CPUs without the instruction (and for tests).
  ///
  /// - Parameter bytes: The next bytes of the message.
  /// - Complexity: O(`bytes.count`), eight bytes per step.
  mutating func updateWithTables(_ bytes: UnsafeRawBufferPointer) {
    var crc = state
    Self.tables.withUnsafeBufferPointer { table in
      var offset = 0
      let count = bytes.count
      while count - offset >= 8 {
        let word = UInt64(
          littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        let low = crc ^ UInt32(truncatingIfNeeded: word)
        let high = UInt32(truncatingIfNeeded: word >> 32)
        crc =
          table[7 &* 256 &+ Int(low & 0xFF)] ^ table[6 &* 256 &+ Int((low >> 8) & 0xFF)]
          ^ table[5 &* 256 &+ Int((low >> 16) & 0xFF)] ^ table[4 &* 256 &+ Int(low >> 24)]
          ^ table[3 &* 256 &+ Int(high & 0xFF)] ^ table[2 &* 256 &+ Int((high >> 8) & 0xFF)]
          ^ table[256 &+ Int((high >> 16) & 0xFF)] ^ table[Int(high >> 24)]
        offset &+= 8
      }
      while offset < count {
        crc = table[Int((crc ^ UInt32(bytes[offset])) & 0xFF)] ^ (crc >> 8)
        offset &+= 1
      }
    }
    state = crc
  }

  /// The checksum of `parts` laid end to end, computed on several threads for long inputs.
  ///
  /// ```
  /// checksum(concatenating: [a, b]) == checksum(a ++ b)
  /// ```
  /// The input is cut into blocks of at least ``parallelBlockLength`` bytes; each block's
  /// checksum is computed on its own (at most `threads` at a time) and the block checksums
  /// are joined in order with ``combine(_:_:secondLength:)``. The result is the same for
  /// any thread count.
  ///
  /// - Parameters:
  ///   - parts: The byte runs, in order.
  ///   - threads: The most threads to use, at least 1.
  /// - Returns: The CRC-32C of the concatenation.
  /// - Complexity: O(total length / threads + blocks · 32²).
  public static func checksum(concatenating parts: [UnsafeRawBufferPointer], threads: Int)
    -> UInt32
  {
    precondition(threads >= 1, "CRC32C: threads must be at least 1")
    let total = parts.reduce(0) { $0 + $1.count }
    let blockCount = max(1, min(threads, total / parallelBlockLength))
    guard blockCount > 1 else {
      var crc = CRC32C()
      for part in parts { crc.update(part) }
      return crc.checksum
    }
    // Cut the concatenation into `blockCount` nearly equal blocks, each a list of pieces.
    var blocks = [[UnsafeRawBufferPointer]](repeating: [], count: blockCount)
    var block = 0
    var blockEnd = total / blockCount
    var position = 0
    for part in parts {
      var start = 0
      while start < part.count {
        let take = min(part.count - start, blockEnd - position)
        if take > 0 {
          blocks[block].append(UnsafeRawBufferPointer(rebasing: part[start..<(start + take)]))
          start += take
          position += take
        }
        if position == blockEnd && block < blockCount - 1 {
          block += 1
          blockEnd = total * (block + 1) / blockCount
        }
      }
    }
    let results = Parallel.map(blockCount) { index -> (checksum: UInt32, length: Int) in
      var crc = CRC32C()
      var length = 0
      for piece in blocks[index] {
        crc.update(piece)
        length += piece.count
      }
      return (crc.checksum, length)
    }
    var checksum = results[0].checksum
    for index in 1..<blockCount {
      checksum = combine(checksum, results[index].checksum, secondLength: results[index].length)
    }
    return checksum
  }

  /// The shortest block that ``checksum(concatenating:threads:)`` gives its own thread.
  public static let parallelBlockLength = 1 << 22

  /// The checksum of `a ++ b` from the checksums of `a` and `b` and the length of `b`.
  ///
  /// ```
  /// crc(a ++ b) = crc(a) · x^(8·|b|) mod P  ⊕  crc(b)
  /// ```
  /// (the pre- and post-inversions cancel), with `x^(8·|b|) mod P` built from the
  /// precomputed powers `x^(2^k) mod P`. This is the method of zlib's `crc32_combine`
  /// (Adler, zlib 1.2.12), with the Castagnoli polynomial.
  ///
  /// - Parameters:
  ///   - first: The checksum of the first run.
  ///   - second: The checksum of the second run.
  ///   - secondLength: The length of the second run in bytes, at least 0.
  /// - Returns: The checksum of the two runs laid end to end.
  /// - Complexity: O(32 · log(secondLength)).
  public static func combine(_ first: UInt32, _ second: UInt32, secondLength: Int) -> UInt32 {
    precondition(secondLength >= 0, "CRC32C: a length cannot be negative")
    // x^(8n) = x^(n · 2^3): multiply the powers x^(2^(k+3)) for the set bits k of n.
    var power: UInt32 = 1 << 31  // x^0
    var remaining = UInt64(secondLength)
    var k = 3
    while remaining != 0 {
      if remaining & 1 == 1 { power = multiply(power, powersOfTwo[k]) }
      remaining >>= 1
      k += 1
    }
    return multiply(power, first) ^ second
  }

  /// `a · b mod P` for reflected polynomials (bit 31 holds the coefficient of x^0).
  private static func multiply(_ a: UInt32, _ b: UInt32) -> UInt32 {
    var product: UInt32 = 0
    var b = b
    var mask: UInt32 = 1 << 31
    while mask != 0 {
      if a & mask != 0 { product ^= b }
      b = b & 1 == 1 ? (b >> 1) ^ polynomial : b >> 1
      mask >>= 1
    }
    return product
  }

  /// `x^(2^k) mod P` for k in 0 ..< 67, by repeated squaring: enough for any length
  /// below 2^64 bytes (k runs from 3 to 3 + 63).
  private static let powersOfTwo: [UInt32] = {
    var powers = [UInt32](repeating: 0, count: 67)
    var power: UInt32 = 1 << 30  // x^1
    for k in 0..<67 {
      powers[k] = power
      power = multiply(power, power)
    }
    return powers
  }()

  /// The reflected Castagnoli polynomial.
  static let polynomial: UInt32 = 0x82F6_3B78

  /// Eight 256-entry tables back to back.
  ///
  /// Table 0 is the classic byte table; entry `i` of table `k` is the state change of
  /// byte `i` followed by `k` zero bytes.
  static let tables: [UInt32] = {
    var tables = [UInt32](repeating: 0, count: 8 * 256)
    for byte in 0..<256 {
      var crc = UInt32(byte)
      for _ in 0..<8 {
        crc = crc & 1 == 1 ? (crc >> 1) ^ polynomial : crc >> 1
      }
      tables[byte] = crc
    }
    for slice in 1..<8 {
      for byte in 0..<256 {
        let previous = tables[(slice - 1) * 256 + byte]
        tables[slice * 256 + byte] = (previous >> 8) ^ tables[Int(previous & 0xFF)]
      }
    }
    return tables
  }()
}
