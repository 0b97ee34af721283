import StanceTestSupport
import Testing

@testable import TextFeatures

/// The vocabulary engine's hash table: insertion, growth, lookup, iteration and sorted
/// order, collisions, dropped and rebuilt slots, and its invariant check.
@Suite struct TermTableTests {
  /// Inserts `text` as a term of `kind`; returns its id.
  @discardableResult
  private static func insert(
    _ text: String, kind: FeatureKind = .wordNGram, into table: inout TermTable
  ) -> Int32 {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      let range = 0..<buffer.count
      return table.insert(
        buffer, range, kind: kind, hash: FeatureHasher.hash(buffer, range, kind: kind))
    }
  }

  /// The id of `text` as a term of `kind`, or -1.
  private static func find(
    _ text: String, kind: FeatureKind = .wordNGram, in table: TermTable
  ) -> Int32 {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buffer in
      let range = 0..<buffer.count
      return table.find(
        buffer, range, kind: kind, hash: FeatureHasher.hash(buffer, range, kind: kind))
    }
  }

  /// Words of 0 to 40 letters from a small alphabet, so that many share prefixes of 8 and
  /// 16 bytes (the sort keys) and some are proper prefixes of others.
  private static func words(count: Int, seed: UInt64) -> [String] {
    var generator = SplitMix64(seed: seed)
    var result: [String] = []
    for _ in 0..<count {
      let length = Int(generator.next() % 41)
      let letters = (0..<length).map { _ in generator.next() % 2 == 0 ? "a" : "b" }
      result.append(letters.joined())
    }
    return result
  }

  @Test func idsFollowInsertionOrderAndRepeatsKeepTheirId() {
    var table = TermTable()
    #expect(table.count == 0)
    #expect(Self.insert("peace", into: &table) == 0)
    #expect(Self.insert("talks", into: &table) == 1)
    #expect(Self.insert("peace", into: &table) == 0)
    #expect(Self.insert("pe", kind: .characterNGram, into: &table) == 2)
    #expect(Self.insert("pe", into: &table) == 3)
    #expect(table.count == 4)
    #expect(Self.find("talks", in: table) == 1)
    #expect(Self.find("pe", kind: .characterNGram, in: table) == 2)
    #expect(Self.find("pe", in: table) == 3)
    #expect(Self.find("peac", in: table) == -1)
    #expect(Self.find("talks", kind: .characterNGram, in: table) == -1)
    #expect(
      (0..<table.count).map { table.term(at: $0) } == [
        Term("peace"), Term("talks"), Term("pe", kind: .characterNGram), Term("pe"),
      ])
    #expect(
      Array(table.storedBytes(of: 2)) == [FeatureKind.characterNGramPrefix] + Array("pe".utf8))
    #expect(table.arena.count == 5 + 5 + 3 + 2)
    #expect(table.invariantViolation() == nil)
  }

  @Test func growsFromTheSmallestTableAndFindsEveryTerm() {
    var table = TermTable(capacity: 1)
    let count = 5000
    for index in 0..<count {
      #expect(Self.insert("term\(index)", into: &table) == Int32(index))
      if index == 7 || index == 8 || index == 4095 || index == 4096 {
        // Around a growth step: the table was rebuilt and still holds every term.
        #expect(table.invariantViolation() == nil)
      }
    }
    #expect(table.count == count)
    #expect((0..<count).allSatisfy { Self.find("term\($0)", in: table) == Int32($0) })
    #expect(Self.find("term\(count)", in: table) == -1)
    #expect(table.invariantViolation() == nil)
  }

  @Test func edgeCaseTermsAreStoredAndFound() {
    // The empty term; terms of 7, 8, 9, 15, 16, 17 bytes (the word-at-a-time comparison and
    // its masked tail); a term at the very end of the arena shorter than eight bytes (the
    // byte-by-byte tail); multi-byte UTF-8.
    let texts = [
      "", "abcdefg", "abcdefgh", "abcdefghi", "abcdefghijklmno", "abcdefghijklmnop",
      "abcdefghijklmnopq", "Müller", "é", "x",
    ]
    var table = TermTable()
    for (index, text) in texts.enumerated() {
      #expect(Self.insert(text, into: &table) == Int32(index))
    }
    for (index, text) in texts.enumerated() {
      #expect(Self.find(text, in: table) == Int32(index))
      #expect(table.term(at: index) == Term(text))
      // The same bytes as the character n-gram are another term.
      #expect(Self.find(text, kind: .characterNGram, in: table) == -1)
    }
    // A near miss in the last byte of each length class.
    for text in texts where !text.isEmpty {
      #expect(Self.find(String(text.dropLast()) + "#", in: table) == -1)
    }
    #expect(table.invariantViolation() == nil)
  }

  @Test func looksUpATermInsideALargerBuffer() {
    var table = TermTable()
    Self.insert("rate", into: &table)
    Self.insert("ratehike", into: &table)
    let text = Array("no ratehike now rate".utf8)
    text.withUnsafeBufferPointer { buffer in
      func id(_ range: Range<Int>) -> Int32 {
        table.find(
          buffer, range, kind: .wordNGram,
          hash: FeatureHasher.hash(buffer, range, kind: .wordNGram))
      }
      #expect(id(3..<11) == 1)
      #expect(id(3..<7) == 0)
      // At the buffer's end, with fewer than eight bytes after the start.
      #expect(id(16..<20) == 0)
      #expect(id(0..<2) == -1)
    }
  }

  @Test func collidingHashesAreTellApartByTheirBytes() throws {
    // Two terms of one length whose hashes agree in the 24 bits a slot keeps and in the low
    // 4 bits that choose a home slot among 16: a lookup of either reaches the other's slot
    // first and must compare bytes. The hash is frozen, so the search finds the same pair
    // every time.
    var seen: [UInt64: String] = [:]
    var pair: (String, String)?
    for index in 0..<200_000 where pair == nil {
      let text = "k" + String(1_000_000 + index)
      let hash = FeatureHasher.hash(Array(text.utf8), kind: .wordNGram)
      let key = (hash >> 40) << 4 | hash & 15
      if let earlier = seen[key] { pair = (earlier, text) } else { seen[key] = text }
    }
    let (first, second) = try #require(pair)
    var table = TermTable(capacity: 4)
    #expect(Self.insert(first, into: &table) == 0)
    #expect(Self.find(second, in: table) == -1)
    #expect(Self.insert(second, into: &table) == 1)
    #expect(Self.find(first, in: table) == 0)
    #expect(Self.find(second, in: table) == 1)
    #expect(table.invariantViolation() == nil)
  }

  @Test func homeSlotCollisionsProbeOnAcrossTheTableEnd() throws {
    // 8 terms in 16 slots (half full, the most before growing), two of them at home in the
    // last slot: the second probes on past the table's end to the first slot.
    func home(_ text: String) -> UInt64 {
      FeatureHasher.hash(Array(text.utf8), kind: .wordNGram) & 15
    }
    let candidates = (0..<200).map { "w\($0)" }
    let atEnd = Array(candidates.filter { home($0) == 15 }.prefix(2))
    try #require(atEnd.count == 2)
    let texts = atEnd + candidates.filter { home($0) != 15 }.prefix(6)
    var table = TermTable(capacity: 8)
    for (index, text) in texts.enumerated() {
      #expect(Self.insert(text, into: &table) == Int32(index))
    }
    #expect(texts.indices.allSatisfy { Self.find(texts[$0], in: table) == Int32($0) })
    #expect(Self.find("w200", in: table) == -1)
    #expect(table.invariantViolation() == nil)
  }

  @Test func sortedTermsFollowStoredBytes() {
    var table = TermTable()
    var texts = Self.words(count: 600, seed: 7)
    // A run of more than 24 terms sharing their first sort key, and long terms sharing 16
    // bytes, so both ways of ordering a run and the byte comparison are used.
    texts += (0..<40).map { "abababab" + String($0 * 7919 % 1000) }
    texts += (0..<10).map { "bbbbbbbbbbbbbbbb" + String(repeating: "a", count: $0 % 3) + "\($0)" }
    for text in texts { Self.insert(text, into: &table) }
    for text in texts.prefix(50) { Self.insert(text, kind: .characterNGram, into: &table) }
    let sorted = table.sortedTerms()
    let stored = (0..<table.count).map { Array(table.storedBytes(of: $0)) }
    let expected = stored.indices.sorted { stored[$0].lexicographicallyPrecedes(stored[$1]) }
    #expect(sorted.ids.map(Int.init) == expected)
    #expect(sorted.count == table.count)
    #expect(sorted.arena == expected.flatMap { stored[$0] })
    #expect(sorted.starts.last == table.arena.count)
    #expect(
      sorted.ids.indices.allSatisfy {
        Array(sorted.arena[sorted.starts[$0]..<sorted.starts[$0 + 1]]) == stored[expected[$0]]
          && sorted.hashes[$0] == table.hash(of: expected[$0])
      })
    // Character n-grams (prefix byte 0xFF) come after every word.
    let firstCharacter = sorted.ids.firstIndex { table.term(at: Int($0)).kind == .characterNGram }
    #expect(firstCharacter == sorted.count - Set(texts.prefix(50)).count)
  }

  @Test func compareOrdersBytesAndAProperPrefixFirst() {
    let left = Array("abcabd".utf8)
    #expect(TermTable.compare(left, 0..<3, left, 3..<6) < 0)
    #expect(TermTable.compare(left, 3..<6, left, 0..<3) > 0)
    #expect(TermTable.compare(left, 0..<2, left, 0..<3) < 0)
    #expect(TermTable.compare(left, 0..<3, Array("abc".utf8), 0..<3) == 0)
    #expect(TermTable.compare([0xFF], 0..<1, [0x7A], 0..<1) > 0)
  }

  @Test func tablesBuiltCompleteAnswerAsInsertedOnes() {
    let texts = Self.words(count: 9000, seed: 11).enumerated().map { "\($0.offset)-\($0.element)" }
    var inserted = TermTable()
    for text in texts { Self.insert(text, into: &inserted) }
    var starts = [0]
    for id in 0..<inserted.count { starts.append(starts[id] + inserted.storedBytes(of: id).count) }
    let hashes = (0..<inserted.count).map { inserted.hash(of: $0) }
    // One thread fills in id order; four fill regions concurrently (9,000 terms need 32,768
    // slots: more than 4,096 per region).
    for threads in [1, 4] {
      let built = TermTable(
        arena: inserted.arena, starts: starts, hashes: hashes, threads: threads)
      #expect(built == inserted)
      #expect(built.invariantViolation() == nil)
      #expect(texts.indices.allSatisfy { Self.find(texts[$0], in: built) == Int32($0) })
      var placed = TermTable(withoutSlotsArena: inserted.arena, starts: starts)
      #expect(!placed.hasSlots)
      placed.placeSlots(hashes: hashes, threads: threads)
      #expect(placed.hasSlots && placed == inserted)
      #expect(texts.indices.allSatisfy { Self.find(texts[$0], in: placed) == Int32($0) })
    }
    // A complete table keeps no hashes; inserting recomputes them and grows as usual.
    var grown = TermTable(arena: inserted.arena, starts: starts, hashes: hashes)
    #expect(Self.insert("new term", into: &grown) == Int32(texts.count))
    #expect(Self.insert(texts[17], into: &grown) == 17)
    #expect(grown.invariantViolation() == nil)
  }

  @Test func droppedSlotsComeBackWithTheSameAnswers() {
    let texts = Self.words(count: 20_000, seed: 3).enumerated().map { "\($0.offset)\($0.element)" }
    var table = TermTable()
    for text in texts { Self.insert(text, into: &table) }
    let copy = table
    table.dropSlots()
    #expect(!table.hasSlots)
    #expect(table == copy)
    #expect(table.term(at: 123) == copy.term(at: 123))
    table.restoreSlots(threads: 3)
    #expect(table.hasSlots)
    #expect(table.invariantViolation() == nil)
    #expect(texts.indices.allSatisfy { Self.find(texts[$0], in: table) == Int32($0) })
    // Restoring a table that has its slots changes nothing.
    table.restoreSlots(threads: 1)
    #expect(Self.find(texts[0], in: table) == 0)
  }

  @Test func storedFormRoundTrips() {
    var table = TermTable()
    Self.insert("ab", kind: .characterNGram, into: &table)
    Self.insert("ab", into: &table)
    var copy = TermTable()
    for id in 0..<table.count {
      #expect(copy.insert(stored: table.storedBytes(of: id)) == Int32(id))
    }
    #expect(copy == table)
    #expect(copy.term(at: 0) == Term("ab", kind: .characterNGram))
  }

  @Test func invariantCheckNamesBrokenStarts() {
    // Built without slots, nothing checks the starts: the check itself must see them.
    let table = TermTable(withoutSlotsArena: Array("abcd".utf8), starts: [0, 3, 2, 4])
    #expect(table.invariantViolation() == "the starts decrease at term 1")
    let sound = TermTable(withoutSlotsArena: Array("abcd".utf8), starts: [0, 2, 2, 4])
    #expect(sound.invariantViolation() == nil)
  }
}
