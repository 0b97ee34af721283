import Foundation

/// Renders predictions as text, JSON (one array), JSON Lines or CSV, as UTF-8 bytes.
///
/// JSON objects hold the input's other columns first (ids and so on, prefixed `input_`
/// when their name collides with an output key), then `text`, `label`, `probabilities`
/// (in model label order) and `explanation` (`null` without `--explain`); docs/json.md.
/// Text lines start with the other columns' values, tab-separated. CSV has the other columns,
/// then `text`, `label` and one `p_LABEL` column per label (other columns named like an
/// output column get the same `input_` prefix); the columns are those of the first record.
///
/// A renderer is an immutable value, so blocks of records can be rendered on several
/// threads and their bytes written in order: the bytes of a record depend only on the
/// record, its prediction and whether it is the first of the output.
struct PredictionRenderer: Sendable {
  /// The output format.
  let format: PredictionFormat
  /// The model's labels, in model order.
  let labels: [String]
  /// Whether explanations are written.
  let explains: Bool
  /// CSV: the other columns of the first record, by name.
  private let csvColumns: [String]
  /// Whether no two of ``csvColumns`` have the same name (a record's value for a name is
  /// that of its first column of that name).
  private let csvColumnsAreDistinct: Bool
  /// JSON: each label as a JSON string literal.
  private let jsonLabels: [[UInt8]]

  /// Creates a renderer for output whose first record is `first`.
  ///
  /// - Parameters:
  ///   - format: The output format.
  ///   - labels: The model's labels.
  ///   - explains: Whether explanations are written.
  ///   - first: The first record of the output (its other columns fix the CSV columns);
  ///     `nil` when there is none.
  init(format: PredictionFormat, labels: [String], explains: Bool, first: DataRecord?) {
    self.format = format
    self.labels = labels
    self.explains = explains
    csvColumns = first?.otherFields.map(\.name) ?? []
    csvColumnsAreDistinct = Set(csvColumns).count == csvColumns.count
    jsonLabels = labels.map { Array(jsonString($0).utf8) }
  }

  /// The keys of a prediction; an input field of the same name is written `input_NAME`.
  static let reservedKeys: Set<String> = ["text", "label", "probabilities", "explanation"]

  /// What comes before the first record: the CSV header line (only when there is a first
  /// record).
  func header() -> [UInt8] {
    guard format == .csv else { return [] }
    let shown = csvColumns.map { Self.reservedKeys.contains($0) ? "input_\($0)" : $0 }
    let names =
      shown + ["text", "label"] + labels.map { "p_\($0)" } + (explains ? ["explanation"] : [])
    return Array((names.map(csvField).joined(separator: ",") + "\r\n").utf8)
  }

  /// What comes after the last record: the end of the JSON array (`[]` when there were no
  /// records).
  func footer(recordCount: Int) -> [UInt8] {
    guard format == .json else { return [] }
    return Array((recordCount == 0 ? "[]\n" : "\n]\n").utf8)
  }

  /// Appends one record's prediction.
  ///
  /// - Parameters:
  ///   - record: The input record.
  ///   - label: The predicted label.
  ///   - probabilities: The class probabilities in model order.
  ///   - explanation: The explanation, when explanations are written.
  ///   - isFirst: Whether this is the first record of the output.
  ///   - out: The bytes to append to.
  func render(
    record: DataRecord, label: String, probabilities: UnsafeBufferPointer<Double>,
    explanation: [(feature: String, contribution: Double)]?, isFirst: Bool,
    into out: inout [UInt8]
  ) {
    switch format {
    case .text:
      // The input's other columns (ids and so on) lead the line, as in every format.
      let passed = record.otherFields.map { singleLine($0.value) + "\t" }.joined()
      var line =
        passed
        + "\(label)\t\(fixed(probabilities.max() ?? 0, 4))\t\(singleLine(record.text))\n"
      for item in explanation ?? [] {
        line +=
          "\t\(String(format: "%+.4f", locale: posixLocale, item.contribution))\t\(item.feature)\n"
      }
      out.append(contentsOf: line.utf8)
    case .json:
      out.append(contentsOf: (isFirst ? "[\n  " : ",\n  ").utf8)
      appendJSONObject(record, label, probabilities, explanation, to: &out)
    case .jsonl:
      appendJSONObject(record, label, probabilities, explanation, to: &out)
      out.append(UInt8(ascii: "\n"))
    case .csv:
      // Usually the record has the first record's columns, in the same places.
      let sameColumns =
        csvColumnsAreDistinct && record.otherFields.count == csvColumns.count
        && zip(record.otherFields, csvColumns).allSatisfy { $0.name == $1 }
      for (index, name) in csvColumns.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        let value =
          sameColumns
          ? record.otherFields[index].value
          : record.otherFields.first { $0.name == name }?.value ?? ""
        appendCSVField(value, to: &out)
      }
      if !csvColumns.isEmpty { out.append(UInt8(ascii: ",")) }
      appendCSVField(record.text, to: &out)
      out.append(UInt8(ascii: ","))
      appendCSVField(label, to: &out)
      for probability in probabilities {
        out.append(UInt8(ascii: ","))
        out.append(contentsOf: probability.description.utf8)
      }
      if let explanation {
        out.append(UInt8(ascii: ","))
        appendCSVField(
          explanation.map { "\($0.feature):\($0.contribution)" }.joined(separator: " "), to: &out)
      }
      out.append(contentsOf: [UInt8(ascii: "\r"), UInt8(ascii: "\n")])
    }
  }

  private func appendJSONObject(
    _ record: DataRecord, _ label: String, _ probabilities: UnsafeBufferPointer<Double>,
    _ explanation: [(feature: String, contribution: Double)]?, to out: inout [UInt8]
  ) {
    out.append(UInt8(ascii: "{"))
    for field in record.otherFields {
      let key = Self.reservedKeys.contains(field.name) ? "input_\(field.name)" : field.name
      appendJSONString(key, to: &out)
      out.append(contentsOf: ": ".utf8)
      if field.isJSON {
        out.append(contentsOf: field.value.utf8)
      } else {
        appendJSONString(field.value, to: &out)
      }
      out.append(contentsOf: ", ".utf8)
    }
    out.append(contentsOf: "\"text\": ".utf8)
    appendJSONString(record.text, to: &out)
    out.append(contentsOf: ", \"label\": ".utf8)
    appendJSONString(label, to: &out)
    out.append(contentsOf: ", \"probabilities\": {".utf8)
    for (index, probability) in probabilities.enumerated() where index < jsonLabels.count {
      if index > 0 { out.append(contentsOf: ", ".utf8) }
      out.append(contentsOf: jsonLabels[index])
      out.append(contentsOf: ": ".utf8)
      out.append(contentsOf: probability.description.utf8)
    }
    out.append(UInt8(ascii: "}"))
    if let explanation {
      let items = explanation.map {
        "{\"feature\": \(jsonString($0.feature)), \"weight\": \($0.contribution)}"
      }
      out.append(contentsOf: ", \"explanation\": [\(items.joined(separator: ", "))]".utf8)
    } else {
      out.append(contentsOf: ", \"explanation\": null".utf8)
    }
    out.append(UInt8(ascii: "}"))
  }
}
