import Foundation

/// The POSIX locale, for numbers that read the same everywhere.
let posixLocale = Locale(identifier: "en_US_POSIX")

/// Formats a number with a fixed count of decimals, the same in every locale.
///
/// The bytes are those of `String(format: "%.Nf")` with the POSIX locale, which rounds the
/// shortest decimal form of the value (Swift's `description`), ties to even: 0.12345 gives
/// `0.1234` and 0.00015 gives `0.0002`. Non-negative values below 10¹⁵ with at most 6
/// decimals (probabilities, scores, seconds) are rounded by ``roundedDecimal(_:_:)``
/// without Foundation; the rest go through `String(format:)`.
func fixed(_ value: Double, _ decimals: Int) -> String {
  guard value.isFinite else { return "-" }
  if let text = roundedDecimal(value, decimals) { return text }
  return String(format: "%.\(decimals)f", locale: posixLocale, value)
}

/// The shortest decimal form of `value` rounded to `decimals` decimals, ties to even; `nil`
/// outside `0 ≤ value < 10¹⁵`, `0 ≤ decimals ≤ 6` (and for `-0.0`).
///
/// ```
/// value = 0.d₁d₂…dₙ · 10^p  (the digits of value.description)
/// keep k = p + decimals digits; round up when the rest is above one half,
/// or exactly one half and the last kept digit is odd
/// ```
func roundedDecimal(_ value: Double, _ decimals: Int) -> String? {
  guard value >= 0, value < 1e15, value.sign == .plus, (0...6).contains(decimals) else {
    return nil
  }
  // Digits and decimal point of the shortest form: "123.45", "0.0001", "5e-05", "1.5e-07".
  var digits: [UInt8] = []
  var point = 0
  var exponent = 0
  var seenPoint = false
  var exponentSign = 1
  var inExponent = false
  for byte in value.description.utf8 {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"):
      if inExponent {
        exponent = exponent * 10 + Int(byte - UInt8(ascii: "0"))
      } else {
        digits.append(byte - UInt8(ascii: "0"))
        if !seenPoint { point += 1 }
      }
    case UInt8(ascii: "."): seenPoint = true
    case UInt8(ascii: "e"): inExponent = true
    case UInt8(ascii: "-"): exponentSign = -1
    case UInt8(ascii: "+"): exponentSign = 1
    default: return nil
    }
  }
  point += exponentSign * exponent
  while let first = digits.first, first == 0 {
    digits.removeFirst()
    point -= 1
  }
  // The rounded value times 10^decimals, as digits.
  let keep = point + decimals
  var kept: [UInt8]
  if keep >= digits.count {
    kept = digits + [UInt8](repeating: 0, count: keep - digits.count)
  } else if keep < 0 || digits.isEmpty {
    kept = []
  } else {
    kept = Array(digits[0..<keep])
    let next = digits[keep]
    let restIsZero = digits[(keep + 1)...].allSatisfy { $0 == 0 }
    let lastIsOdd = (kept.last ?? 0) & 1 == 1
    if next > 5 || (next == 5 && (!restIsZero || lastIsOdd)) {
      var index = kept.count - 1
      while index >= 0 && kept[index] == 9 {
        kept[index] = 0
        index -= 1
      }
      if index >= 0 { kept[index] += 1 } else { kept.insert(1, at: 0) }
    }
  }
  if kept.count < decimals + 1 {
    kept.insert(contentsOf: [UInt8](repeating: 0, count: decimals + 1 - kept.count), at: 0)
  }
  var text = ""
  text.reserveCapacity(kept.count + 1)
  for (index, digit) in kept.enumerated() {
    if index == kept.count - decimals && decimals > 0 { text.append(".") }
    text.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + digit))
  }
  return text
}
