/// Splits text into sentences, aware of abbreviations and of quotation marks.
///
/// A sentence ends at `.`, `?`, `!` or `…` outside quotation marks when the next token starts
/// a sentence (a capital, a digit or an opening mark). A full stop that belongs to an
/// abbreviation (`Mr.`, `Dr.`, `Gen.`, `Lt. Col.`, `Sen.`, `No. 5`, initials as in
/// `James M. Inhofe`) never ends one; a dotted abbreviation (`U.S.`, `a.m.`) ends one only
/// before a typical sentence opener (`The`, `He`, …). A full stop inside a quotation does not
/// end the sentence; after the closing mark the sentence ends only if no attribution
/// (`… Diarra said`) follows within a few words, before any comma, or the attribution
/// reports a clause with `that` (`… She added that …`).
public struct SentenceSegmenter: Sendable {
  let lexicon: Lexicon

  /// Creates a segmenter.
  public init() {
    lexicon = Lexicon.english
  }

  init(lexicon: Lexicon) {
    self.lexicon = lexicon
  }

  /// The sentences of `text` as UTF-8 byte ranges (whitespace between sentences excluded).
  ///
  /// Line breaks are treated as paragraph breaks: no sentence runs over one.
  ///
  /// - Parameter text: Plain text.
  /// - Returns: Byte ranges into `text.utf8`, in order.
  /// - Complexity: O(n) in the length of `text`.
  public func sentences(in text: String) -> [Range<Int>] {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { mutable in
      let buffer = UnsafeBufferPointer(mutable)
      var result: [Range<Int>] = []
      var lineStart = 0
      for index in 0...buffer.count where index == buffer.count || buffer[index] == 0x0A {
        var tokens: [Token] = []
        Tokenizer(lexicon: lexicon).tokenize(buffer, lineStart..<index, into: &tokens)
        // Quote membership makes the split quote-aware.
        _ = QuoteMarkFinder.topLevelQuotes(&tokens, 0..<tokens.count, paragraph: 0)
        for range in split(tokens, 0..<tokens.count) {
          result.append(tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end)
        }
        lineStart = index + 1
      }
      return result
    }
  }

  /// Splits the tokens of one paragraph (quote membership already set) into sentences.
  ///
  /// - Returns: Token index ranges.
  func split(_ tokens: [Token], _ range: Range<Int>) -> [Range<Int>] {
    var sentences: [Range<Int>] = []
    var start = range.lowerBound
    var index = range.lowerBound
    while index < range.upperBound {
      if endsSentence(tokens, index, range) {
        var end = index + 1
        // Closing marks and brackets right after the terminator stay with the sentence.
        while end < range.upperBound && tokens[end].quote < 0
          && (tokens[end].kind == .closeParen
            || (tokens[end].kind == .mark && !opensAt(tokens, end, range)))
        {
          end += 1
        }
        sentences.append(start..<end)
        start = end
        index = end
        continue
      }
      index += 1
    }
    if start < range.upperBound { sentences.append(start..<range.upperBound) }
    return sentences
  }

  private func opensAt(_ tokens: [Token], _ index: Int, _ range: Range<Int>) -> Bool {
    index + 1 < range.upperBound && tokens[index + 1].quote >= 0
  }

  private func startsSentence(_ tokens: [Token], _ index: Int, _ range: Range<Int>) -> Bool {
    guard index < range.upperBound else { return true }
    let token = tokens[index]
    if token.kind == .mark || token.kind == .number || token.kind == .openParen { return true }
    return token.kind == .word && token.isCapitalised
  }

  /// Whether `that` stands at `index` or after at most three time words (`on Tuesday`,
  /// `last week`).
  private func thatFollows(_ tokens: [Token], _ index: Int, _ range: Range<Int>) -> Bool {
    let time =
      Lexicon.Class.timeWord | Lexicon.Class.timeName | Lexicon.Class.weekday
      | Lexicon.Class.preposition
    var position = index
    while position < min(range.upperBound, index + 4) && tokens[position].kind == .word {
      if tokens[position].classes & Lexicon.Class.that != 0 { return true }
      guard tokens[position].classes & time != 0 else { return false }
      position += 1
    }
    return false
  }

  private func endsSentence(_ tokens: [Token], _ index: Int, _ range: Range<Int>) -> Bool {
    let token = tokens[index]
    if token.quote >= 0 { return false }
    if token.isTerminator {
      var next = index + 1
      while next < range.upperBound && tokens[next].kind == .closeParen { next += 1 }
      return startsSentence(tokens, next, range)
    }
    if token.kind == .word && token.isDotted {
      let next = index + 1
      guard next < range.upperBound else { return true }
      return tokens[next].isCapitalised
        && tokens[next].classes & Lexicon.Class.sentenceStarter != 0
    }
    if token.kind == .mark && index > range.lowerBound && tokens[index - 1].quote >= 0
      && tokens[index - 1].isTerminator
    {
      // A closing mark after “… .”: the sentence goes on if an attribution follows.
      let next = index + 1
      guard startsSentence(tokens, next, range) else { return false }
      if next < range.upperBound && tokens[next].kind == .mark { return true }
      // Not when a comma comes first (`On Friday, he remarked:` opens a sentence) or the cue
      // is capitalised (`Asked if …` opens one too).
      var look = next
      while look < range.upperBound && look < next + 6 {
        let candidate = tokens[look]
        if candidate.isTerminator || candidate.quote >= 0 || candidate.kind == .mark
          || candidate.kind == .comma
        {
          break
        }
        // `“… strong.” She added that …`, `She said on Tuesday that …`: a cue with `that`
        // after it (past at most three time words) reports a clause of its own and opens a
        // new sentence.
        if candidate.cue >= 0 && !candidate.isCapitalised {
          return thatFollows(tokens, look + 1, range)
        }
        look += 1
      }
      return true
    }
    return false
  }
}
