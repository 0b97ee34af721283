public import TextFeatures

/// The polarity lexicons compiled into StanceKit, so they work without their files:
/// `--lexicon builtin:sentiment` and `--lexicon builtin:stance` (the lists of
/// data/lexicons/, written for StanceKit).
///
/// `sentiment` scores words for good and bad (7,042 words); `stance` for force and pressure
/// against talks and restraint (2,074 words). `stance train` without `--c` tries the
/// sentiment list on small data (see ``RegularizationSelection``).
public enum BuiltInLexicons {
  /// What names a built-in lexicon where a lexicon file is expected: `builtin:NAME`.
  public static let prefix = "builtin:"

  /// The names of the built-in lexicons, sorted.
  public static var names: [String] { csvTexts.keys.sorted() }

  /// The built-in lexicon called `name`, or `nil` when there is none.
  ///
  /// - Parameters:
  ///   - name: `sentiment` or `stance`.
  ///   - foldsCase: Whether to lowercase the terms (as the vectorizer folds case); the
  ///     lists are lowercase already.
  /// - Returns: The lexicon, named `name`.
  /// - Complexity: O(list size); the text is parsed on every call.
  public static func lexicon(named name: String, foldsCase: Bool = true) -> Lexicon? {
    guard let text = csvTexts[name] else { return nil }
    var entries: [Lexicon.Entry] = []
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",")
      guard fields.count == 2, let valence = Int(fields[1]) else { return nil }
      let term = String(fields[0])
      entries.append(Lexicon.Entry(term: foldsCase ? term.lowercased() : term, valence: valence))
    }
    return try? Lexicon(name: name, entries: entries)
  }
}
