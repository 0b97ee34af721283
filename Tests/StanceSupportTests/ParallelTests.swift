import Testing

@testable import StanceSupport

/// The one fan-out: every index runs exactly once, results come back in index order, and
/// the thread limit changes nothing but the scheduling.
@Suite struct ParallelTests {
  @Test(arguments: [0, 1, 2, 7, 64])
  func mapReturnsResultsInIndexOrder(count: Int) {
    let expected = (0..<count).map { $0 * $0 + 1 }
    #expect(Parallel.map(count) { $0 * $0 + 1 } == expected)
    for threads in [1, 2, 3, 100] {
      #expect(Parallel.map(count, threads: threads) { $0 * $0 + 1 } == expected, "\(threads)")
    }
  }

  @Test func mapOverBlocksKeepsBlockOrder() {
    let blocks = [0..<3, 3..<3, 3..<10, 10..<11]
    #expect(Parallel.map(blocks) { $0.count } == [3, 0, 7, 1])
  }

  @Test func mapKeepsOptionalResults() {
    let results: [Int?] = Parallel.map(5) { $0.isMultiple(of: 2) ? $0 : nil }
    #expect(results == [0, nil, 2, nil, 4])
  }

  @Test(arguments: [1, 2, 3, 8])
  func forEachRunsEveryIndexOnce(threads: Int) {
    let count = 1_000
    var hits = [Int](repeating: 0, count: count)
    hits.withUnsafeMutableBufferPointer { hits in
      Parallel.forEach(count, threads: threads) { hits[$0] += 1 }
    }
    #expect(hits == [Int](repeating: 1, count: count))
  }

  @Test func bothRunsEachSideOnce() {
    for onTwoThreads in [false, true] {
      var first = 0
      var second = 0
      Parallel.both(onTwoThreads: onTwoThreads, { first += 1 }, { second += 2 })
      #expect(first == 1 && second == 2)
    }
  }

  @Test func oneThreadRunsInIndexOrderOnTheCallingThread() {
    var order: [Int] = []
    Parallel.forEach(4, threads: 1) { order.append($0) }
    #expect(order == [0, 1, 2, 3])
  }
}

/// FNV-1a 64 and SplitMix64 against values computed independently.
///
/// The expected values come from this Python:
/// ```python
/// M = 2**64
/// def fnv(b):
///     h = 0xcbf29ce484222325
///     for x in b: h = ((h ^ x) * 0x100000001b3) % M
///     return h
/// s = 0                                   # SplitMix64, seed 0
/// for _ in range(4):
///     s = (s + 0x9E3779B97F4A7C15) % M
///     z = ((s ^ (s >> 30)) * 0xBF58476D1CE4E5B9) % M
///     z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % M
///     print(hex(z ^ (z >> 31)))
/// ```
@Suite struct HashAndGeneratorTests {
  @Test func fnv1aMatchesReferenceValues() {
    #expect(FNV1a64.hash([UInt8]()) == 0xCBF2_9CE4_8422_2325)
    #expect(FNV1a64.hash(Array("a".utf8)) == 0xAF63_DC4C_8601_EC8C)
    #expect(FNV1a64.hash("foobar".utf8) == 0x8594_4171_F739_67E8)
  }

  @Test func fnv1aExtendsAStateOverMoreBytes() {
    let bytes = Array("foobar".utf8)
    let whole = bytes.withUnsafeBufferPointer { FNV1a64.extend(FNV1a64.offsetBasis, $0, 0..<6) }
    let split = bytes.withUnsafeBufferPointer {
      FNV1a64.extend(FNV1a64.extend(FNV1a64.offsetBasis, $0, 0..<2), $0, 2..<6)
    }
    #expect(whole == 0x8594_4171_F739_67E8)
    #expect(split == whole)
    #expect(FNV1a64.extend(FNV1a64.hash("foo".utf8), "bar".utf8) == whole)
  }

  @Test func splitMixMatchesReferenceSequence() {
    var generator = SplitMix64(seed: 0)
    #expect(
      (0..<4).map { _ in generator.next() } == [
        0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
        0xF88B_B8A8_724C_81EC,
      ])
  }

  @Test func splitMixUnitDrawUsesTheTop53Bits() {
    var generator = SplitMix64(seed: 0)
    #expect(generator.nextUnit() == Double(UInt64(0xE220_A839_7B1D_CDAF) >> 11) * 0x1p-53)
  }
}
