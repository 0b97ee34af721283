/// Where a reported clause ends for `ExtractionRun`: the sentence's end without its closing
/// punctuation, cut before another statement (a semicolon, `, while …`, `, saying …`, a
/// conjunction opening another report) or a trailing gloss in the reporter's words.
extension ExtractionRun {
  /// The sentence's end with its trailing terminators and commas (outside quotes) left off.
  func trimmedEnd(_ sentence: Range<Int>) -> Int {
    var end = sentence.upperBound
    while end > sentence.lowerBound && tokens[end - 1].quote < 0
      && (tokens[end - 1].isTerminator || tokens[end - 1].kind == .comma)
    {
      end -= 1
    }
    return end
  }

  /// Where the reported clause that starts at `start` ends.
  ///
  /// At `trimmedEnd`, or before a semicolon, `, while …` / `, whereas …`, a participle cue
  /// (`, saying …`), a contrast or shared-predicate clause, or a conjunction that opens
  /// another report; a trailing gloss (`, an idea that …`, `, estimated by …`, `, which …`,
  /// `, setting up …`) and trailing commas and dashes are left off.
  ///
  /// - Complexity: O(tokens of the sentence).
  func clauseEndIndex(_ start: Int, _ sentence: Range<Int>) -> Int {
    var end = trimmedEnd(sentence)
    var position = start
    while position < end {
      let token = tokens[position]
      // `… was maniacal,” adding …`, `… “on these terms,” setting up …`: a participle cue or
      // a result participle right after a quotation that closes with a comma starts another
      // statement.
      if token.kind == .mark && token.quote < 0 && position > start && position + 1 < end
        && tokens[position - 1].kind == .comma
        && (isParticipleCue(position + 1, sentence)
          || opensResultPhrase(position + 1))
      {
        end = position + 1
        break
      }
      // A semicolon, `, while …` / `, whereas …`, or a participle cue (`, saying …`,
      // `, adding that …`) starts another statement.
      if token.quote < 0 && position > start
        && (token.kind == .semicolon
          || (token.kind == .comma && position + 1 < end
            && (["while", "whereas"].contains(parser.lowerWord(position + 1))
              || isParticipleCue(position + 1, sentence)
              || opensContrastClause(position + 1, end)
              || opensSharedPredicate(position + 1, end))))
      {
        end = position
        break
      }
      if token.quote < 0 && token.kind == .word && token.classes & C.conjunction != 0
        && opensAnotherReport(
          position, end, sentence,
          afterComma: position > start
            && tokens[position - 1].kind == .comma)
      {
        end = position
        break
      }
      position += 1
    }
    // A trailing reporter's gloss: `, an idea that …`, `, one that …`, `, estimated by …`,
    // `, which …`.
    var lastComma: Int?
    for index in start..<end where tokens[index].kind == .comma && tokens[index].quote < 0 {
      lastComma = index
    }
    if let comma = lastComma, comma + 2 < end {
      let first = parser.lowerWord(comma + 1)
      let second = parser.lowerWord(comma + 2)
      if first == "a" || first == "an" || first == "one" {
        let window = (comma + 2)..<min(end, comma + 7)
        if window.contains(where: { ["that", "which"].contains(parser.lowerWord($0)) }) {
          end = comma
        }
      } else if first.hasSuffix("ed") && second == "by" {
        end = comma
      } else if opensResultPhrase(comma + 1)
        && !(comma..<end).contains(where: { tokens[$0].quote >= 0 })
      {
        // `…, setting up a fresh fight …`, `…, prompting jeers`: what the statement led to,
        // in the reporter's words.
        end = comma
      } else if ["which", "who", "whose"].contains(first)
        && !(comma..<end).contains(where: {
          tokens[$0].quote >= 0 || tokens[$0].kind == .mark
            || (tokens[$0].classes & C.pronoun != 0 && $0 + 1 < end && tokens[$0 + 1].cue >= 0)
        })
      {
        // `…, which includes …`, `…, who does not need …`: a relative clause closing the
        // sentence glosses its last noun in the reporter's words (not one that quotes or
        // has a pronoun report: `…, which he called “…”`).
        end = comma
      }
    }
    while end > start && (tokens[end - 1].kind == .comma || tokens[end - 1].kind == .dash) {
      end -= 1
    }
    return end
  }

  /// What a statement may draw (`drawing jeers`, `drawing a sharp rebuke`).
  static let reactions: Set<String> = [
    "criticism", "fire", "jeers", "cheers", "applause", "laughter", "boos", "rebukes",
    "condemnation", "praise", "ire", "scorn", "outrage", "gasps", "groans", "rebuke",
    "backlash", "reply", "response", "rebuttal",
  ]

  /// Whether the reporter's account of what a statement led to opens at `index`.
  ///
  /// `prompting`, `sparking`, `triggering`, `igniting`, `provoking`, `fueling`, or `setting
  /// up`/`off`, `paving the way`, `touching off`, `drawing` + a reaction (`drawing jeers`,
  /// `drawing criticism from …`). Not `setting aside $40 million` or `drawing on lessons`,
  /// which may be what was said.
  func opensResultPhrase(_ index: Int) -> Bool {
    guard index + 1 < tokens.count, tokens[index].kind == .word, !tokens[index].isCapitalised
    else { return false }
    let next = parser.lowerWord(index + 1)
    switch parser.lowerWord(index) {
    case "prompting", "sparking", "triggering", "igniting", "provoking", "fueling", "fuelling":
      return true
    case "setting": return ["up", "off"].contains(next)
    case "touching": return next == "off"
    case "paving":
      return next == "the" && index + 2 < tokens.count
        && parser.lowerWord(index + 2) == "way"
    case "drawing":
      // `drawing loud jeers`, `drawing a sharp rebuke`: past an article or an adjective.
      var position = index + 1
      while position < min(tokens.count, index + 4)
        && ["a", "loud", "sharp", "swift", "immediate"].contains(parser.lowerWord(position))
      {
        position += 1
      }
      return position < tokens.count && Self.reactions.contains(parser.lowerWord(position))
    default: return false
    }
  }

  /// Whether the conjunction at `position` opens another report with its own subject and
  /// cue, which ends the reported clause before it.
  ///
  /// `…, and Raman said …`, `… and he added …`: a pronoun or up to three name words, then a
  /// cue. After a comma the subject may also be a short description (`…, but the harbour
  /// board said …`): up to five words, none of them a verb, `that`, a relative word, a
  /// conjunction or a quotation.
  func opensAnotherReport(_ position: Int, _ end: Int, _ sentence: Range<Int>, afterComma: Bool)
    -> Bool
  {
    var next = position + 1
    if next < end && tokens[next].classes & C.pronoun != 0 {
      next += 1
    } else {
      var names = 0
      while next < end && names < 3 && parser.isNameToken(tokens[next]) {
        next += 1
        names += 1
      }
      if names == 0 && afterComma {
        while next < min(end, position + 6),
          tokens[next].kind == .word || tokens[next].kind == .number,
          tokens[next].quote < 0, tokens[next].cue < 0, !parser.looksLikeVerb(next),
          tokens[next].classes & (C.relative | C.conjunction | C.that) == 0
        {
          next += 1
        }
      }
    }
    guard next < end, tokens[next].quote < 0, tokens[next].cue >= 0,
      tokens[next].classes & C.that == 0,
      let (cue, length) = matchCue(next, sentence)
    else { return false }
    let behaviour = lexicon.cueBehaviours[cue]
    return behaviour != .directOnly && behaviour != .quoteFollows
      && acceptCue(next, next + length, behaviour, sentence)
  }

  /// Whether a cue in `-ing` that reports speech stands at `index` (`saying`, `adding`).
  func isParticipleCue(_ index: Int, _ sentence: Range<Int>) -> Bool {
    guard tokens[index].kind == .word, tokens[index].quote < 0, tokens[index].cue >= 0,
      parser.lowerWord(index).hasSuffix("ing"),
      let (cue, length) = matchCue(index, sentence)
    else { return false }
    let behaviour = lexicon.cueBehaviours[cue]
    return behaviour != .directOnly && behaviour != .quoteFollows
      && acceptCue(index, index + length, behaviour, sentence)
  }
}
