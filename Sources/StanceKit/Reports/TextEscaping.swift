import Foundation

/// `text` as a JSON string literal (RFC 8259 escapes; non-ASCII kept as UTF-8).
func jsonString(_ text: String) -> String {
  var out: [UInt8] = []
  appendJSONString(text, to: &out)
  return String(decoding: out, as: UTF8.self)
}

/// Appends `text` as a JSON string literal: `"` and `\` escaped, `\n`, `\r`, `\t` by name,
/// other controls below U+0020 as `\u00xx`, everything else as its UTF-8 bytes.
func appendJSONString(_ text: String, to out: inout [UInt8]) {
  out.append(UInt8(ascii: "\""))
  var text = text
  text.withUTF8 { bytes in
    var start = 0
    for index in bytes.indices {
      let byte = bytes[index]
      // Bytes of multi-byte sequences are all ≥ 0x80, so escaping works on bytes.
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        continue
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
      start = index + 1
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      default:
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "\\u00".utf8)
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xF)])
      }
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
  }
  out.append(UInt8(ascii: "\""))
}

/// `text` as an RFC 4180 field: quoted when it holds a comma, a quote, a CR or an LF.
///
/// The test is on bytes, not characters: a CR LF pair or a quote joined to a combining mark
/// is one `Character` in Swift, but a CSV reader sees the bytes, so each still counts.
func csvField(_ text: String) -> String {
  var out: [UInt8] = []
  appendCSVField(text, to: &out)
  return String(decoding: out, as: UTF8.self)
}

/// Appends ``csvField(_:)`` of `text`: its bytes, or, when any byte is a comma, a quote, a
/// CR or an LF, the bytes in quotes with every quote doubled.
func appendCSVField(_ text: String, to out: inout [UInt8]) {
  let quote = UInt8(ascii: "\"")
  var text = text
  text.withUTF8 { bytes in
    var quotes = 0
    var needsQuotes = false
    for byte in bytes {
      switch byte {
      case quote:
        quotes += 1
        needsQuotes = true
      case UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: "\r"): needsQuotes = true
      default: break
      }
    }
    guard needsQuotes else {
      out.append(contentsOf: bytes)
      return
    }
    out.reserveCapacity(out.count + bytes.count + quotes + 2)
    out.append(quote)
    var start = 0
    for index in bytes.indices where bytes[index] == quote {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...index]))
      out.append(quote)
      start = index + 1
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    out.append(quote)
  }
}

/// `text` with every CR, LF and tab shown as a space, for one-line text output.
///
/// The test is on Unicode scalars, so a CR LF pair (one `Character`) becomes two spaces
/// and never breaks the line.
func singleLine(_ text: String) -> String {
  guard
    text.utf8.contains(where: {
      $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t")
    })
  else { return text }
  var scalars = String.UnicodeScalarView()
  for scalar in text.unicodeScalars {
    scalars.append(scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : scalar)
  }
  return String(scalars)
}
