/// Negation scope marking (Das & Chen 2001; Pang, Lee & Vaithyanathan 2002): every word
/// after a negator, up to the next clause punctuation, is rewritten with the prefix `NOT_`,
/// so that "will" and "NOT_will" are different features.
///
/// ```
/// "I do not think we will attack."   →  i | do | not | NOT_think | NOT_we | NOT_will | NOT_attack
/// "We won’t stop, we will respond."  →  we | won't | NOT_stop | we | will | respond
/// ```
///
/// Rules (``Tokenizer/marksNegation``, the CLI's `--negation`):
/// 1. A **negator** is a word token in ``negators`` (ASCII case-insensitive) or a word
///    ending in `n't` (`don't`, `won't`, `can't`, `isn't`, …; the tokenizer has already
///    written every apostrophe-like joiner, such as `’`, as ASCII `'`).
/// 2. A negator opens a **scope**; the negator itself is never marked. A negator inside an
///    open scope keeps it open: double negation is not cancelled ("not without" marks what
///    follows `without` like what follows `not`), as in Pang et al.; telling a real double
///    negative from negative concord needs a parser.
/// 3. The scope closes before the first token that follows **clause punctuation**
///    (``endsClause(_:next:afterSingleLetter:)``): `, ; : ! ? …`, brackets, em and en dashes,
///    and a period that is not inside a word (`U.S`) and does not follow a one-letter token
///    (the last period of `U.S.`). It also closes at the end of the document.
/// 4. Inside a scope, tokens of kind ``Token/Kind/word`` and ``Token/Kind/number`` get the
///    prefix; URLs, mentions and hashtags keep their form (the scope goes on).
///
/// The marked form is one token: word n-grams join marked tokens like any other
/// (`"NOT_will NOT_attack"`, `"not NOT_think"`), and character n-grams (`char_wb`) are taken
/// from the marked token padded with spaces, so a marked word shares its inner character
/// n-grams (`"tta"`) with its plain form but not the ones at its start (`" NOT_"` and
/// `"T_at"` instead of `" at"`). The prefix uses `_` and upper case, which the tokenizer
/// never writes into a word token, so a marked form can never equal a plain token.
///
/// - Complexity: O(bytes) per document when on; nothing when off, beyond one flag per
///   token set during the scan.
public enum NegationMarking {
  /// The negators besides the `n't` contractions, lowercase: our own list (docs/tokenizer.md).
  public static let negators: [String] = [
    "cannot", "neither", "never", "no", "nobody", "none", "noone", "nor", "not", "nothing",
    "nowhere", "without",
  ]

  /// The prefix written before a marked token.
  public static let prefix = "NOT_"

  /// ``negators`` as UTF-8, for comparisons without a `String`.
  private static let negatorBytes: [[UInt8]] = negators.map { Array($0.utf8) }

  /// ``prefix`` as UTF-8.
  static let prefixBytes: [UInt8] = Array(prefix.utf8)

  /// A token's bytes without the ``prefix`` marking it, and whether it was marked.
  ///
  /// - Parameter token: A token's bytes.
  /// - Returns: The plain word and whether it was in a negation scope.
  static func unmarked(_ token: UnsafeBufferPointer<UInt8>)
    -> (word: UnsafeBufferPointer<UInt8>, isMarked: Bool)
  {
    let prefix = prefixBytes
    guard token.count > prefix.count && zip(prefix, token).allSatisfy({ $0 == $1 }) else {
      return (token, false)
    }
    return (UnsafeBufferPointer(rebasing: token[prefix.count...]), true)
  }

  /// Whether the token bytes are a negator (rule 1), ASCII case-insensitively.
  ///
  /// - Parameter token: A token's bytes.
  /// - Returns: Whether it opens a scope.
  public static func isNegator(_ token: UnsafeBufferPointer<UInt8>) -> Bool {
    let count = token.count
    if count > 3 && token[count - 3] | 0x20 == 0x6E && token[count - 2] == 0x27
      && token[count - 1] | 0x20 == 0x74
    {
      return true
    }
    return negatorBytes.contains { word in
      word.count == count && zip(word, token).allSatisfy { $0 == $1 | 0x20 }
    }
  }

  /// Whether a separator scalar ends a clause (rule 3).
  ///
  /// - Parameters:
  ///   - scalar: The separator scalar.
  ///   - next: The scalar after it, or `nil` at the end of the text.
  ///   - afterSingleLetter: Whether the scalar directly follows a token of one ASCII letter.
  /// - Returns: Whether a negation scope closes here.
  static func endsClause(_ scalar: UInt32, next: UInt32?, afterSingleLetter: Bool) -> Bool {
    switch scalar {
    case 0x2E:
      if afterSingleLetter { return false }
      guard let next else { return true }
      return ScalarClass.of(next) != .alphanumeric
    case 0x21, 0x28, 0x29, 0x2C, 0x3A, 0x3B, 0x3F, 0x5B, 0x5D, 0x7B, 0x7D, 0x2013, 0x2014,
      0x2026, 0xA1, 0xBF:
      return true
    default:
      return false
    }
  }
}

extension TokenizedText {
  /// Applies ``NegationMarking`` to the tokens from `first` on, continuing the scope left
  /// open by earlier tokens (``negationScopeIsOpen``), and records whether it stays open.
  ///
  /// - Parameters:
  ///   - first: The first token to consider (earlier ones were marked already).
  ///   - closesAtEnd: Whether clause punctuation follows the last token.
  /// - Complexity: O(bytes from token `first` on).
  mutating func markNegation(from first: Int, closesAtEnd: Bool) {
    var open = negationScopeIsOpen
    var marked: [Int] = []
    bytes.withUnsafeBufferPointer { buffer in
      for index in first..<tokens.count {
        let token = tokens[index]
        if token.startsClause { open = false }
        if token.kind == .word
          && NegationMarking.isNegator(UnsafeBufferPointer(rebasing: buffer[token.range]))
        {
          open = true
        } else if open && (token.kind == .word || token.kind == .number) {
          marked.append(index)
        }
      }
    }
    negationScopeIsOpen = open && !closesAtEnd
    guard let firstMarked = marked.first else { return }
    insertPrefix(before: marked, firstMarked: firstMarked)
  }

  /// Writes ``NegationMarking/prefix`` before each token of `marked` (ascending), shifting
  /// the bytes after it to the right in place.
  private mutating func insertPrefix(before marked: [Int], firstMarked: Int) {
    let prefix = NegationMarking.prefixBytes
    var shift = prefix.count * marked.count
    bytes.append(contentsOf: repeatElement(0, count: shift))
    var pending = marked.count - 1
    bytes.withUnsafeMutableBufferPointer { buffer in
      tokens.withUnsafeMutableBufferPointer { tokens in
        for index in stride(from: tokens.count - 1, through: firstMarked, by: -1) {
          let range = tokens[index].range
          // The token and the space after it move right by the prefixes up to here.
          for position in stride(from: range.upperBound, through: range.lowerBound, by: -1) {
            buffer[position + shift] = buffer[position]
          }
          var start = range.lowerBound + shift
          let end = range.upperBound + shift
          if pending >= 0 && marked[pending] == index {
            shift -= prefix.count
            start = range.lowerBound + shift
            for (offset, byte) in prefix.enumerated() { buffer[start + offset] = byte }
            pending -= 1
          }
          tokens[index].range = start..<end
        }
      }
    }
  }
}
