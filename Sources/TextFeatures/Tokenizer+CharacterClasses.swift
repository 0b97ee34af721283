/// The character classes of tokenizer spec v1, decided per Unicode scalar.
enum ScalarClass: UInt8 {
  /// ASCII letters and digits; non-ASCII general categories L*, M*, N*.
  case alphanumeric
  /// `'` U+0027, `’` U+2019, `‘` U+2018, `ʼ` U+02BC, `′` U+2032.
  case apostrophe
  /// `-` U+002D, `‐` U+2010, `‑` U+2011.
  case hyphen
  /// `.`: joins two ASCII digits.
  case period
  /// `,`: joins two ASCII digits.
  case comma
  /// `@`: may start a mention.
  case at
  /// `#`: may start a hashtag.
  case hash
  /// `_`: part of mentions and hashtags, a separator elsewhere.
  case underscore
  /// Python's `str.isspace()` set: ends a URL.
  case whitespace
  /// Every other scalar (punctuation, symbols, quote marks, U+FFFD): a separator.
  case other
}

extension ScalarClass {
  /// The class of a scalar value.
  ///
  /// - Parameter value: A Unicode scalar value.
  /// - Returns: Its class under spec v1.
  @inline(__always)
  static func of(_ value: UInt32) -> ScalarClass {
    if value < 0x80 { return ofASCII(UInt8(truncatingIfNeeded: value)) }
    return ofNonASCII(value)
  }

  /// The class of an ASCII byte.
  @inline(__always)
  static func ofASCII(_ byte: UInt8) -> ScalarClass {
    switch byte {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .alphanumeric
    case 0x27: return .apostrophe
    case 0x2D: return .hyphen
    case 0x2E: return .period
    case 0x2C: return .comma
    case 0x40: return .at
    case 0x23: return .hash
    case 0x5F: return .underscore
    case 0x09...0x0D, 0x1C...0x20: return .whitespace
    default: return .other
    }
  }

  /// The class of a non-ASCII scalar value (kept off the ASCII path: not inlined, so its
  /// callers do not load the Unicode property metadata on every call).
  @inline(never)
  static func ofNonASCII(_ value: UInt32) -> ScalarClass {
    switch value {
    case 0x2019, 0x2018, 0x02BC, 0x2032: return .apostrophe
    case 0x2010, 0x2011: return .hyphen
    case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
      return .whitespace
    default:
      guard let scalar = Unicode.Scalar(value) else { return .other }
      switch scalar.properties.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber,
        .otherNumber:
        return .alphanumeric
      default:
        return .other
      }
    }
  }
}

/// Whether `byte` is an ASCII digit `0`–`9`.
@inline(__always)
func isASCIIDigit(_ value: UInt32) -> Bool {
  value &- 0x30 < 10
}

/// Decodes the scalar that starts at `index` of well-formed UTF-8.
///
/// - Parameters:
///   - bytes: Well-formed UTF-8 (as a Swift `String` guarantees).
///   - index: The position of a lead byte.
/// - Returns: The scalar value and its length in bytes.
@inline(__always)
func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
  let lead = UInt32(bytes[index])
  if lead < 0x80 { return (lead, 1) }
  if lead < 0xE0 {
    return (((lead & 0x1F) << 6) | (UInt32(bytes[index + 1]) & 0x3F), 2)
  }
  if lead < 0xF0 {
    return (
      ((lead & 0x0F) << 12) | ((UInt32(bytes[index + 1]) & 0x3F) << 6)
        | (UInt32(bytes[index + 2]) & 0x3F), 3
    )
  }
  return (
    ((lead & 0x07) << 18) | ((UInt32(bytes[index + 1]) & 0x3F) << 12)
      | ((UInt32(bytes[index + 2]) & 0x3F) << 6) | (UInt32(bytes[index + 3]) & 0x3F), 4
  )
}

/// Whether `value` is trimmed from the end of a URL: `. , ; : ! ? ) ] } ' " ’ ” »`.
func isURLTrailingPunctuation(_ value: UInt32) -> Bool {
  switch value {
  case 0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D, 0x27, 0x22, 0x2019, 0x201D, 0xBB:
    return true
  default:
    return false
  }
}
