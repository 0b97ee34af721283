import StanceSupport

/// The hashing trick: every term goes to one of `2^bits` signed columns, with no vocabulary.
///
/// See Weinberger et al. 2009, "Feature Hashing for Large Scale Multitask Learning".
///
/// The hash is specified here and frozen ("StanceKit feature hash v1"); golden-value tests
/// pin it, so a model file's columns mean the same on every machine and in every process.
/// It never uses `Hasher` or `hashValue`, which are seeded per process.
///
/// ```
/// bytes  = the term's UTF-8 bytes, preceded by 0xFF for a character n-gram
/// h      = 0xcbf29ce484222325                          (FNV-1a 64 offset basis)
/// for b in bytes: h = (h XOR b) · 0x100000001b3 mod 2⁶⁴   (FNV-1a 64)
/// h ^= h >> 33; h = h · 0xff51afd7ed558ccd mod 2⁶⁴      (MurmurHash3 fmix64 finaliser,
/// h ^= h >> 33; h = h · 0xc4ceb9fe1a85ec53 mod 2⁶⁴       which spreads every input bit
/// h ^= h >> 33                                           over every output bit)
/// bucket = h AND (2^bits − 1)                            (the low `bits` bits)
/// sign   = +1 if bit 63 of h is 0, −1 if it is 1
/// ```
///
/// The sign halves the bias that collisions add to inner products: colliding terms cancel
/// in expectation instead of always adding up.
public struct FeatureHasher: Hashable, Sendable, Codable {
  /// The number of hash bits: there are `2^bits` buckets (columns).
  public let bits: Int

  /// The accepted range of ``bits`` (columns must fit in `Int32`).
  public static let bitRange = 1...30

  /// Creates a hasher with `2^bits` buckets.
  ///
  /// - Parameter bits: The number of hash bits, in ``bitRange``.
  /// - Throws: ``VectorizerError/invalidHashBits(_:)``.
  public init(bits: Int) throws(VectorizerError) {
    guard Self.bitRange.contains(bits) else { throw VectorizerError.invalidHashBits(bits) }
    self.bits = bits
  }

  /// The number of buckets, `2^bits`.
  public var bucketCount: Int { 1 << bits }

  /// The bucket (column) and sign of a term.
  ///
  /// - Parameters:
  ///   - term: The term's text (an n-gram as the tokenizer writes it).
  ///   - kind: Whether it is a word or a character n-gram.
  /// - Returns: The column in `0 ..< bucketCount` and `+1` or `−1`.
  public func bucketAndSign(of term: String, kind: FeatureKind = .wordNGram)
    -> (bucket: Int, sign: Int)
  {
    let hash = Self.hash(Array(term.utf8), kind: kind)
    return (bucket(of: hash), sign(of: hash))
  }

  /// The bucket of a finished hash: its low ``bits`` bits.
  ///
  /// - Parameter hash: A value of ``hash(_:kind:)``.
  /// - Returns: A column in `0 ..< bucketCount`.
  @inline(__always)
  public func bucket(of hash: UInt64) -> Int {
    Int(truncatingIfNeeded: hash & (UInt64(1) << UInt64(bits) &- 1))
  }

  /// The sign of a finished hash: `+1` when bit 63 is clear, `−1` when it is set.
  ///
  /// - Parameter hash: A value of ``hash(_:kind:)``.
  /// - Returns: `+1` or `−1`.
  @inline(__always)
  public func sign(of hash: UInt64) -> Int {
    hash >> 63 == 0 ? 1 : -1
  }

  /// The frozen 64-bit feature hash of a term's bytes (FNV-1a 64, then fmix64).
  ///
  /// - Parameters:
  ///   - bytes: The term's UTF-8 bytes.
  ///   - kind: For ``FeatureKind/characterNGram`` the byte `0xFF` is hashed first.
  /// - Returns: The finished hash.
  public static func hash(_ bytes: [UInt8], kind: FeatureKind = .wordNGram) -> UInt64 {
    bytes.withUnsafeBufferPointer { hash($0, 0..<$0.count, kind: kind) }
  }

  /// The FNV-1a 64 offset basis (StanceSupport's ``FNV1a64``).
  static var offsetBasis: UInt64 { FNV1a64.offsetBasis }
  /// The FNV-1a 64 prime.
  static var prime: UInt64 { FNV1a64.prime }
  /// The FNV-1a state after hashing the character n-gram prefix byte `0xFF`:
  /// `(offsetBasis ^ 0xFF) &* prime` (a test checks this).
  static let characterBasis: UInt64 = 0xAF64_724C_8602_EB6E

  /// The feature hash of `buffer[range]`.
  @inline(__always)
  static func hash(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, kind: FeatureKind)
    -> UInt64
  {
    finish(extend(kind == .wordNGram ? offsetBasis : characterBasis, buffer, range))
  }

  /// The FNV-1a state after hashing `buffer[range]` on from `state`.
  ///
  /// FNV-1a reads bytes one after another, so the state of a term's bytes continued over
  /// more bytes is the state of all of them: a word n-gram's state extends that of the
  /// (n − 1)-gram it starts with.
  @inline(__always)
  static func extend(_ state: UInt64, _ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> UInt64
  {
    FNV1a64.extend(state, buffer, range)
  }

  /// The finished hash of an FNV-1a state (fmix64).
  @inline(__always)
  static func finish(_ state: UInt64) -> UInt64 {
    FNV1a64.finish(state)
  }
}
