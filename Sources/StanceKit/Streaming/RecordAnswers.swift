/// The streaming contract of `stance predict` and `stance score` with `--input jsonl
/// --format jsonl`, for engines that pipe records through a program (Spark's `RDD.pipe`).
///
/// Every input line gets exactly one output line, in input order:
///
/// ```
/// in   {"text": "…", "id": 7, "outlet": "Wire"}     {"id": 8, "text": 42}      not json
/// out  {"id": 7, "outlet": "Wire", …answer…, "error": null}
///      {"id": 8, "error": {"code": "text_not_a_string", "line": 2, "message": "…"}}
///      {"id": null, "error": {"code": "invalid_json", "line": 3, "message": "…"}}
/// ```
///
/// An answer line starts with the record's `id` (`null` when it has none), then its other
/// fields in the order written (a field named like a key of the answer is renamed
/// `input_NAME`), then the answer's own keys as the command's JSONL writer gives them, and
/// ends with `error`: `null`, or for a malformed line an object with a stable `code`, the
/// `line` and the `message`. Lines are answered in batches of those already read, and each
/// batch is written before the next read that could wait on a pipe, so a program that
/// writes one line and waits gets its answer; memory holds one batch.
enum RecordAnswers {
  /// Answers every line of every stream, in order, writing each batch to `sink` as soon as
  /// it is answered.
  ///
  /// - Parameters:
  ///   - streams: The inputs, read in order.
  ///   - batchSize: The most lines answered together.
  ///   - sink: Where the answers go.
  ///   - answer: The bytes of the answer lines of a batch of one input (whose name it is
  ///     given), one line per record, in order.
  /// - Throws: A reading or writing error (a malformed line is answered, never thrown).
  static func pump(
    _ streams: inout [JSONLinesStream], batchSize: Int, to sink: OutputFile,
    answer: (_ batch: [StreamedRecord], _ input: String) throws -> [UInt8]
  ) throws {
    for index in streams.indices {
      while let first = try streams[index].next() {
        var batch = [first]
        while batch.count < batchSize, streams[index].hasBufferedLine,
          let next = try streams[index].next()
        {
          batch.append(next)
        }
        try sink.write(try answer(batch, streams[index].name))
      }
    }
  }

  /// How the keys and values of a line are separated.
  enum Spacing {
    /// `{"a": 1, "b": 2}`, as `predict` writes.
    case spaced
    /// `{"a":1,"b":2}`, as `score` (Foundation's encoder) writes.
    case compact

    var colon: String { self == .spaced ? ": " : ":" }
    var comma: String { self == .spaced ? ", " : "," }
  }

  /// The fields an answer line starts with: the `id` first (a `null` one when the record
  /// has none), then the others in order, each key in `reserved` renamed `input_KEY`.
  ///
  /// - Parameters:
  ///   - fields: The record's fields other than its text.
  ///   - reserved: The keys the answer itself uses.
  /// - Returns: The fields in the order they are written, renamed.
  static func leadingFields(_ fields: [DataField], reserved: Set<String>) -> [DataField] {
    let id =
      fields.first { $0.name == "id" } ?? DataField(name: "id", value: "null", isJSON: true)
    let others = fields.filter { $0.name != "id" }.map { field in
      var field = field
      if reserved.contains(field.name) || field.name == "error" {
        field.name = "input_" + field.name
      }
      return field
    }
    return [id] + others
  }

  /// Appends `{` and the fields, each followed by a comma: the start of a line whose
  /// answer keys follow.
  static func appendOpening(_ fields: [DataField], spacing: Spacing, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    for field in fields {
      appendJSONString(field.name, to: &out)
      out.append(contentsOf: spacing.colon.utf8)
      if field.isJSON {
        out.append(contentsOf: field.value.utf8)
      } else {
        appendJSONString(field.value, to: &out)
      }
      out.append(contentsOf: spacing.comma.utf8)
    }
  }

  /// Appends the answer line of a malformed line: its id and fields, then the error.
  static func appendFailure(
    _ failure: RecordFailure, reserved: Set<String>, spacing: Spacing, to out: inout [UInt8]
  ) {
    appendOpening(leadingFields(failure.fields, reserved: reserved), spacing: spacing, to: &out)
    let (colon, comma) = (spacing.colon, spacing.comma)
    out.append(contentsOf: "\"error\"\(colon){\"code\"\(colon)".utf8)
    appendJSONString(failure.code, to: &out)
    out.append(
      contentsOf: "\(comma)\"line\"\(colon)\(failure.line)\(comma)\"message\"\(colon)".utf8)
    appendJSONString(failure.message, to: &out)
    out.append(contentsOf: "}}\n".utf8)
  }

  /// Appends a writer's JSON object (`{…}`, without a line end) as the rest of an answer
  /// line whose opening is already written: its members, then `"error": null`.
  static func appendAnswer(
    _ object: some Collection<UInt8>, spacing: Spacing, to out: inout [UInt8]
  ) {
    // The object's members without its braces.
    let members = object.dropFirst().dropLast()
    out.append(contentsOf: members)
    if !members.isEmpty { out.append(contentsOf: spacing.comma.utf8) }
    out.append(contentsOf: "\"error\"\(spacing.colon)null}\n".utf8)
  }
}
