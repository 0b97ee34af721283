/// Titles and names in quotation marks (`on ABC’s “This Week,”`, `a “Ted Cruz” pin`):
/// quoted words of the reporter's sentence, not speech.
extension ExtractionRun {
  /// Whether a quote is a title or name set in quotation marks inside a sentence.
  ///
  /// It follows a word of the same paragraph that is no speech cue (so it does not open its
  /// sentence and is not what a cue introduces: `said “Yes.”` stays a quote), holds one to
  /// seven words, every one capitalised, a number or a short function word (`of`, `the`,
  /// `with` …), and no question or exclamation mark. A name given with a form of `call` up
  /// to four words before it (`called Rubio “Little Marco”`) is the caller's word, not a
  /// title.
  func isTitle(_ quote: MarkedQuote) -> Bool {
    guard quote.continuedBy == nil, quote.continues == nil, let close = quote.close,
      quote.open > 0
    else { return false }
    let before = tokens[quote.open - 1]
    guard before.kind == .word, before.quote < 0,
      !(before.end..<tokens[quote.open].start).contains(where: { bytes[$0] == 0x0A })
    else { return false }
    if before.cue >= 0 && !parser.lowerWord(quote.open - 1).hasPrefix("call") { return false }
    // `called Merkel “The Chancellor of the Free World”`: a name someone gives is their word.
    var look = quote.open - 1
    while look >= 0 && look >= quote.open - 4 && tokens[look].kind == .word
      && tokens[look].quote < 0
    {
      if tokens[look].cue >= 0 && parser.lowerWord(look).hasPrefix("call") { return false }
      look -= 1
    }
    var words = 0
    var capitals = 0
    for index in (quote.open + 1)..<close {
      let token = tokens[index]
      switch token.kind {
      case .word, .number:
        words += 1
        if token.isCapitalised || token.kind == .number {
          capitals += 1
        } else if !WordLists.titleFunctionWords.contains(parser.lowerWord(index)) {
          return false
        }
      case .question, .exclamation:
        return false
      default:
        break
      }
    }
    return (1...7).contains(words) && capitals >= 1
  }

  /// Whether a quote is a short term inside the reporter's clause (`Humphrey, who calls
  /// Trump a “sociopath,” said …`): at most four words, after a lower-case word of the same
  /// sentence, so the cue after its closing mark belongs to the sentence, not to the quote.
  func isEmbeddedTerm(_ quote: MarkedQuote) -> Bool {
    guard quote.continues == nil, let close = quote.close, quote.open > 0 else { return false }
    let before = tokens[quote.open - 1]
    guard before.kind == .word, before.quote < 0, !before.isCapitalised, before.cue < 0 else {
      return false
    }
    let inner = (quote.open + 1)..<close
    return inner.filter({ tokens[$0].isWord }).count <= 4
      && !inner.contains(where: { tokens[$0].isTerminator })
  }
}
