import LinearAlgebra
import Testing

@testable import TextFeatures

/// Golden values of the frozen feature hash v1.
///
/// They were computed independently with this Python one-liner (FNV-1a 64 with an optional
/// 0xFF prefix, then MurmurHash3's fmix64):
///
/// ```
/// python3 -c "import sys
/// def h(b, c=False):
///   s=0xcbf29ce484222325
///   for x in (b'\xff' if c else b'')+b: s=((s^x)*0x100000001b3)%2**64
///   s^=s>>33; s=s*0xff51afd7ed558ccd%2**64; s^=s>>33; s=s*0xc4ceb9fe1a85ec53%2**64; s^=s>>33
///   return s
/// for t,c in [(b'',0),(b'a',0),(b'b',0),(b'hello',0),(b'rate hike',0),('müller'.encode(),0),
///             (b'ab',1),(b' ab',1)]: v=h(t,c); print(t,c,hex(v),v&1023,-1 if v>>63 else 1)"
/// ```
struct FeatureHasherTests {
  static let golden: [(String, FeatureKind, UInt64, Int, Int)] = [
    ("", .wordNGram, 0xEFD0_1F60_BA99_2926, 294, -1),
    ("a", .wordNGram, 0x82A2_A958_A9BE_CE5B, 603, -1),
    ("b", .wordNGram, 0x6E67_3288_764A_D2D0, 720, 1),
    ("hello", .wordNGram, 0xE9C5_62C0_FDB2_3244, 580, -1),
    ("rate hike", .wordNGram, 0xA811_C2EF_C027_8A2C, 556, -1),
    ("m\u{00FC}ller", .wordNGram, 0xD051_D2ED_7D40_6E8E, 654, -1),
    ("ab", .characterNGram, 0xEF08_2F15_B79F_7F2E, 814, -1),
    (" ab", .characterNGram, 0xFB5C_D34A_FDAC_D3E3, 995, -1),
  ]

  @Test("golden hash, bucket (10 bits) and sign", arguments: golden)
  func goldenValue(term: String, kind: FeatureKind, hash: UInt64, bucket: Int, sign: Int) throws {
    #expect(FeatureHasher.hash(Array(term.utf8), kind: kind) == hash)
    let hasher = try FeatureHasher(bits: 10)
    #expect(hasher.bucketAndSign(of: term, kind: kind) == (bucket, sign))
  }

  @Test func characterBasisIsThePrefixedState() {
    #expect(
      FeatureHasher.characterBasis == (FeatureHasher.offsetBasis ^ 0xFF) &* FeatureHasher.prime)
  }

  @Test func bucketIsLowBitsSignIsTopBit() throws {
    let hasher = try FeatureHasher(bits: 4)
    #expect(hasher.bucketCount == 16)
    #expect(hasher.bucket(of: 0xFFFF_FFFF_FFFF_FFF3) == 3)
    #expect(hasher.sign(of: 0x8000_0000_0000_0000) == -1)
    #expect(hasher.sign(of: 0x7FFF_FFFF_FFFF_FFFF) == 1)
  }

  @Test func bitsAreValidated() {
    #expect(throws: VectorizerError.invalidHashBits(0)) { try FeatureHasher(bits: 0) }
    #expect(throws: VectorizerError.invalidHashBits(31)) { try FeatureHasher(bits: 31) }
  }

  /// Hashing mode end to end: raw counts, signed, no idf, no normalisation.
  @Test func hashingVectorizerPlacesSignedCounts() throws {
    let configuration = VectorizerConfiguration(
      wordNGrams: .unigrams,
      hashBits: 10, weighting: TermWeighting(scheme: .termFrequency, normalization: .disabled))
    let (vectorizer, matrix) = try Vectorizer.fitTransform(
      ["a a b", "hello"], configuration: configuration)
    #expect(vectorizer.featureCount == 1024)
    #expect(matrix.entries(ofRow: 0).map(\.column) == [603, 720])
    #expect(matrix[0, 603] == -2)  // "a": sign −1, count 2
    #expect(matrix[0, 720] == 1)  // "b": sign +1
    #expect(matrix[1, 580] == -1)  // "hello"
    #expect(vectorizer.documentFrequency(ofColumn: 603) == 1)
    #expect(vectorizer.documentFrequency(ofColumn: 7) == 0)
    #expect(vectorizer.featureName(at: 603) == "hash:603")
    #expect(vectorizer.transform(["b b"]).entries(ofRow: 0).map(\.column) == [720])
    #expect(vectorizer.transform(["b b"])[0, 720] == 2)
  }

  /// Hashing with tf-idf: df counts documents per bucket; unseen buckets get df = 0.
  @Test func hashingWithInverseDocumentFrequency() throws {
    let configuration = VectorizerConfiguration(
      wordNGrams: .unigrams,
      hashBits: 10, weighting: TermWeighting(normalization: .disabled))
    let vectorizer = try Vectorizer.fit(["a b", "a", "hello"], configuration: configuration)
    let idf = try #require(vectorizer.inverseDocumentFrequencies)
    #expect(idf.count == 1024)
    // Tolerance: a few ulps of the natural logarithm.
    #expect(abs(idf[603] - (log(4.0 / 3.0) + 1)) < 1e-12)  // "a": df 2 of n = 3
    #expect(abs(idf[720] - (log(2.0) + 1)) < 1e-12)  // "b": df 1
    #expect(abs(idf[0] - (log(4.0) + 1)) < 1e-12)  // unseen bucket: df 0
    let row = vectorizer.transform(["a a"])
    // Float storage: tolerance 1e-6 relative.
    #expect(abs(Double(row[0, 603]) - (-2 * (log(4.0 / 3.0) + 1))) < 1e-6)
  }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
