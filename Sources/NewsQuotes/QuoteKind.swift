/// Whether a quote gives the speaker's own words or reports them.
public enum QuoteKind: String, Sendable, Hashable, Codable {
  /// Words inside quotation marks (`“We will stay,” he said`).
  case direct
  /// Reported speech: the clause after a cue (`he said the army would stay`).
  case indirect
}
