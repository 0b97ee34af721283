extension PredictionStream {
  /// Answers JSON Lines line for line: `stance predict --input jsonl --format jsonl`.
  ///
  /// Each record's answer is its `jsonl` prediction (see ``PredictionFormat/jsonl``) with
  /// the record's `id` moved first and `"error": null` last; a malformed line gets an error
  /// object instead (see the streaming contract in `docs/spark.md`). Records are scored in
  /// batches of those already read, on the calling thread (an engine runs one process per
  /// partition); the output is the same bytes whatever the batching.
  ///
  /// - Parameters:
  ///   - streams: The inputs, read in order.
  ///   - path: The output path, `-` for standard output (see ``OutputFile``).
  /// - Throws: A reading or writing error; the output is then discarded.
  public func answer(_ streams: inout [JSONLinesStream], to path: String) throws {
    let sink = try OutputFile(path: path, contents: "the predictions")
    let renderer = PredictionRenderer(
      format: .jsonl, labels: pipeline.labels, explains: explain != nil, first: nil)
    do {
      try RecordAnswers.pump(&streams, batchSize: Self.blockSize, to: sink) { batch, _ in
        answer(batch, with: renderer)
      }
      try sink.commit()
    } catch {
      sink.discard()
      throw error
    }
  }

  /// The answer lines of one batch.
  private func answer(_ batch: [StreamedRecord], with renderer: PredictionRenderer) -> [UInt8] {
    let records = batch.compactMap { item -> DataRecord? in
      guard case .record(var record) = item else { return nil }
      record.otherFields = RecordAnswers.leadingFields(record.otherFields, reserved: [])
      return record
    }
    // One JSON object per line: JSON strings escape line breaks, so a line is a record.
    let rendered = records.isEmpty ? [] : render(records, startingAt: 1, with: renderer)
    var lines = rendered.split(separator: UInt8(ascii: "\n"))[...]
    var out: [UInt8] = []
    out.reserveCapacity(rendered.count + batch.count * 16)
    for item in batch {
      switch item {
      case .record:
        guard let line = lines.popFirst() else { continue }
        out.append(UInt8(ascii: "{"))
        RecordAnswers.appendAnswer(line, spacing: .spaced, to: &out)
      case .failure(let failure):
        RecordAnswers.appendFailure(
          failure, reserved: PredictionRenderer.reservedKeys, spacing: .spaced, to: &out)
      }
    }
    return out
  }
}
