import Foundation

extension ArticleReport {
  /// Answers JSON Lines of articles line for line: `stance score --input jsonl --format
  /// jsonl`.
  ///
  /// Each line `{"id": …, "text": ARTICLE, …}` is scored as one article (its `source` is
  /// `INPUT#ID`, or `INPUT#line N` without an id), and its answer is the article's `jsonl`
  /// object with the record's `id` first, its other fields after it (all but the text), and
  /// `"error": null` last; a malformed line gets an error object instead (see the streaming
  /// contract in `docs/spark.md`). Memory holds one batch of lines.
  ///
  /// - Parameters:
  ///   - streams: The inputs, read in order.
  ///   - scorer: Finds and scores each article's quotes.
  ///   - path: The output path; `nil` or `-` is standard output (see ``OutputFile``).
  /// - Throws: A reading, encoding or writing error; the output is then discarded.
  public static func answer(
    _ streams: inout [JSONLinesStream], scorer: ArticleScorer, to path: String?
  ) throws {
    let sink = try OutputFile(path: path ?? "-", contents: "the scores")
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      let reserved = try answerKeys(encoder)
      try RecordAnswers.pump(&streams, batchSize: 64, to: sink) { batch, input in
        var out: [UInt8] = []
        for item in batch {
          switch item {
          case .record(let record):
            let id = record.otherFields.first { $0.name == "id" }?.value ?? "line \(record.line)"
            let article = scorer.score(text: record.text, source: "\(input)#\(id)")
            let fields = RecordAnswers.leadingFields(record.otherFields, reserved: reserved)
            RecordAnswers.appendOpening(fields, spacing: .compact, to: &out)
            RecordAnswers.appendAnswer(try encoder.encode(article), spacing: .compact, to: &out)
          case .failure(let failure):
            RecordAnswers.appendFailure(failure, reserved: reserved, spacing: .compact, to: &out)
          }
        }
        return out
      }
      try sink.commit()
    } catch {
      sink.discard()
      throw error
    }
  }

  /// The top-level keys of a scored article as `encoder` writes it: an input field of the
  /// same name is renamed `input_NAME`.
  private static func answerKeys(_ encoder: JSONEncoder) throws -> Set<String> {
    let empty = ScoredArticle(source: "", quotes: [], speakers: [], input: nil)
    let object = try JSONSerialization.jsonObject(with: try encoder.encode(empty))
    return Set((object as? [String: Any])?.keys.map { $0 } ?? [])
  }
}
