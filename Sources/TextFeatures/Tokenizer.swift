/// The rule-based tokenizer of StanceKit: tokenizer spec v1 over UTF-8 bytes.
///
/// Scalar classes:
/// - *alphanumeric*: ASCII letters and digits, and every non-ASCII scalar whose general
///   category is Letter, Mark or Number;
/// - *apostrophe-like* `' ’ ‘ ʼ ′` and *hyphen-like* `- ‐ ‑`: joiners inside words;
/// - quote marks `" “ ” « » „`, whitespace, punctuation, symbols, `_` and U+FFFD:
///   separators.
///
/// Rules, applied left to right (a *boundary* is the start of the text or a position whose
/// previous scalar is not alphanumeric):
/// 1. **URL**: at a boundary, `http://`, `https://` or `www.` (ASCII case-insensitive)
///    starts a URL that runs to the next whitespace; trailing `. , ; : ! ? ) ] } ' " ’ ” »`
///    are trimmed. Only ASCII letters are case-folded inside a URL.
/// 2. **Mention** `@` + `[A-Za-z0-9_]+` and **hashtag** `#` + (alphanumeric | `_`)+, both
///    at a boundary. A lone `@` or `#` is a separator.
/// 3. **Word**: a maximal run of alphanumerics in which one joiner may sit *between two
///    alphanumerics*: apostrophe-like (written as ASCII `'`), hyphen-like (written as ASCII
///    `-`), or `.`/`,` between two ASCII digits. Its kind is ``Token/Kind/number`` when it
///    holds only ASCII digits, `.` and `,`.
/// 4. **Case folding** (``foldsCase``, on by default): ASCII `A`–`Z` → `a`–`z`; other
///    scalars by Unicode's full lowercase mapping (Python's `str.lower()`), including the
///    final-sigma rule evaluated within the token.
///
/// ```
/// "Tehran‘s “red line” won’t move"  →  tehran's | red | line | won't | move
/// "RT @user_1: see https://x.org/a?b=1. #Fed"  →  rt | @user_1 | see | https://x.org/a?b=1 | #fed
/// ```
///
/// Tokens are byte ranges into a ``TokenizedText`` buffer: no `String` is created per
/// token. ASCII scalars take a fast path; Unicode properties are consulted only for
/// non-ASCII scalars. Invalid UTF-8 is replaced by U+FFFD (a separator), never a crash.
public struct Tokenizer: Hashable, Sendable, Codable {
  /// Whether tokens are lowercased (rule 4).
  public var foldsCase: Bool
  /// Whether words in a negation scope get the `NOT_` prefix (``NegationMarking``); off by
  /// default.
  public var marksNegation: Bool
  /// Function words dropped from the tokens after negation marking (``StopWordList``), or
  /// `nil` (the default) to keep every token.
  public var stopWords: StopWordList?

  /// Creates a tokenizer.
  ///
  /// - Parameters:
  ///   - foldsCase: Whether to lowercase tokens; on by default.
  ///   - marksNegation: Whether to mark negation scopes; off by default.
  ///   - stopWords: Function words to drop; none by default.
  public init(foldsCase: Bool = true, marksNegation: Bool = false, stopWords: StopWordList? = nil) {
    self.foldsCase = foldsCase
    self.marksNegation = marksNegation
    self.stopWords = stopWords
  }

  private enum CodingKeys: String, CodingKey {
    case foldsCase
    case marksNegation
    case stopWords
  }

  /// Decodes a tokenizer; absent keys take their defaults.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError` for a value of the wrong type.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      foldsCase: try container.decodeIfPresent(Bool.self, forKey: .foldsCase) ?? true,
      marksNegation: try container.decodeIfPresent(Bool.self, forKey: .marksNegation) ?? false,
      stopWords: try container.decodeIfPresent(StopWordList.self, forKey: .stopWords))
  }

  /// Whether the tokens are rewritten after the scan (negation marks, stop words).
  private var rewritesTokens: Bool { marksNegation || stopWords != nil }

  /// Applies negation marking and stop-word removal to the tokens from `first` on.
  private func rewrite(_ output: inout TokenizedText, from first: Int, closesAtEnd: Bool) {
    if marksNegation { output.markNegation(from: first, closesAtEnd: closesAtEnd) }
    if let stopWords { output.dropStopWords(stopWords, from: first) }
  }

  /// Tokenizes `text`.
  ///
  /// - Parameter text: A document.
  /// - Returns: Its tokens and their normalised text.
  /// - Complexity: O(UTF-8 length of `text`).
  public func tokenize(_ text: String) -> TokenizedText {
    var output = TokenizedText()
    tokenize(text, into: &output)
    return output
  }

  /// Tokenizes `text` into `output`, replacing its contents but keeping its storage.
  ///
  /// - Parameters:
  ///   - text: A document.
  ///   - output: Receives the tokens and their normalised text.
  /// - Complexity: O(UTF-8 length of `text`); no allocation once `output` has grown.
  public func tokenize(_ text: String, into output: inout TokenizedText) {
    let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
      tokenize(wellFormed: bytes, into: &output)
    }
    if done == nil {
      var copy = text
      copy.makeContiguousUTF8()
      copy.utf8.withContiguousStorageIfAvailable { bytes in
        tokenize(wellFormed: bytes, into: &output)
      }
    }
  }

  /// Tokenizes raw bytes that should be UTF-8; ill-formed sequences become U+FFFD.
  ///
  /// Ill-formed input is repaired first (each maximal ill-formed subpart becomes one
  /// U+FFFD, as Python's `errors="replace"` does); U+FFFD is a separator, except inside a
  /// URL, which runs to the next whitespace.
  ///
  /// - Parameter bytes: The document's bytes.
  /// - Returns: Its tokens and their normalised text.
  /// - Complexity: O(`bytes.count`).
  public func tokenize(utf8 bytes: [UInt8]) -> TokenizedText {
    tokenize(String(decoding: bytes, as: UTF8.self))
  }

  /// The text of every token of `text`, for tests and debugging.
  ///
  /// - Parameter text: A document.
  /// - Returns: One `String` per token, in order.
  public func tokenTexts(_ text: String) -> [String] {
    tokenize(text).tokenTexts
  }

  /// Tokenizes well-formed UTF-8 into `output`.
  ///
  /// The bytes are written through a pointer into room for the longest possible output
  /// (``TokenWriter/room(forInputCount:)``), which is trimmed afterwards.
  func tokenize(wellFormed input: UnsafeBufferPointer<UInt8>, into output: inout TokenizedText) {
    let room = TokenWriter.room(forInputCount: input.count)
    if output.bytes.count < room {
      output.bytes.append(contentsOf: repeatElement(0, count: room - output.bytes.count))
    }
    var tokens: [Token] = []
    swap(&tokens, &output.tokens)
    tokens.removeAll(keepingCapacity: true)
    let (written, closesAtEnd) = output.bytes.withUnsafeMutableBufferPointer { room in
      var writer = TokenWriter(room: room)
      swap(&writer.tokens, &tokens)
      scan(input, into: &writer)
      swap(&writer.tokens, &tokens)
      return (writer.count, writer.clauseBreakPending)
    }
    output.bytes.removeLast(output.bytes.count - written)
    swap(&tokens, &output.tokens)
    output.negationScopeIsOpen = false
    guard rewritesTokens else { return }
    rewrite(&output, from: 0, closesAtEnd: closesAtEnd)
    output.negationScopeIsOpen = false
  }

  /// Tokenizes the next segment of a long document into `output`, after the last
  /// `carried` tokens of the previous segment, which stay at the front of `output`.
  ///
  /// A segment must start at the document's start or just after an ASCII whitespace
  /// byte: no rule looks across whitespace (a URL ends at it, and a boundary is any position
  /// after a scalar that is not alphanumeric), so tokenizing the segments one after another
  /// gives the tokens of the whole document. Keeping the last tokens lets word n-grams
  /// span two segments.
  ///
  /// - Parameters:
  ///   - input: The segment, well-formed UTF-8.
  ///   - output: The previous segment's tokens; receives the kept tokens and the new ones.
  ///   - carried: How many of the previous tokens to keep (fewer if there are fewer).
  /// - Returns: The number of tokens kept, which is the index of the segment's first token.
  @discardableResult
  func tokenize(
    segment input: UnsafeBufferPointer<UInt8>, after output: inout TokenizedText,
    keepingLast carried: Int
  ) -> Int {
    let scopeIsOpen = output.negationScopeIsOpen
    let kept = output.keepLastTokens(carried)
    output.negationScopeIsOpen = scopeIsOpen
    let prefix = output.bytes.count
    let room = prefix - 1 + TokenWriter.room(forInputCount: input.count)
    if output.bytes.count < room {
      output.bytes.append(contentsOf: repeatElement(0, count: room - output.bytes.count))
    }
    var tokens: [Token] = []
    swap(&tokens, &output.tokens)
    let (written, closesAtEnd) = output.bytes.withUnsafeMutableBufferPointer { room in
      var writer = TokenWriter(room: room, continuingAt: prefix)
      swap(&writer.tokens, &tokens)
      scan(input, into: &writer)
      swap(&writer.tokens, &tokens)
      return (writer.count, writer.clauseBreakPending)
    }
    output.bytes.removeLast(output.bytes.count - written)
    swap(&tokens, &output.tokens)
    if rewritesTokens { rewrite(&output, from: kept, closesAtEnd: closesAtEnd) }
    return kept
  }

  /// Applies the rules to `input`, writing the tokens to `output`.
  private func scan(_ input: UnsafeBufferPointer<UInt8>, into output: inout TokenWriter) {
    let end = input.count
    var position = 0
    var previousIsAlphanumeric = false
    while position < end {
      let (scalar, length) = decodeScalar(input, at: position)
      let scalarClass = ScalarClass.of(scalar)
      if !previousIsAlphanumeric {
        let folded = input[position] | 0x20
        if folded == 0x68 || folded == 0x77, let urlEnd = urlEnd(input, from: position) {
          let start = output.count
          for index in position..<urlEnd {
            output.append(foldASCII(input[index]))
          }
          output.endToken(from: start, kind: .url)
          previousIsAlphanumeric = lastScalarIsAlphanumeric(input, before: urlEnd)
          position = urlEnd
          continue
        }
        if scalarClass == .at, position + 1 < end, isMentionByte(input[position + 1]) {
          let start = output.count
          output.append(0x40)
          var index = position + 1
          while index < end && isMentionByte(input[index]) {
            output.append(foldASCII(input[index]))
            index += 1
          }
          output.endToken(from: start, kind: .mention)
          previousIsAlphanumeric = input[index - 1] != 0x5F
          position = index
          continue
        }
        if scalarClass == .hash, position + 1 < end {
          let (next, _) = decodeScalar(input, at: position + 1)
          let nextClass = ScalarClass.of(next)
          if nextClass == .alphanumeric || nextClass == .underscore {
            position = scanHashtag(
              input, from: position, into: &output, endsAlphanumeric: &previousIsAlphanumeric)
            continue
          }
        }
      }
      if scalarClass == .alphanumeric {
        position = scanWord(input, from: position, into: &output)
        previousIsAlphanumeric = true
        continue
      }
      if marksNegation { noteClauseBreak(scalar, input, at: position, length: length, &output) }
      previousIsAlphanumeric = false
      position += length
    }
  }

  /// Records in `output` whether the separator `scalar` at `position` ends a clause
  /// (``NegationMarking/endsClause(_:next:afterSingleLetter:)``).
  private func noteClauseBreak(
    _ scalar: UInt32, _ input: UnsafeBufferPointer<UInt8>, at position: Int, length: Int,
    _ output: inout TokenWriter
  ) {
    let next = position + length < input.count ? decodeScalar(input, at: position + length).0 : nil
    let afterSingleLetter =
      position > 0 && ScalarClass.ofASCII(input[position - 1]) == .alphanumeric
      && input[position - 1] &- 0x30 >= 10 && output.lastTokenLength == 1
    if NegationMarking.endsClause(scalar, next: next, afterSingleLetter: afterSingleLetter) {
      output.clauseBreakPending = true
    }
  }

  /// Scans a word or number starting at the alphanumeric scalar at `start`.
  ///
  /// - Returns: The position after the word.
  private func scanWord(
    _ input: UnsafeBufferPointer<UInt8>, from start: Int, into output: inout TokenWriter
  ) -> Int {
    let end = input.count
    let outputStart = output.count
    var isNumber = true
    var position = start
    var (current, length) = decodeScalar(input, at: position)
    scan: while true {
      if current < 0x80 {
        // The fast path: the whole run of ASCII letters and digits starting here, written
        // (case-folded) as it is scanned.
        let (runEnd, digitsOnly) = output.appendASCIIRun(input, from: position, folding: foldsCase)
        if !digitsOnly { isNumber = false }
        current = UInt32(input[runEnd - 1])
        position = runEnd
      } else {
        appendFolded(current, input, at: position, length: length, into: &output)
        isNumber = false
        position += length
      }
      guard position < end else { break }
      let (next, nextLength) = decodeScalar(input, at: position)
      let nextClass = ScalarClass.of(next)
      if nextClass == .alphanumeric {
        (current, length) = (next, nextLength)
        continue
      }
      let after = position + nextLength
      guard after < end else { break }
      let (afterScalar, afterLength) = decodeScalar(input, at: after)
      switch nextClass {
      case .apostrophe, .hyphen:
        guard ScalarClass.of(afterScalar) == .alphanumeric else { break scan }
        output.append(nextClass == .apostrophe ? 0x27 : 0x2D)
        isNumber = false
      case .period, .comma:
        guard isASCIIDigit(current) && isASCIIDigit(afterScalar) else { break scan }
        output.append(UInt8(truncatingIfNeeded: next))
      default:
        break scan
      }
      position = after
      (current, length) = (afterScalar, afterLength)
    }
    if !output.sigmas.isEmpty { applyFinalSigma(in: &output, tokenStart: outputStart) }
    output.endToken(from: outputStart, kind: isNumber ? .number : .word)
    return position
  }

  /// Scans a hashtag whose `#` is at `start` (the next scalar is known to qualify).
  ///
  /// - Returns: The position after the hashtag.
  private func scanHashtag(
    _ input: UnsafeBufferPointer<UInt8>, from start: Int, into output: inout TokenWriter,
    endsAlphanumeric: inout Bool
  ) -> Int {
    let outputStart = output.count
    output.append(0x23)
    var position = start + 1
    while position < input.count {
      let (scalar, length) = decodeScalar(input, at: position)
      let scalarClass = ScalarClass.of(scalar)
      guard scalarClass == .alphanumeric || scalarClass == .underscore else { break }
      appendFolded(scalar, input, at: position, length: length, into: &output)
      endsAlphanumeric = scalarClass == .alphanumeric
      position += length
    }
    if !output.sigmas.isEmpty { applyFinalSigma(in: &output, tokenStart: outputStart) }
    output.endToken(from: outputStart, kind: .hashtag)
    return position
  }

  /// Appends one scalar, case-folded when ``foldsCase`` is on.
  @inline(__always)
  private func appendFolded(
    _ scalar: UInt32, _ input: UnsafeBufferPointer<UInt8>, at position: Int, length: Int,
    into output: inout TokenWriter
  ) {
    if scalar < 0x80 {
      output.append(foldASCII(UInt8(truncatingIfNeeded: scalar)))
      return
    }
    guard foldsCase else {
      output.append(contentsOf: UnsafeBufferPointer(rebasing: input[position..<position + length]))
      return
    }
    appendLowercased(scalar, input, at: position, length: length, into: &output)
  }

  /// Appends the full lowercase mapping of a non-ASCII scalar (the slow path).
  @inline(never)
  private func appendLowercased(
    _ scalar: UInt32, _ input: UnsafeBufferPointer<UInt8>, at position: Int, length: Int,
    into output: inout TokenWriter
  ) {
    guard let unicodeScalar = Unicode.Scalar(scalar),
      unicodeScalar.properties.changesWhenLowercased
    else {
      output.append(contentsOf: UnsafeBufferPointer(rebasing: input[position..<position + length]))
      return
    }
    if scalar == 0x3A3 {
      // Capital sigma: σ for now; applyFinalSigma turns it into ς at the end of a word.
      output.sigmas.append(output.count)
      output.append(0xCF)
      output.append(0x83)
      return
    }
    for byte in unicodeScalar.properties.lowercaseMapping.utf8 { output.append(byte) }
  }

  /// Applies Unicode's Final_Sigma condition, within the token, to the capital sigmas
  /// lowered since `tokenStart` (``TokenWriter/sigmas``), and forgets them.
  ///
  /// A capital sigma becomes `ς` (U+03C2) when it is preceded by a cased letter and not
  /// followed by one, ignoring case-ignorable scalars in between.
  private func applyFinalSigma(in output: inout TokenWriter, tokenStart: Int) {
    let sigmas = output.sigmas
    output.sigmas.removeAll(keepingCapacity: true)
    let scalars = Array(
      String(decoding: output.bytes(from: tokenStart), as: UTF8.self).unicodeScalars)
    var offsets: [Int] = []
    var offset = tokenStart
    for scalar in scalars {
      offsets.append(offset)
      offset += UTF8.width(scalar)
    }
    for sigma in sigmas {
      guard let index = offsets.firstIndex(of: sigma) else { continue }
      let before = scalars[..<index].last { !$0.properties.isCaseIgnorable }
      let after = scalars[(index + 1)...].first { !$0.properties.isCaseIgnorable }
      if before?.properties.isCased == true && after?.properties.isCased != true {
        output[sigma + 1] = 0x82
      }
    }
  }

  /// `byte` lowercased when folding is on and it is `A`–`Z`.
  @inline(__always)
  private func foldASCII(_ byte: UInt8) -> UInt8 {
    foldsCase && byte &- 0x41 < 26 ? byte | 0x20 : byte
  }

  /// Where a URL starting at `start` ends (after trimming), or `nil` if none starts there.
  private func urlEnd(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    let first = input[start] | 0x20
    guard first == 0x68 || first == 0x77 else { return nil }
    guard
      hasASCIIPrefix(input, at: start, "http://") || hasASCIIPrefix(input, at: start, "https://")
        || hasASCIIPrefix(input, at: start, "www.")
    else { return nil }
    var end = start
    while end < input.count {
      let (scalar, length) = decodeScalar(input, at: end)
      if ScalarClass.of(scalar) == .whitespace { break }
      end += length
    }
    while end > start {
      var lead = end - 1
      while lead > start && input[lead] & 0xC0 == 0x80 { lead -= 1 }
      let (scalar, _) = decodeScalar(input, at: lead)
      guard isURLTrailingPunctuation(scalar) else { break }
      end = lead
    }
    return end
  }

  /// Whether the bytes at `start` begin with lowercase ASCII `prefix`, ignoring ASCII case.
  private func hasASCIIPrefix(
    _ input: UnsafeBufferPointer<UInt8>, at start: Int, _ prefix: StaticString
  ) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard start + count <= input.count else { return false }
    let pattern = prefix.utf8Start
    for offset in 0..<count {
      let byte = input[start + offset]
      let folded = byte &- 0x41 < 26 ? byte | 0x20 : byte
      if folded != pattern[offset] { return false }
    }
    return true
  }

  /// Whether the scalar that ends just before `end` is alphanumeric.
  private func lastScalarIsAlphanumeric(_ input: UnsafeBufferPointer<UInt8>, before end: Int)
    -> Bool
  {
    var lead = end - 1
    while lead > 0 && input[lead] & 0xC0 == 0x80 { lead -= 1 }
    return ScalarClass.of(decodeScalar(input, at: lead).0) == .alphanumeric
  }

  /// Whether `byte` is in `[A-Za-z0-9_]`.
  @inline(__always)
  private func isMentionByte(_ byte: UInt8) -> Bool {
    byte == 0x5F || ScalarClass.ofASCII(byte) == .alphanumeric
  }
}

/// Where ``Tokenizer`` writes one document: bytes through a pointer into room reserved up
/// front, so a byte costs a store and a bounds check instead of an array append, and
/// tokens into an array.
///
/// The room is ``room(forInputCount:)`` bytes, enough for any input of that length: the
/// output is one space, then each token and one space. A token is written from input bytes
/// of its own, at most two output bytes per input byte (lowercasing a scalar never more
/// than doubles its UTF-8 length; joiners shrink to one byte), so with its space it takes
/// at most three bytes per input byte it consumed.
struct TokenWriter {
  /// The room: ``count`` bytes written, the rest scratch.
  private let room: UnsafeMutableBufferPointer<UInt8>
  /// The bytes written so far.
  private(set) var count = 1
  /// The tokens closed so far.
  var tokens: [Token] = []
  /// Where the current token's lowered capital sigmas were written (see
  /// ``Tokenizer/foldsCase``), until its end applies the final-sigma rule.
  var sigmas: [Int] = []
  /// Whether clause punctuation was seen since the last token (only recorded when
  /// negation is marked); the next token gets ``Token/startsClause``.
  var clauseBreakPending = false

  /// The room that the output of `inputCount` input bytes needs.
  static func room(forInputCount inputCount: Int) -> Int {
    1 + 3 * inputCount
  }

  /// Starts writing into `room`, which holds at least ``room(forInputCount:)`` bytes for
  /// the input about to be tokenized; the first byte becomes the leading space.
  init(room: UnsafeMutableBufferPointer<UInt8>) {
    precondition(room.count >= 1)
    self.room = room
    room[0] = 0x20
  }

  /// Continues after `count` bytes already in `room` (a space, then tokens each followed
  /// by a space), whose tokens the caller puts in ``tokens``; `room` has
  /// ``room(forInputCount:)`` bytes beyond the first `count - 1`.
  init(room: UnsafeMutableBufferPointer<UInt8>, continuingAt count: Int) {
    precondition(count >= 1 && room.count >= count && room[count - 1] == 0x20)
    self.room = room
    self.count = count
  }

  /// Appends one byte.
  @inline(__always)
  mutating func append(_ byte: UInt8) {
    precondition(count < room.count, "TokenWriter: room exceeded")
    room[count] = byte
    count += 1
  }

  /// Appends the run of ASCII letters and digits of `input` that starts at `start`, with
  /// `A`–`Z` lowercased when `folding`.
  ///
  /// - Returns: Where the run ends, and whether it holds only digits.
  @inline(__always)
  mutating func appendASCIIRun(_ input: UnsafeBufferPointer<UInt8>, from start: Int, folding: Bool)
    -> (end: Int, digitsOnly: Bool)
  {
    let letterBits: UInt8 = folding ? 0x20 : 0
    var position = start
    var written = count
    var digitsOnly = true
    while position < input.count {
      var byte = input[position]
      if byte &- 0x30 >= 10 {
        guard (byte | 0x20) &- 0x61 < 26 else { break }
        digitsOnly = false
        byte |= letterBits
      }
      precondition(written < room.count, "TokenWriter: room exceeded")
      room[written] = byte
      written += 1
      position += 1
    }
    count = written
    return (position, digitsOnly)
  }

  /// Appends `bytes`.
  mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
    for byte in bytes { append(byte) }
  }

  /// The byte written at `position`.
  subscript(position: Int) -> UInt8 {
    get {
      precondition(position < count)
      return room[position]
    }
    set {
      precondition(position < count)
      room[position] = newValue
    }
  }

  /// The bytes written from `start` on.
  func bytes(from start: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: room[start..<count])
  }

  /// Closes the token whose bytes start at `start` and end here, and writes its space.
  @inline(__always)
  mutating func endToken(from start: Int, kind: Token.Kind) {
    var token = Token(range: start..<count, kind: kind)
    token.startsClause = clauseBreakPending
    clauseBreakPending = false
    tokens.append(token)
    append(0x20)
  }

  /// The byte length of the last token, or 0 when there is none.
  var lastTokenLength: Int { tokens.last?.range.count ?? 0 }
}
