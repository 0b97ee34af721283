import Foundation

/// A parsed JSON value, decoded so that booleans, numbers and `null` stay apart (which
/// `JSONSerialization`'s `NSNumber` does not guarantee on every platform).
enum JSONNode: Decodable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONNode])
  case object([String: JSONNode])

  init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONNode].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONNode].self))
    }
  }

  /// Parses JSON text.
  static func parse(_ text: some StringProtocol) throws -> JSONNode {
    try JSONDecoder().decode(JSONNode.self, from: Data(text.utf8))
  }

  /// The member `key` of an object, or `nil`.
  subscript(key: String) -> JSONNode? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The elements of an array, or none.
  var elements: [JSONNode] {
    if case .array(let items) = self { return items }
    return []
  }

  /// The string, or `nil`.
  var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The number, or `nil`.
  var number: Double? {
    if case .number(let value) = self { return value }
    return nil
  }
}

/// A validator for the part of JSON Schema (draft 2020-12) that `docs/schema/` uses.
///
/// The tests then check the schemas with no dependency: `type` (one name or a list), `enum`,
/// `properties`, `required`, `additionalProperties` (a boolean or a schema), `items`,
/// `minItems`, `minimum`, `maximum`, `pattern`, `anyOf`, and `$ref` to `#/$defs/NAME`.
/// `$schema`, `$id`, `$defs`, `title` and `description` are annotations. Any other keyword
/// is reported as unsupported, so a schema cannot silently use more than is checked.
struct SchemaSubset {
  /// The whole schema document, for `$ref`.
  let root: JSONNode

  static let annotations: Set<String> = ["$schema", "$id", "$defs", "title", "description"]
  static let keywords: Set<String> = [
    "type", "enum", "properties", "required", "additionalProperties", "items", "minItems",
    "minimum", "maximum", "pattern", "anyOf", "$ref",
  ]

  /// Every problem of `instance` against `schema` (the root by default), as
  /// `path: problem` lines; empty when it is valid.
  func errors(_ instance: JSONNode, against schema: JSONNode? = nil, at path: String = "$")
    -> [String]
  {
    guard case .object(let rules) = schema ?? root else {
      return ["\(path): the schema is not an object"]
    }
    var problems: [String] = []
    for key in rules.keys where !Self.keywords.contains(key) && !Self.annotations.contains(key) {
      problems.append("\(path): unsupported schema keyword \(key)")
    }
    if let reference = rules["$ref"]?.string {
      problems +=
        resolve(reference, path: path).map { errors(instance, against: $0, at: path) }
        ?? ["\(path): unresolved $ref \(reference)"]
    }
    if let types = rules["type"], !matches(instance, types) {
      problems.append("\(path): \(describe(instance)) is not of type \(describe(types))")
    }
    if let allowed = rules["enum"], !allowed.elements.contains(instance) {
      problems.append("\(path): \(describe(instance)) is not one of \(describe(allowed))")
    }
    if let choices = rules["anyOf"]?.elements,
      !choices.contains(where: { errors(instance, against: $0, at: path).isEmpty })
    {
      problems.append("\(path): \(describe(instance)) matches no anyOf choice")
    }
    problems += numberErrors(instance, rules, path)
    problems += containerErrors(instance, rules, path)
    return problems
  }

  private func numberErrors(_ instance: JSONNode, _ rules: [String: JSONNode], _ path: String)
    -> [String]
  {
    var problems: [String] = []
    if let value = instance.number {
      if let minimum = rules["minimum"]?.number, value < minimum {
        problems.append("\(path): \(value) is below \(minimum)")
      }
      if let maximum = rules["maximum"]?.number, value > maximum {
        problems.append("\(path): \(value) is above \(maximum)")
      }
    }
    if let text = instance.string, let pattern = rules["pattern"]?.string {
      let regex = try? NSRegularExpression(pattern: pattern)
      let range = NSRange(text.startIndex..., in: text)
      if regex?.firstMatch(in: text, range: range) == nil {
        problems.append("\(path): \"\(text)\" does not match \(pattern)")
      }
    }
    return problems
  }

  private func containerErrors(
    _ instance: JSONNode, _ rules: [String: JSONNode], _ path: String
  ) -> [String] {
    var problems: [String] = []
    switch instance {
    case .array(let items):
      if let minimum = rules["minItems"]?.number, Double(items.count) < minimum {
        problems.append("\(path): \(items.count) items, fewer than \(Int(minimum))")
      }
      if let schema = rules["items"] {
        for (index, item) in items.enumerated() {
          problems += errors(item, against: schema, at: "\(path)[\(index)]")
        }
      }
    case .object(let members):
      let properties: [String: JSONNode]
      if case .object(let declared) = rules["properties"] ?? .null {
        properties = declared
      } else {
        properties = [:]
      }
      for key in rules["required"]?.elements.compactMap(\.string) ?? []
      where members[key] == nil {
        problems.append("\(path): missing required key \(key)")
      }
      for (key, value) in members.sorted(by: { $0.key < $1.key }) {
        if let schema = properties[key] {
          problems += errors(value, against: schema, at: "\(path).\(key)")
        } else if let extra = rules["additionalProperties"] {
          if case .bool(let allowed) = extra {
            if !allowed { problems.append("\(path): unexpected key \(key)") }
          } else {
            problems += errors(value, against: extra, at: "\(path).\(key)")
          }
        }
      }
    default: break
    }
    return problems
  }

  private func resolve(_ reference: String, path: String) -> JSONNode? {
    let prefix = "#/$defs/"
    guard reference.hasPrefix(prefix) else { return nil }
    return root["$defs"]?[String(reference.dropFirst(prefix.count))]
  }

  private func matches(_ instance: JSONNode, _ types: JSONNode) -> Bool {
    let names = types.string.map { [$0] } ?? types.elements.compactMap(\.string)
    return names.contains { name in
      switch (name, instance) {
      case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string),
        ("array", .array), ("object", .object):
        return true
      case ("integer", .number(let value)): return value == value.rounded()
      default: return false
      }
    }
  }

  private func describe(_ node: JSONNode) -> String {
    switch node {
    case .null: return "null"
    case .bool(let value): return "\(value)"
    case .number(let value): return "\(value)"
    case .string(let value): return "\"\(value)\""
    case .array(let items): return "[" + items.map(describe).joined(separator: ", ") + "]"
    case .object: return "an object"
    }
  }
}
