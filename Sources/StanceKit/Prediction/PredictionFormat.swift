/// How `stance predict` writes its predictions (`--format`).
public enum PredictionFormat: String, CaseIterable, Sendable {
  /// One line per text: label, its probability and the text (explanations indented below).
  case text
  /// One JSON array of objects, written only once complete.
  case json
  /// One JSON object per line.
  case jsonl
  /// CSV with a header, the input's other columns, the label and one probability column per
  /// label.
  case csv
}
