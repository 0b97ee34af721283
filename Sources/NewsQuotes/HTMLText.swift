/// The text of simple HTML with tags removed and entities decoded, with every byte's source
/// range in the original, so that offsets found in the clean text map back exactly.
struct HTMLText {
  var bytes: [UInt8] = []
  /// For each clean byte, the original offset where its source character (or entity) starts.
  var sourceStart: [Int] = []
  /// For each clean byte, the original offset where its source character (or entity) ends.
  var sourceEnd: [Int] = []

  private static let breakTags: [[UInt8]] = [
    "p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "tr", "section",
    "article", "header", "footer", "ul", "ol", "table", "figcaption", "hr",
  ].map { Array($0.utf8) }
  private static let entities: [(String, String)] = [
    ("amp", "&"), ("lt", "<"), ("gt", ">"), ("quot", "\""), ("apos", "'"), ("nbsp", " "),
    ("ldquo", "“"), ("rdquo", "”"), ("lsquo", "‘"), ("rsquo", "’"), ("bdquo", "„"),
    ("laquo", "«"), ("raquo", "»"), ("mdash", "—"), ("ndash", "–"), ("hellip", "…"),
    ("eacute", "é"), ("egrave", "è"), ("aacute", "á"), ("oacute", "ó"), ("uuml", "ü"),
    ("ouml", "ö"), ("auml", "ä"), ("ccedil", "ç"), ("iacute", "í"), ("ntilde", "ñ"),
  ]

  init(_ source: UnsafeBufferPointer<UInt8>) {
    bytes.reserveCapacity(source.count)
    sourceStart.reserveCapacity(source.count)
    sourceEnd.reserveCapacity(source.count)
    var index = 0
    let count = source.count
    while index < count {
      let byte = source[index]
      if byte == 0x3C, let tagEnd = Self.tagEnd(source, index) {
        let name = Self.tagName(source, index, tagEnd)
        if Self.equalsIgnoringCase(name, "script") || Self.equalsIgnoringCase(name, "style") {
          index = Self.skipElement(source, tagEnd, name)
          continue
        }
        if Self.breakTags.contains(where: { Self.equalsIgnoringCase(name, $0) }) {
          emit([0x0A], from: index, to: tagEnd)
        }
        index = tagEnd
        continue
      }
      if byte == 0x26, let (decoded, entityEnd) = Self.entity(source, index) {
        emit(Array(decoded.utf8), from: index, to: entityEnd)
        index = entityEnd
        continue
      }
      // Source line breaks are only spaces in HTML.
      emit([byte == 0x0A || byte == 0x0D ? 0x20 : byte], from: index, to: index + 1)
      index += 1
    }
  }

  private mutating func emit(_ decoded: [UInt8], from start: Int, to end: Int) {
    for byte in decoded {
      bytes.append(byte)
      sourceStart.append(start)
      sourceEnd.append(end)
    }
  }

  private static func tagEnd(_ source: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
    guard start + 1 < source.count else { return nil }
    let next = source[start + 1]
    let isTag =
      (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) || next == 0x2F
      || next == 0x21
    guard isTag else { return nil }
    var index = start + 1
    while index < source.count {
      if source[index] == 0x3E { return index + 1 }
      index += 1
    }
    return nil
  }

  private static func tagName(
    _ source: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int
  ) -> ArraySlice<UInt8> {
    var index = start + 1
    if index < end && source[index] == 0x2F { index += 1 }
    let nameStart = index
    while index < end {
      let byte = source[index]
      let isNameByte =
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || (byte >= 0x30 && byte <= 0x39)
      if !isNameByte { break }
      index += 1
    }
    return Array(source[nameStart..<index])[...]
  }

  private static func equalsIgnoringCase(_ name: ArraySlice<UInt8>, _ word: String) -> Bool {
    equalsIgnoringCase(name, Array(word.utf8))
  }

  private static func equalsIgnoringCase(_ name: ArraySlice<UInt8>, _ word: [UInt8]) -> Bool {
    guard name.count == word.count else { return false }
    for (a, b) in zip(name, word) where Lexicon.lower(a) != b { return false }
    return true
  }

  private static func skipElement(
    _ source: UnsafeBufferPointer<UInt8>, _ from: Int, _ name: ArraySlice<UInt8>
  ) -> Int {
    var index = from
    while index < source.count {
      if source[index] == 0x3C, index + 1 < source.count, source[index + 1] == 0x2F,
        let end = tagEnd(source, index),
        equalsIgnoringCase(tagName(source, index, end), Array(name))
      {
        return end
      }
      index += 1
    }
    return source.count
  }

  private static func entity(_ source: UnsafeBufferPointer<UInt8>, _ start: Int) -> (String, Int)? {
    var index = start + 1
    while index < source.count && index - start <= 10 && source[index] != 0x3B {
      let byte = source[index]
      let ok =
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || (byte >= 0x30 && byte <= 0x39) || byte == 0x23
      if !ok { return nil }
      index += 1
    }
    guard index < source.count, source[index] == 0x3B, index > start + 1 else { return nil }
    let body = String(
      decoding: UnsafeBufferPointer(rebasing: source[(start + 1)..<index]), as: UTF8.self)
    if body.hasPrefix("#") {
      let digits = body.dropFirst()
      let value: UInt32?
      if digits.hasPrefix("x") || digits.hasPrefix("X") {
        value = UInt32(digits.dropFirst(), radix: 16)
      } else {
        value = UInt32(digits, radix: 10)
      }
      guard let value, let scalar = Unicode.Scalar(value) else { return nil }
      return (String(Character(scalar)), index + 1)
    }
    for (name, text) in entities where name == body { return (text, index + 1) }
    return nil
  }
}
