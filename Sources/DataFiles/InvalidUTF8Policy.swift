/// What a reader does with bytes that are not valid UTF-8.
///
/// The same three choices as scikit-learn's `decode_error` (`strict`, `replace`, `ignore`),
/// except that `skip` drops the whole record rather than the offending bytes, so a text is
/// never silently shortened:
///
/// | policy    | a record holding an ill-formed sequence                                   |
/// | --------- | ------------------------------------------------------------------------- |
/// | `fail`    | stops reading with ``DataError/invalidUTF8(file:line:byteOffset:byte:)`` |
/// | `replace` | is kept; each maximal ill-formed subpart becomes U+FFFD                  |
/// | `skip`    | is dropped; reading goes on with the next record                         |
///
/// A record is a CSV or TSV row (the header included, except that `skip` cannot drop the
/// header), a JSONL line, a line of plain text, or a whole article file. `replace` follows
/// the Unicode Standard's "maximal subpart" practice (chapter 3, "U+FFFD Substitution of
/// Maximal Subparts"), which is what `String(decoding:as:)` does: one U+FFFD for each
/// longest prefix of a well-formed sequence, or for a single byte that starts none.
///
/// Not guaranteed: under `replace` the text differs from the file's bytes, so UTF-8 offsets
/// into the text (such as quote spans) no longer match offsets in the file after the first
/// replacement.
public enum InvalidUTF8Policy: String, Sendable, CaseIterable {
  /// Stop at the first ill-formed sequence, naming the file, line and byte offset.
  case fail
  /// Keep the record with each ill-formed sequence replaced by U+FFFD.
  case replace
  /// Drop the record and go on.
  case skip

  /// The policy used when none is named: stop at the first ill-formed sequence.
  public static let `default` = InvalidUTF8Policy.fail
}

/// How many records of one input were repaired or dropped under an ``InvalidUTF8Policy``.
///
/// ```swift
/// InvalidUTF8Summary(file: "data.csv", policy: .skip, count: 3).description
/// // "data.csv: skipped 3 records with invalid UTF-8"
/// ```
public struct InvalidUTF8Summary: Equatable, Sendable, CustomStringConvertible {
  /// What one counted item is called in the message.
  public enum Unit: String, Sendable {
    /// A row, line or JSONL object of a data file.
    case record
    /// A whole article (a file, standard input, or a JSONL batch's record).
    case article
  }

  /// The input, as named in messages.
  public let file: String
  /// The policy that was applied; `fail` never counts anything.
  public let policy: InvalidUTF8Policy
  /// How many records (or articles) held invalid UTF-8.
  public let count: Int
  /// What is counted.
  public let unit: Unit

  /// Creates a summary.
  ///
  /// - Parameters:
  ///   - file: The input, as named in messages.
  ///   - policy: The policy applied.
  ///   - count: How many records held invalid UTF-8.
  ///   - unit: What is counted; records by default.
  public init(file: String, policy: InvalidUTF8Policy, count: Int, unit: Unit = .record) {
    self.file = file
    self.policy = policy
    self.count = count
    self.unit = unit
  }

  /// `data.csv: replaced invalid UTF-8 in 3 records` or
  /// `data.csv: skipped 1 record with invalid UTF-8`.
  public var description: String {
    let noun = count == 1 ? unit.rawValue : unit.rawValue + "s"
    switch policy {
    case .skip: return "\(file): skipped \(count) \(noun) with invalid UTF-8"
    case .fail, .replace: return "\(file): replaced invalid UTF-8 in \(count) \(noun)"
    }
  }
}
