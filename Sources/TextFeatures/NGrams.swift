/// Which part of the feature space a term belongs to.
///
/// Word n-grams and character n-grams never collide: character n-gram terms are stored and
/// hashed with the reserved prefix byte `0xFF` (``characterNGramPrefix``), which never
/// occurs in UTF-8 and so can never be produced by the tokenizer. Sorting terms by their
/// stored bytes therefore puts every word n-gram before every character n-gram, and within
/// a kind orders terms by their UTF-8 bytes.
public enum FeatureKind: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
  /// Tokens and runs of adjacent tokens joined by one ASCII space (`"rate hike"`).
  case wordNGram
  /// Character n-grams within one token padded with a space on each side (`" ra"`).
  case characterNGram

  /// The byte that starts the stored form of every character n-gram term.
  public static let characterNGramPrefix: UInt8 = 0xFF

  /// Word n-grams sort before character n-grams.
  ///
  /// - Parameters:
  ///   - lhs: A kind.
  ///   - rhs: Another kind.
  /// - Returns: Whether `lhs` sorts first.
  public static func < (lhs: FeatureKind, rhs: FeatureKind) -> Bool {
    lhs == .wordNGram && rhs == .characterNGram
  }
}

extension TokenizedText {
  /// Calls `body` once per n-gram occurrence, with the n-gram as a slice of ``bytes``.
  ///
  /// Word n-grams (scikit-learn's `_word_ngrams`): for each length `n` in `words` and each
  /// start `i`, tokens `i ..< i + n` joined by one space. Character n-grams (scikit-learn's
  /// `char_wb`): each token is padded with one space on each side, and for each `n` in
  /// `characters` the n-grams of Unicode scalars are produced left to right; a padded
  /// token of at most `n` scalars yields itself once and stops the longer lengths.
  ///
  /// - Parameters:
  ///   - words: Word n-gram lengths, or `nil` for none.
  ///   - characters: Character n-gram lengths, or `nil` for none.
  ///   - scalarStarts: Scratch storage, reused across calls.
  ///   - firstNewToken: Only the n-grams whose last token is at or after this index are
  ///     produced: the earlier tokens were carried over from the previous segment of a
  ///     long document (``Tokenizer/tokenize(segment:after:keepingLast:)``).
  ///   - body: Receives the buffer, the n-gram's byte range and its kind.
  @inline(__always)
  func forEachNGram(
    words: NGramRange?, characters: NGramRange?, scalarStarts: inout [Int],
    firstNewToken: Int = 0,
    _ body: (UnsafeBufferPointer<UInt8>, Range<Int>, FeatureKind) -> Void
  ) {
    bytes.withUnsafeBufferPointer { buffer in
      tokens.withUnsafeBufferPointer { tokens in
        if let words {
          let count = tokens.count
          for length in words.lengths where length <= count {
            let lowest = Swift.max(0, firstNewToken - length + 1)
            guard lowest <= count - length else { continue }
            for first in lowest...(count - length) {
              let range =
                tokens[first].range.lowerBound..<tokens[first + length - 1].range.upperBound
              body(buffer, range, .wordNGram)
            }
          }
        }
        if let characters {
          for token in tokens[Swift.min(firstNewToken, tokens.count)...] {
            let padded = (token.range.lowerBound - 1)..<(token.range.upperBound + 1)
            scalarStarts.removeAll(keepingCapacity: true)
            for index in padded where buffer[index] & 0xC0 != 0x80 {
              scalarStarts.append(index)
            }
            scalarStarts.append(padded.upperBound)
            let scalarCount = scalarStarts.count - 1
            for length in characters.lengths {
              if scalarCount <= length {
                body(buffer, padded, .characterNGram)
                break
              }
              for first in 0...(scalarCount - length) {
                body(buffer, scalarStarts[first]..<scalarStarts[first + length], .characterNGram)
              }
            }
          }
        }
      }
    }
  }

  /// The number of word n-gram occurrences of the given lengths.
  ///
  /// - Parameters:
  ///   - words: Word n-gram lengths.
  ///   - firstNewToken: Count only the n-grams whose last token is at or after this index.
  /// - Returns: `Σ max(0, tokens − n + 1 − max(0, firstNewToken − n + 1))` over the
  ///   lengths `n`.
  func wordNGramCount(_ words: NGramRange, firstNewToken: Int = 0) -> Int {
    words.lengths.reduce(0) {
      $0 + Swift.max(0, tokens.count - $1 + 1 - Swift.max(0, firstNewToken - $1 + 1))
    }
  }

  /// Calls `body` once per word n-gram occurrence, in the order of
  /// ``forEachNGram(words:characters:scalarStarts:firstNewToken:_:)``, with its bytes in ``bytes`` and its
  /// feature hash (``FeatureHasher``, kind ``FeatureKind/wordNGram``).
  ///
  /// The n-gram of tokens `i ..< i + n` is the (n − 1)-gram of tokens `i ..< i + n − 1`
  /// followed by a space and token `i + n − 1`, so its FNV-1a state continues from that
  /// n-gram's: every length hashes each token's bytes once, instead of every n-gram
  /// hashing all of its own.
  ///
  /// - Parameters:
  ///   - words: Word n-gram lengths.
  ///   - states: Scratch storage, reused across calls.
  ///   - firstNewToken: Only the n-grams whose last token is at or after this index are
  ///     produced (see ``forEachNGram(words:characters:scalarStarts:firstNewToken:_:)``).
  ///   - body: Receives the n-gram's byte range and its hash.
  @inline(__always)
  func forEachWordNGramHash(
    _ words: NGramRange, states: inout [UInt64], firstNewToken: Int = 0,
    _ body: (Range<Int>, UInt64) -> Void
  ) {
    let count = tokens.count
    let longest = Swift.min(words.upperBound, count)
    guard longest >= 1 else { return }
    if states.count < count {
      states = [UInt64](repeating: 0, count: Swift.max(count, 2 * states.count))
    }
    bytes.withUnsafeBufferPointer { buffer in
      tokens.withUnsafeBufferPointer { tokens in
        states.withUnsafeMutableBufferPointer { states in
          // Lengths below the range are hashed too: longer n-grams continue from them.
          for length in 1...longest {
            // The first start whose n-gram is produced; none below the range's lengths.
            let lowestEmitted =
              length >= words.lowerBound ? Swift.max(0, firstNewToken - length + 1) : Int.max
            for first in 0...(count - length) {
              let last = first + length - 1
              let end = tokens[last].range.upperBound
              let state =
                length == 1
                ? FeatureHasher.extend(
                  FeatureHasher.offsetBasis, buffer, tokens[first].range.lowerBound..<end)
                : FeatureHasher.extend(
                  states[first], buffer, tokens[last - 1].range.upperBound..<end)
              states[first] = state
              if first >= lowestEmitted {
                body(tokens[first].range.lowerBound..<end, FeatureHasher.finish(state))
              }
            }
          }
        }
      }
    }
  }

  /// The word n-grams of this document as strings, in scikit-learn's order (by length,
  /// then by position), for tests and debugging.
  ///
  /// - Parameter range: The n-gram lengths.
  /// - Returns: One string per occurrence.
  public func wordNGrams(_ range: NGramRange) -> [String] {
    var scratch: [Int] = []
    var result: [String] = []
    forEachNGram(words: range, characters: nil, scalarStarts: &scratch) { buffer, range, _ in
      result.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self))
    }
    return result
  }

  /// The `char_wb` character n-grams of this document as strings, in scikit-learn's order
  /// (by token, then by length, then by position), for tests and debugging.
  ///
  /// - Parameter range: The n-gram lengths, in Unicode scalars.
  /// - Returns: One string per occurrence.
  public func characterNGrams(_ range: NGramRange) -> [String] {
    var scratch: [Int] = []
    var result: [String] = []
    forEachNGram(words: nil, characters: range, scalarStarts: &scratch) { buffer, range, _ in
      result.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self))
    }
    return result
  }
}
