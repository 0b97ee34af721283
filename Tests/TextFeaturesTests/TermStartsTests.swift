import Testing

@testable import TextFeatures

/// Term starts stored in 4 bytes each, including arenas past 4 GiB.
@Suite struct TermStartsTests {
  @Test func startsBelowFourGiBReadBack() {
    let starts = [0, 3, 3, 7, 4_294_967_295]
    let stored = TermStarts(starts)
    #expect(stored.count == starts.count)
    #expect(starts.indices.allSatisfy { stored[$0] == starts[$0] })
  }

  @Test func startsPastFourGiBReadBack() {
    let gib4 = 1 << 32
    let starts = [0, 5, gib4 - 1, gib4, gib4 + 9, 3 * gib4 + 2, 3 * gib4 + 2, 4 * gib4]
    let stored = TermStarts(starts)
    #expect(starts.indices.allSatisfy { stored[$0] == starts[$0] })
    var appended = TermStarts()
    for start in starts.dropFirst() { appended.append(start) }
    #expect(appended == stored)
  }
}
