/// What sort of speaker a quote comes from.
public enum SpeakerKind: String, Sendable, Hashable, Codable {
  /// One person, named or not (`Jessica McNulty`, `a senior State Department official`).
  case person
  /// An institution speaking as one (`the Pentagon`, `Oman's foreign ministry`, `Saudi Arabia`).
  case organisation
  /// Several people speaking together (`Pentagon officials`, `analysts`).
  case group
  /// A text rather than a speaker: a study, a poll, a report (`according to the study`).
  case document
}

/// Who said a quote, as resolved over the whole article.
///
/// For a named speaker `name` is the full name from the first full mention without titles
/// (`Sen. James M. Inhofe of Oklahoma` → `James M. Inhofe`); for an unnamed one it is the
/// description the article uses, without the leading article (`senior State Department
/// official`) and `isNamed` is `false`.
public struct Speaker: Sendable, Hashable, Codable {
  /// The full name, or the description of an unnamed speaker.
  public var name: String
  /// The title or role (`Pentagon spokesperson`, `a fellow at the Washington Institute`).
  public var role: String?
  /// Person, organisation or group.
  public var kind: SpeakerKind
  /// Whether `name` is a proper name rather than a description.
  public var isNamed: Bool

  /// Creates a speaker.
  ///
  /// - Parameters:
  ///   - name: The full name or the description.
  ///   - role: The title or role, if the article gives one.
  ///   - kind: Person, organisation or group.
  ///   - isNamed: Whether `name` is a proper name.
  public init(name: String, role: String? = nil, kind: SpeakerKind, isNamed: Bool = true) {
    self.name = name
    self.role = role
    self.kind = kind
    self.isNamed = isNamed
  }
}

/// A speaker of an article with the quotes attributed to them.
public struct SpeakerQuotes: Sendable, Hashable, Codable {
  /// The speaker.
  public var speaker: Speaker
  /// Indices into the extraction's `quotes`, in text order.
  public var quotes: [Int]

  /// Creates an entry.
  ///
  /// - Parameters:
  ///   - speaker: The speaker.
  ///   - quotes: Indices of the speaker's quotes.
  public init(speaker: Speaker, quotes: [Int]) {
    self.speaker = speaker
    self.quotes = quotes
  }
}
