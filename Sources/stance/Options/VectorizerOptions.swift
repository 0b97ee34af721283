import ArgumentParser
import StanceKit

/// `--ngram`, `--char-ngram`, `--min-df`, `--max-df`, `--max-features`, `--weighting`,
/// `--sublinear-tf`, `--negation`, `--stop-words`, `--lexicon`, `--hash-bits`: the vectorizer
/// settings of `train`, `cv` and `vectorize`.
struct VectorizerOptions: ParsableArguments {
  // The two ranges are kept as typed and checked in validate(), so that a range out of
  // bounds is reported like every other range check, not as a value the parser refused.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Word n-gram lengths, as LOW-HIGH (default: 1-2).", valueName: "range"))
  var ngram: String?

  @Option(
    name: .customLong("char-ngram"), parsing: .unconditional,
    help: ArgumentHelp(
      "Character n-gram lengths inside word boundaries, as LOW-HIGH (e.g. 2-5), or off "
        + "(the default; train without --c also tries 2-5 on at most 20,000 documents and "
        + "keeps them when its cross-validation prefers them).",
      valueName: "range"))
  var charNGram: String?

  @Option(
    name: .customLong("min-df"), parsing: .unconditional,
    help: ArgumentHelp(
      "Drop terms in fewer documents than this: a count (2) or a fraction (0.01); default 1.",
      valueName: "limit"),
    transform: { text in
      try cliValue { () throws(VectorizerError) in try DocumentFrequencyLimit(parsing: text) }
    })
  var minDF: DocumentFrequencyLimit = .count(1)

  @Option(
    name: .customLong("max-df"), parsing: .unconditional,
    help: ArgumentHelp(
      "Drop terms in more documents than this: a count (500) or a fraction (0.9); default 1.0.",
      valueName: "limit"),
    transform: { text in
      try cliValue { () throws(VectorizerError) in try DocumentFrequencyLimit(parsing: text) }
    })
  var maxDF: DocumentFrequencyLimit = .fraction(1)

  @Option(
    name: .customLong("max-features"), parsing: .unconditional,
    help: ArgumentHelp(
      "Keep only the N terms found in most documents.", valueName: "n"))
  var maxFeatures: Int?

  @Option(help: ArgumentHelp("Term weighting.", valueName: "tfidf|tf|binary"))
  var weighting: WeightingChoice = .tfidf

  @Flag(name: .customLong("sublinear-tf"), help: "Use 1 + ln(tf) instead of raw counts.")
  var sublinearTF = false

  @Flag(
    help: ArgumentHelp(
      "Mark the words after a negator (not, no, never, n't, …) up to the next clause "
        + "punctuation as NOT_word; off by default (docs/tokenizer.md)."))
  var negation = false

  @Option(
    name: .customLong("stop-words"),
    help: ArgumentHelp(
      "Drop function words (our English list, docs/tokenizer.md) before n-grams; "
        + "default: keep every word.", valueName: "english"))
  var stopWords: StopWordList?

  @Option(
    help: ArgumentHelp(
      "Add four features counting the words of a polarity lexicon: a `term,valence` CSV file, "
        + "builtin:sentiment or builtin:stance (docs/tokenizer.md), or off (the default; "
        + "train without --c also tries builtin:sentiment on at most 20,000 documents and "
        + "keeps it when its cross-validation prefers it).",
      valueName: "file"))
  var lexicon: String?

  @Option(
    name: .customLong("hash-bits"), parsing: .unconditional,
    help: ArgumentHelp(
      "Hash features into 2^B buckets instead of keeping a vocabulary (B from 1 to 30).",
      valueName: "B"))
  var hashBits: Int?

  /// Checks every setting while the command line is parsed.
  ///
  /// A bad value is then reported with the subcommand's usage and before any file is
  /// read. The thread count is checked with the training options.
  func validate() throws {
    _ = try settings(threads: 1)
  }

  /// The vectorizer configuration these options describe, with the lexicon read from its
  /// file.
  ///
  /// - Parameter threads: Worker threads for vectorising.
  /// - Returns: The configuration.
  /// - Throws: `ValidationError` carrying the library's message, or a
  ///   `LexiconFileError` naming the lexicon file's line.
  func configuration(threads: Int) throws -> VectorizerConfiguration {
    var configuration = try settings(threads: threads)
    if let lexicon, lexicon != "off" {
      configuration.lexicon = try LexiconFile.read(
        path: lexicon, foldsCase: configuration.foldsCase)
    }
    return configuration
  }

  /// Whether `--char-ngram` was left out, so `train` may try character n-grams itself.
  var leavesCharacterNGramsOpen: Bool { charNGram == nil }

  /// Whether `--lexicon` was left out, so `train` may try the built-in sentiment lexicon.
  var leavesLexiconOpen: Bool { lexicon == nil }

  /// The settings given on the command line, checked by the library's own validation so
  /// the CLI and the API report the same problems; the lexicon file is not read here.
  ///
  /// - Parameter threads: Worker threads for vectorising.
  /// - Returns: The configuration without a lexicon.
  /// - Throws: `ValidationError` carrying the library's message.
  private func settings(threads: Int) throws -> VectorizerConfiguration {
    let wordNGrams = try ngram.map { try parseNGramRange($0, option: .word) }
    let characterNGrams = try charNGram.flatMap {
      $0 == "off" ? nil : try parseNGramRange($0, option: .character)
    }
    var configuration = VectorizerConfiguration(
      wordNGrams: wordNGrams ?? .unigramsAndBigrams, characterNGrams: characterNGrams,
      minDocumentFrequency: minDF,
      maxDocumentFrequency: maxDF, maxFeatures: maxFeatures, hashBits: hashBits,
      weighting: TermWeighting(scheme: weighting.scheme, sublinearTermFrequency: sublinearTF),
      threads: threads)
    configuration.marksNegation = negation
    configuration.stopWords = stopWords
    try cliValue { () throws(VectorizerError) in try configuration.validate() }
    return configuration
  }
}

/// The `--weighting` choices.
enum WeightingChoice: String, ExpressibleByArgument, CaseIterable {
  case tfidf
  case tf
  case binary

  var scheme: TermWeighting.Scheme {
    switch self {
    case .tfidf: return .tfidf
    case .tf: return .termFrequency
    case .binary: return .binary
    }
  }
}

extension StopWordList: ExpressibleByArgument {}
