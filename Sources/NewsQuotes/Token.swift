/// The quotation and apostrophe marks the tokenizer tells apart.
enum QuoteMark: UInt8 {
  case none
  /// “ (also closes „)
  case leftDouble
  /// ”
  case rightDouble
  /// „
  case lowDouble
  /// «
  case leftGuillemet
  /// »
  case rightGuillemet
  /// "
  case straightDouble
  /// ‘ not inside a word
  case leftSingle
  /// ’ not inside a word
  case rightSingle
}

/// One token of an article's analysed text, as a byte range.
///
/// A word, a punctuation sign or a quotation mark; tokens never own a `String`.
struct Token {
  enum Kind: UInt8 {
    case word, number, comma, period, question, exclamation, colon, semicolon, dash
    case openParen, closeParen, mark, other
  }

  /// First byte in the analysed text.
  var start: Int
  /// One past the last byte.
  var end: Int
  var kind: Kind
  var mark: QuoteMark = .none
  /// Lexicon classes (`Lexicon.Class` bits) of a word.
  var classes: UInt32 = 0
  /// The first cue whose first word this is, or −1.
  var cue: Int32 = -1
  /// The first letter is upper case (or the word is a name particle such as `al-Harthy`).
  var isCapitalised: Bool = false
  /// The word ends in `’s`/`'s` (or `s’`).
  var isPossessive: Bool = false
  /// The word kept a final full stop as an abbreviation (`Gen.`, `U.S.`, `M.`).
  var hasAbbreviationDot: Bool = false
  /// Dotted abbreviation such as `U.S.` or `a.m.` (may still end a sentence).
  var isDotted: Bool = false
  /// The top-level direct quote this token lies inside (marks excluded), or −1.
  var quote: Int32 = -1
  /// Whether whitespace precedes the token.
  var spaceBefore: Bool = false

  var isWord: Bool { kind == .word || kind == .number }
  var isTerminator: Bool { kind == .period || kind == .question || kind == .exclamation }
}

/// Decodes the Unicode scalar at `index`.
///
/// - Returns: The scalar value and its length in bytes (U+FFFD and 1 on a broken sequence).
@inline(__always)
func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> (UInt32, Int) {
  let b0 = UInt32(bytes[index])
  if b0 < 0x80 { return (b0, 1) }
  if b0 >= 0xC0 && b0 < 0xE0 && index + 1 < end {
    return (((b0 & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2)
  }
  if b0 >= 0xE0 && b0 < 0xF0 && index + 2 < end {
    let value =
      ((b0 & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6)
      | (UInt32(bytes[index + 2]) & 0x3F)
    return (value, 3)
  }
  if b0 >= 0xF0 && index + 3 < end {
    let value =
      ((b0 & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12)
      | ((UInt32(bytes[index + 2]) & 0x3F) << 6) | (UInt32(bytes[index + 3]) & 0x3F)
    return (value, 4)
  }
  return (0xFFFD, 1)
}

@inline(__always)
func isLetterScalar(_ value: UInt32) -> Bool {
  if value < 0x80 {
    return (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A)
  }
  guard let scalar = Unicode.Scalar(value) else { return false }
  return scalar.properties.isAlphabetic
}

@inline(__always)
func isDigitScalar(_ value: UInt32) -> Bool { value >= 0x30 && value <= 0x39 }

@inline(__always)
func isUppercaseScalar(_ value: UInt32) -> Bool {
  if value < 0x80 { return value >= 0x41 && value <= 0x5A }
  guard let scalar = Unicode.Scalar(value) else { return false }
  return scalar.properties.isUppercase
}

@inline(__always)
func isSpaceScalar(_ value: UInt32) -> Bool {
  value == 0x20 || value == 0x09 || value == 0x0A || value == 0x0D || value == 0xA0
    || value == 0x2009 || value == 0x202F || value == 0x200B
}

/// Splits analysed text into tokens, one pass over the bytes.
///
/// Two apostrophes in a row (`''`) are one straight double quotation mark.
struct Tokenizer {
  let lexicon: Lexicon

  /// Appends the tokens of `bytes[range]` to `tokens`.
  func tokenize(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into tokens: inout [Token]
  ) {
    var index = range.lowerBound
    let end = range.upperBound
    var sawSpace = true
    while index < end {
      let (value, length) = decodeScalar(bytes, index, end)
      if isSpaceScalar(value) {
        sawSpace = true
        index += length
        continue
      }
      let start = index
      var token: Token
      if isLetterScalar(value) || isDigitScalar(value) {
        token = scanWord(bytes, start, end)
      } else {
        token = Token(start: start, end: start + length, kind: .other)
        switch value {
        case 0x2C: token.kind = .comma
        case 0x2E: token.kind = .period
        case 0x3F: token.kind = .question
        case 0x21: token.kind = .exclamation
        case 0x3A: token.kind = .colon
        case 0x3B: token.kind = .semicolon
        case 0x28, 0x5B: token.kind = .openParen
        case 0x29, 0x5D: token.kind = .closeParen
        case 0x2014, 0x2013, 0x2D: token.kind = .dash
        case 0x2026: token.kind = .period
        case 0x201C:
          token.kind = .mark
          token.mark = .leftDouble
        case 0x201D:
          token.kind = .mark
          token.mark = .rightDouble
        case 0x201E:
          token.kind = .mark
          token.mark = .lowDouble
        case 0xAB:
          token.kind = .mark
          token.mark = .leftGuillemet
        case 0xBB:
          token.kind = .mark
          token.mark = .rightGuillemet
        case 0x22:
          token.kind = .mark
          token.mark = .straightDouble
        case 0x27 where start + 1 < end && bytes[start + 1] == 0x27:
          // Two apostrophes stand for a straight double mark (`''Q,'' she said`), as in
          // archives that strip typographic quotes.
          token = Token(start: start, end: start + 2, kind: .mark, mark: .straightDouble)
        case 0x2018:
          token.kind = .mark
          token.mark = .leftSingle
        case 0x2019:
          // A closing single mark right after a word ending in s may be a plural possessive
          // (soldiers’); the quote finder decides, the word is marked possessive as well.
          token.kind = .mark
          token.mark = .rightSingle
          if let last = tokens.last, last.end == start, last.kind == .word,
            bytes[start - 1] == 0x73
          {
            tokens[tokens.count - 1].isPossessive = true
          }
        default: break
        }
      }
      token.spaceBefore = sawSpace
      sawSpace = false
      tokens.append(token)
      index = token.end
    }
  }

  private func scanWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Token {
    var index = start
    var allDigits = true
    var hasInnerDot = false
    var letters = 0
    let (first, _) = decodeScalar(bytes, start, end)
    while index < end {
      let (value, length) = decodeScalar(bytes, index, end)
      if isLetterScalar(value) {
        allDigits = false
        letters += 1
        index += length
        continue
      }
      if isDigitScalar(value) {
        index += length
        continue
      }
      // Word-internal joiners: hyphen, apostrophes, dots in U.S. and 3.67, commas in 1,100.
      let next = index + length
      guard next < end else { break }
      let (after, _) = decodeScalar(bytes, next, end)
      let joinsLetters = isLetterScalar(after) || isDigitScalar(after)
      if value == 0x2D || value == 0x2019 || value == 0x27 || value == 0x2018 {
        if joinsLetters {
          index = next
          continue
        }
        break
      }
      if value == 0x2E && joinsLetters {
        hasInnerDot = true
        index = next
        continue
      }
      if value == 0x2C && allDigits && isDigitScalar(after) {
        index = next
        continue
      }
      break
    }
    var token = Token(start: start, end: index, kind: allDigits ? .number : .word)
    token.isCapitalised = isUppercaseScalar(first)
    if token.kind == .word {
      lexicon.classify(&token, bytes)
      let count = index - start
      if count >= 2 && (bytes[index - 1] == 0x73 || bytes[index - 1] == 0x53) {
        let apostrophe = bytes[index - 2] == 0x27
        let curly =
          count >= 4 && bytes[index - 4] == 0xE2 && bytes[index - 3] == 0x80
          && bytes[index - 2] == 0x99
        token.isPossessive = apostrophe || curly
      }
      // Name particles: al-Harthy, el-Tayeb count as capitalised.
      if !token.isCapitalised && count > 3 && bytes[start + 2] == 0x2D
        && (bytes[start] == 0x61 || bytes[start] == 0x65)
      {
        let (afterHyphen, _) = decodeScalar(bytes, start + 3, end)
        token.isCapitalised = isUppercaseScalar(afterHyphen)
      }
      if index < end && bytes[index] == 0x2E {
        let isInitial = letters == 1 && token.isCapitalised && !hasInnerDot
        let numberFollows =
          index + 2 < end && bytes[index + 1] == 0x20 && bytes[index + 2] >= 0x30
          && bytes[index + 2] <= 0x39 && token.classes & Lexicon.Class.numberAbbreviation != 0
        if hasInnerDot || isInitial || numberFollows
          || token.classes & Lexicon.Class.abbreviation != 0
        {
          token.end = index + 1
          token.hasAbbreviationDot = true
          token.isDotted = hasInnerDot
        }
      }
    }
    return token
  }
}
