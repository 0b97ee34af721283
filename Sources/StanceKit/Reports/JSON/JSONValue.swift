import Foundation

/// A JSON value whose objects keep their keys in the order they were built: the one form
/// every machine-readable output of `stance` is written from (docs/json.md).
///
/// Building the documents field by field, instead of through `Codable`, keeps the output
/// contract apart from the model file's stored shapes (which are `Codable`, camelCase and
/// must stay readable) and makes the contract's rules hold by construction: every key is
/// written, absent values are `null`, numbers that are not finite are `null`.
///
/// Pretty output indents by two spaces and keeps arrays of scalars on one line.
/// Numbers are written the same way in every locale: whole numbers (below 2⁵³ in
/// magnitude) without a fraction, others as Swift's shortest round-tripping form
/// (`0.1`, `1e-05`), which is valid JSON.
enum JSONValue: Equatable, Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// Two values are equal when their JSON texts are.
  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.compact == rhs.compact
  }

  /// A number, or `null` for `nil` (NaN and ±∞ are written as `null` in any case).
  static func nullable(_ value: Double?) -> JSONValue {
    value.map { .number($0) } ?? .null
  }

  /// An integer, or `null` for `nil`.
  static func nullable(_ value: Int?) -> JSONValue {
    value.map { .int($0) } ?? .null
  }

  /// A string, or `null` for `nil`.
  static func nullable(_ value: String?) -> JSONValue {
    value.map { .string($0) } ?? .null
  }

  /// An object from `labels` to `values` (paired in order), or `null` for `nil`.
  static func byLabel(_ labels: [String], _ values: [Double]?) -> JSONValue {
    guard let values else { return .null }
    return .object(zip(labels, values).map { ($0, .number($1)) })
  }

  /// The value on one line, with a space after every `:` and `,` (JSON Lines records).
  var compact: String {
    var out: [UInt8] = []
    write(to: &out, indent: nil)
    return String(decoding: out, as: UTF8.self)
  }

  /// The value indented by two spaces per level, with a final line break (documents).
  var pretty: String {
    var out: [UInt8] = []
    write(to: &out, indent: 0)
    out.append(UInt8(ascii: "\n"))
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends the value; `indent` is the current level when pretty-printing, `nil` for one
  /// line.
  func write(to out: inout [UInt8], indent: Int?) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
    case .int(let value): out.append(contentsOf: String(value).utf8)
    case .number(let value):
      out.append(contentsOf: (value.isFinite ? Self.numberText(value) : "null").utf8)
    case .string(let value): appendJSONString(value, to: &out)
    case .array(let items):
      // Arrays of numbers, strings and the like stay on one line, even when pretty.
      let flat = items.allSatisfy(\.isScalar)
      writeContainer(
        items.map { item in
          { (out: inout [UInt8], level: Int?) in item.write(to: &out, indent: level) }
        },
        open: "[", close: "]", to: &out, indent: flat ? nil : indent)
    case .object(let members):
      writeContainer(
        members.map { key, value in
          { (out: inout [UInt8], level: Int?) in
            appendJSONString(key, to: &out)
            out.append(contentsOf: ": ".utf8)
            value.write(to: &out, indent: level)
          }
        }, open: "{", close: "}", to: &out, indent: indent)
    }
  }

  private func writeContainer(
    _ elements: [(inout [UInt8], Int?) -> Void], open: Character, close: Character,
    to out: inout [UInt8], indent: Int?
  ) {
    out.append(contentsOf: String(open).utf8)
    defer { out.append(contentsOf: String(close).utf8) }
    guard !elements.isEmpty else { return }
    let inner = indent.map { $0 + 1 }
    for (position, element) in elements.enumerated() {
      if position > 0 { out.append(UInt8(ascii: ",")) }
      if let inner {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * inner))
      } else if position > 0 {
        out.append(UInt8(ascii: " "))
      }
      element(&out, inner)
    }
    if let indent {
      out.append(UInt8(ascii: "\n"))
      out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }
  }

  /// Whether the value is neither an array nor an object.
  var isScalar: Bool {
    switch self {
    case .array, .object: return false
    default: return true
    }
  }

  /// A finite number's JSON text: whole numbers without a fraction, others in Swift's
  /// shortest round-tripping form.
  static func numberText(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
      return String(Int64(value))
    }
    return value.description
  }
}

extension JSONValue: Encodable {
  /// Encodes the value through any `Encoder`, so a type whose JSON is a `JSONValue` gives
  /// the same members (keys, `null`s) through `JSONEncoder` as through ``compact``.
  ///
  /// - Parameter encoder: The encoder to write to.
  /// - Throws: What the encoder throws.
  func encode(to encoder: any Encoder) throws {
    switch self {
    case .array(let items):
      var container = encoder.unkeyedContainer()
      for item in items { try container.encode(item) }
    case .object(let members):
      var container = encoder.container(keyedBy: MemberKey.self)
      for (key, value) in members { try container.encode(value, forKey: MemberKey(key)) }
    default:
      var container = encoder.singleValueContainer()
      switch self {
      case .bool(let value): try container.encode(value)
      case .int(let value): try container.encode(value)
      case .number(let value) where value.isFinite: try container.encode(value)
      case .string(let value): try container.encode(value)
      default: try container.encodeNil()
      }
    }
  }

  /// An object member's name as a coding key.
  private struct MemberKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}
