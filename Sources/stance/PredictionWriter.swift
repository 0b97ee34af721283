import Foundation
import StanceKit

/// Where streamed output goes: stdout, or a file written atomically (nothing appears under
/// the final name until ``commit()``; a failed run leaves an earlier file untouched).
final class OutputSink {
  private let writer: AtomicFileWriter?

  /// Opens the sink; `path == nil` means standard output.
  init(path: String?) throws {
    writer = try path.map { path throws(OutputError) in try AtomicFileWriter(path: path) }
  }

  /// Writes `text`.
  func write(_ text: String) throws {
    if let writer {
      try writer.write(text)
    } else {
      Terminal.writeOutput(text)
    }
  }

  /// Makes a file output visible under its final name.
  func commit() throws {
    try writer?.commit()
  }

  /// Abandons a file output, leaving any earlier file at the path as it was.
  func discard() {
    writer?.discard()
  }
}

/// Renders predictions as text, JSON (one array), JSON Lines or CSV, streaming.
///
/// JSON objects hold the input's other columns first (ids and so on, prefixed `input_`
/// when their name collides with an output key), then `text`, `label`, `probabilities`
/// (in model label order) and, with `--explain`, `explanation`. CSV has the other columns,
/// then `text`, `label` and one `p_LABEL` column per label (other columns named like an
/// output column get the same `input_` prefix).
struct PredictionWriter {
  let format: PredictFormat
  let labels: [String]
  let sink: OutputSink
  private var count = 0
  private var csvColumns: [String]?

  init(format: PredictFormat, labels: [String], sink: OutputSink) {
    self.format = format
    self.labels = labels
    self.sink = sink
  }

  private static let reservedKeys: Set<String> = ["text", "label", "probabilities", "explanation"]

  mutating func write(
    record: DataRecord, label: String, probabilities: [Double],
    explanation: [(feature: String, contribution: Double)]?
  ) throws {
    defer { count += 1 }
    switch format {
    case .text:
      var line = "\(label)\t\(fixed(probabilities.max() ?? 0, 4))\t\(singleLine(record.text))\n"
      for item in explanation ?? [] {
        line +=
          "\t\(String(format: "%+.4f", locale: Locale(identifier: "en_US_POSIX"), item.contribution))\t\(item.feature)\n"
      }
      try sink.write(line)
    case .json:
      let object = jsonObject(record, label, probabilities, explanation)
      try sink.write((count == 0 ? "[\n  " : ",\n  ") + object)
    case .jsonl:
      try sink.write(jsonObject(record, label, probabilities, explanation) + "\n")
    case .csv:
      if csvColumns == nil {
        let names = record.otherFields.map(\.name)
        csvColumns = names
        let shown = names.map { Self.reservedKeys.contains($0) ? "input_\($0)" : $0 }
        let header =
          shown + ["text", "label"] + labels.map { "p_\($0)" }
          + (explanation == nil ? [] : ["explanation"])
        try sink.write(header.map(csvField).joined(separator: ",") + "\r\n")
      }
      var values: [String] = (csvColumns ?? []).map { name in
        record.otherFields.first { $0.name == name }?.value ?? ""
      }
      values += [record.text, label] + probabilities.map { "\($0)" }
      if let explanation {
        values.append(explanation.map { "\($0.feature):\($0.contribution)" }.joined(separator: " "))
      }
      try sink.write(values.map(csvField).joined(separator: ",") + "\r\n")
    }
  }

  /// Closes the JSON array (and writes `[]` when there were no records).
  mutating func finish() throws {
    if format == .json { try sink.write(count == 0 ? "[]\n" : "\n]\n") }
  }

  private func jsonObject(
    _ record: DataRecord, _ label: String, _ probabilities: [Double],
    _ explanation: [(feature: String, contribution: Double)]?
  ) -> String {
    var members: [String] = []
    for field in record.otherFields {
      let key = Self.reservedKeys.contains(field.name) ? "input_\(field.name)" : field.name
      members.append("\(jsonString(key)): \(field.isJSON ? field.value : jsonString(field.value))")
    }
    members.append("\"text\": \(jsonString(record.text))")
    members.append("\"label\": \(jsonString(label))")
    let probabilityMembers = zip(labels, probabilities).map { "\(jsonString($0)): \($1)" }
    members.append("\"probabilities\": {\(probabilityMembers.joined(separator: ", "))}")
    if let explanation {
      let items = explanation.map {
        "{\"feature\": \(jsonString($0.feature)), \"weight\": \($0.contribution)}"
      }
      members.append("\"explanation\": [\(items.joined(separator: ", "))]")
    }
    return "{" + members.joined(separator: ", ") + "}"
  }
}

/// `text` as a JSON string literal (RFC 8259 escapes; non-ASCII kept as UTF-8).
func jsonString(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case let control where control.value < 0x20:
      out += String(format: "\\u%04x", control.value)
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}

/// `text` as an RFC 4180 field: quoted when it holds a comma, a quote or a line break.
func csvField(_ text: String) -> String {
  guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
    return text
  }
  return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// `text` with line breaks and tabs shown as spaces, for one-line text output.
func singleLine(_ text: String) -> String {
  String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
}
