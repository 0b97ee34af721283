/// A list of function words: words that hold a sentence together but say little about
/// stance or sentiment on their own ("to", "for", "there's", "a lot").
///
/// Two uses: `predict --explain` hides features made only of function words, so the
/// evidence shown is the evidence a reader would recognise; and ``Tokenizer/stopWords``
/// (the CLI's `--stop-words english`) drops them before n-grams are formed, as
/// scikit-learn's `stop_words=` does (so "not to attack" gives the bigram "not attack").
///
/// The English list is our own (docs/tokenizer.md): articles and determiners, pronouns,
/// prepositions, conjunctions, the forms of *be*, *have* and *do*, a few adverbs of degree
/// and pronoun contractions. On purpose it leaves out the negators of ``NegationMarking``
/// (`not`, `no`, `without`, …), modal verbs (`will`, `must`, `should`, …: intention and
/// obligation are stance) and `against` (a stance word in itself).
public enum StopWordList: String, Hashable, Sendable, Codable, CaseIterable {
  /// English function words.
  case english

  /// The words, lowercase ASCII, sorted by their bytes.
  public var words: [String] { Self.englishWords }

  /// Whether the token bytes are one of the words, ASCII case-insensitively; a token
  /// marked by ``NegationMarking`` counts as its plain form.
  ///
  /// - Parameter token: A token's bytes.
  /// - Returns: Whether it is a function word.
  /// - Complexity: O(log n) comparisons of at most the token's length; no allocation.
  public func contains(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
    let word = NegationMarking.unmarked(token).word
    var low = 0
    var high = Self.englishBytes.count
    while low < high {
      let middle = (low + high) / 2
      switch Self.compare(Self.englishBytes[middle], word) {
      case 0: return true
      case ..<0: low = middle + 1
      default: high = middle
      }
    }
    return false
  }

  /// Whether `text` (one token) is one of the words; as the byte form does.
  ///
  /// - Parameter text: A token.
  /// - Returns: Whether it is a function word.
  public func contains(_ text: String) -> Bool {
    var copy = text
    return copy.withUTF8 { contains($0) }
  }

  /// Whether a feature says nothing but function words: a word n-gram all of whose tokens
  /// are in the list, or a character n-gram that is a whole padded function word
  /// (`" to "`).
  ///
  /// - Parameter term: A vocabulary term.
  /// - Returns: Whether `predict --explain` hides it by default.
  public func isFunctionWordFeature(_ term: Term) -> Bool {
    switch term.kind {
    case .wordNGram:
      return term.text.split(separator: " ").allSatisfy { contains(String($0)) }
    case .characterNGram:
      guard term.text.hasPrefix(" "), term.text.hasSuffix(" "), term.text.count > 2 else {
        return false
      }
      return contains(String(term.text.dropFirst().dropLast()))
    }
  }

  /// Compares a lowercase list word with token bytes folded to ASCII lowercase.
  ///
  /// - Returns: Negative, zero or positive as `word` sorts before, equal to or after.
  private static func compare(_ word: [UInt8], _ token: UnsafeBufferPointer<UInt8>) -> Int {
    for (index, byte) in word.enumerated() {
      guard index < token.count else { return 1 }
      let other = token[index] &- 0x41 < 26 ? token[index] | 0x20 : token[index]
      if byte != other { return Int(byte) - Int(other) }
    }
    return word.count == token.count ? 0 : -1
  }

  /// ``englishWords`` as bytes.
  private static let englishBytes: [[UInt8]] = englishWords.map { Array($0.utf8) }

  /// The English function words, sorted by bytes.
  private static let englishWords: [String] = [
    // Articles, determiners and quantifiers.
    "a", "all", "an", "another", "any", "both", "each", "every", "few", "lot", "lots", "many",
    "more", "most", "much", "other", "own", "same", "several", "some", "such", "that", "the",
    "these", "this", "those",
    // Pronouns.
    "anybody", "anyone", "anything", "everybody", "everyone", "everything", "he", "her",
    "here", "hers", "herself", "him", "himself", "his", "i", "it", "its", "itself", "me",
    "mine", "my", "myself", "one", "our", "ours", "ourselves", "she", "somebody", "someone",
    "something", "their", "theirs", "them", "themselves", "there", "they", "us", "we", "what",
    "whatever", "which", "who", "whoever", "whom", "whose", "you", "your", "yours",
    "yourself", "yourselves",
    // Prepositions.
    "about", "above", "across", "after", "along", "among", "around", "as", "at", "before",
    "behind", "below", "beneath", "beside", "between", "beyond", "by", "down", "during",
    "for", "from", "in", "inside", "into", "near", "of", "off", "on", "onto", "out",
    "outside", "over", "past", "since", "through", "throughout", "to", "toward", "towards",
    "under", "until", "up", "upon", "via", "with", "within",
    // Conjunctions and adverbs of degree.
    "also", "although", "and", "because", "but", "if", "just", "once", "or", "quite",
    "rather", "so", "than", "then", "though", "too", "unless", "very", "whereas", "whether",
    "while",
    // Forms of be, have and do.
    "am", "are", "be", "been", "being", "did", "do", "does", "doing", "had", "has", "have",
    "having", "is", "was", "were",
    // Pronoun contractions without a modal.
    "he's", "here's", "i'm", "i've", "it's", "let's", "she's", "that's", "there's",
    "they're", "they've", "we're", "we've", "what's", "who's", "you're", "you've",
  ].sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
}

extension TokenizedText {
  /// Removes the tokens from `first` on that `list` contains, closing the gaps in place.
  ///
  /// - Parameters:
  ///   - list: The function words.
  ///   - first: The first token to consider.
  /// - Complexity: O(bytes from token `first` on).
  mutating func dropStopWords(_ list: StopWordList, from first: Int) {
    guard first < tokens.count else { return }
    var kept = first
    var write = tokens[first].range.lowerBound
    bytes.withUnsafeMutableBufferPointer { buffer in
      tokens.withUnsafeMutableBufferPointer { tokens in
        for index in first..<tokens.count {
          var token = tokens[index]
          let range = token.range
          guard !list.contains(UnsafeBufferPointer(rebasing: buffer[range])) else { continue }
          // Moving left never overwrites bytes not yet read.
          for (offset, position) in (range.lowerBound...range.upperBound).enumerated() {
            buffer[write + offset] = buffer[position]
          }
          token.range = write..<(write + range.count)
          tokens[kept] = token
          kept += 1
          write += range.count + 1
        }
      }
    }
    tokens.removeLast(tokens.count - kept)
    bytes.removeLast(bytes.count - write)
  }
}
