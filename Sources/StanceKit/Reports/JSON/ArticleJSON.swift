// The one place the JSON records of `stance quotes` and `stance score` are built (both
// commands, both `json` and `jsonl`, and any other writer of scored articles): see
// docs/json.md and docs/schema/articles.schema.json, docs/schema/article.schema.json.

extension ScoredArticle {
  /// One article as a JSON Lines record: the compact form of ``jsonValue``, without a
  /// line break.
  public var jsonRecord: String { jsonValue.compact }

  /// Encodes the article as its JSON record (docs/json.md), so `JSONEncoder` writes the
  /// same members as ``jsonRecord`` (decoding still reads the stored property names).
  ///
  /// - Parameter encoder: The encoder to write to.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    try jsonValue.encode(to: encoder)
  }

  /// `{"source", "input", "quotes", "speakers"}`; `input` is the JSONL record's other
  /// fields (`null` for other inputs), with values as strings (non-string values as their
  /// JSON text).
  var jsonValue: JSONValue {
    .object([
      ("source", .string(source)),
      (
        "input",
        input.map { fields in
          .object(fields.keys.sorted(by: utf8Order).map { ($0, .string(fields[$0] ?? "")) })
        } ?? .null
      ),
      ("quotes", .array(quotes.map(\.jsonValue))),
      ("speakers", .array(speakers.map(\.jsonValue))),
    ])
  }
}

extension ScoredQuote {
  /// Encodes the quote as in its article's JSON record.
  ///
  /// - Parameter encoder: The encoder to write to.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    try jsonValue.encode(to: encoder)
  }

  /// `{"speaker", "text", "start", "end", "kind", "cue", "attribution", "speaker_start",
  /// "speaker_end", "label", "probabilities", "sentiment"}`; the model fields are `null`
  /// when not scored (`quotes`), `sentiment` is `{"label", "probabilities"}` or `null`.
  var jsonValue: JSONValue {
    .object([
      ("speaker", .string(speaker)),
      ("text", .string(text)),
      ("start", .int(start)),
      ("end", .int(end)),
      ("kind", .string(kind)),
      ("cue", .nullable(cue)),
      ("attribution", .nullable(attribution)),
      ("speaker_start", .nullable(speakerStart)),
      ("speaker_end", .nullable(speakerEnd)),
      ("label", .nullable(label)),
      ("probabilities", probabilitiesValue(probabilities)),
      (
        "sentiment",
        sentiment.map { scores in
          .object([
            ("label", .string(scores.label)),
            ("probabilities", probabilitiesValue(scores.probabilities)),
          ])
        } ?? .null
      ),
    ])
  }
}

extension SpeakerStance {
  /// Encodes the speaker as in its article's JSON record.
  ///
  /// - Parameter encoder: The encoder to write to.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    try jsonValue.encode(to: encoder)
  }

  /// `{"name", "kind", "role", "quotes", "words", "label", "probabilities", "confidence",
  /// "interval", "evidence", "sentiment"}`.
  ///
  /// `label` is always one of the model's classes, or `null` when the speaker is not
  /// scored (`quotes`, or a `document`); `evidence` is its strength, `strong` or `weak`;
  /// `sentiment` has the same five fields from `label` on, or is `null`.
  var jsonValue: JSONValue {
    .object(
      [
        ("name", .string(name)),
        ("kind", .string(kind)),
        ("role", .nullable(role)),
        ("quotes", .int(quotes)),
        ("words", .int(words)),
      ]
        + LabelScores.speakerMembers(
          label: label, probabilities: probabilities, confidence: confidence,
          interval: interval, evidence: evidence)
        + [
          (
            "sentiment",
            sentiment.map { scores in
              .object(
                LabelScores.speakerMembers(
                  label: scores.label, probabilities: scores.probabilities,
                  confidence: scores.confidence, interval: scores.interval,
                  evidence: scores.evidence))
            } ?? .null
          )
        ])
  }
}

extension LabelScores {
  /// `label`, `probabilities`, `confidence`, `interval` (`{"lower", "upper", "level"}`)
  /// and `evidence` (`strong` or `weak`), each `null` when absent.
  static func speakerMembers(
    label: String?, probabilities: [String: Double]?, confidence: Double?,
    interval: ShareInterval?, evidence: SpeakerEvidence?
  ) -> [(String, JSONValue)] {
    [
      ("label", .nullable(label)),
      ("probabilities", probabilitiesValue(probabilities)),
      ("confidence", .nullable(confidence)),
      (
        "interval",
        interval.map {
          .object([
            ("lower", .number($0.lower)), ("upper", .number($0.upper)),
            ("level", .number($0.level)),
          ])
        } ?? .null
      ),
      ("evidence", .nullable(evidence?.strength)),
    ]
  }
}

/// `{LABEL: p}` in label byte order, or `null`.
private func probabilitiesValue(_ probabilities: [String: Double]?) -> JSONValue {
  guard let probabilities else { return .null }
  return .object(
    probabilities.keys.sorted(by: utf8Order).map { ($0, .number(probabilities[$0] ?? 0)) })
}

/// Orders strings by their UTF-8 bytes (the order of every label list).
private func utf8Order(_ a: String, _ b: String) -> Bool {
  a.utf8.lexicographicallyPrecedes(b.utf8)
}
