public import Classifier
import Foundation
public import TextFeatures

/// The values a grid search tries: the grid is the Cartesian product of every axis.
///
/// The axes are those of `stance tune`: `C`, word n-gram range, minimum document
/// frequency, weighting, class weighting, and character n-grams (a range, or `nil` for
/// off). Settings not on an axis come from the base configurations given to
/// ``GridSearch/run(texts:labels:groups:grid:vectorizer:training:configuration:metric:progress:)``.
public struct ParameterGrid: Equatable, Sendable, Codable {
  /// `C` values.
  public var c: [Double]
  /// Word n-gram ranges (`nil` = no word features).
  public var wordNGrams: [NGramRange?]
  /// Minimum document frequencies.
  public var minDocumentFrequencies: [DocumentFrequencyLimit]
  /// Term weightings.
  public var weightings: [TermWeighting]
  /// Class weightings.
  public var classWeightings: [ClassWeighting]
  /// Character n-gram ranges (`nil` = off).
  public var characterNGrams: [NGramRange?]
  /// Maximum document frequencies, or `nil` (the default) for the base configuration's.
  public var maxDocumentFrequencies: [DocumentFrequencyLimit]? = nil
  /// Negation marking off (`false`) and/or on (`true`), or `nil` (the default) for the
  /// base configuration's.
  public var negations: [Bool]? = nil
  /// The base configuration's lexicon off (`false`) and/or on (`true`), or `nil` (the
  /// default) to keep the base configuration's setting.
  public var lexiconUses: [Bool]? = nil

  /// Creates a grid; each axis defaults to the library default alone.
  ///
  /// - Parameters:
  ///   - c: `C` values.
  ///   - wordNGrams: Word n-gram ranges.
  ///   - minDocumentFrequencies: Minimum document frequencies.
  ///   - weightings: Term weightings.
  ///   - classWeightings: Class weightings.
  ///   - characterNGrams: Character n-gram ranges, `nil` meaning off.
  public init(
    c: [Double] = [1], wordNGrams: [NGramRange?] = [.unigramsAndBigrams],
    minDocumentFrequencies: [DocumentFrequencyLimit] = [.count(1)],
    weightings: [TermWeighting] = [.tfidf], classWeightings: [ClassWeighting] = [.none],
    characterNGrams: [NGramRange?] = [nil]
  ) {
    self.c = c
    self.wordNGrams = wordNGrams
    self.minDocumentFrequencies = minDocumentFrequencies
    self.weightings = weightings
    self.classWeightings = classWeightings
    self.characterNGrams = characterNGrams
  }

  /// The number of points, the product of the axis lengths.
  public var count: Int {
    c.count * wordNGrams.count * minDocumentFrequencies.count * weightings.count
      * classWeightings.count * characterNGrams.count * (maxDocumentFrequencies?.count ?? 1)
      * (negations?.count ?? 1) * (lexiconUses?.count ?? 1)
  }

  /// Every point, in grid order: word n-grams outermost, then min-df, max-df, weighting,
  /// character n-grams, negation, lexicon, class weighting, and `C` innermost (each axis in given
  /// order).
  ///
  /// - Parameters:
  ///   - vectorizer: The base vectorizer settings.
  ///   - training: The base training settings.
  /// - Returns: ``count`` points.
  public func points(
    vectorizer: VectorizerConfiguration, training: TrainingConfiguration
  ) -> [GridPoint] {
    var points: [GridPoint] = []
    for setting in vectorizerSettings(base: vectorizer) {
      for weighting in classWeightings {
        for value in c {
          var trainingPoint = training
          trainingPoint.c = value
          trainingPoint.classWeighting = weighting
          points.append(GridPoint(vectorizer: setting, training: trainingPoint))
        }
      }
    }
    return points
  }

  /// The distinct vectorizer settings, in grid order.
  func vectorizerSettings(base: VectorizerConfiguration) -> [VectorizerConfiguration] {
    var settings: [VectorizerConfiguration] = []
    for words in wordNGrams {
      for minimum in minDocumentFrequencies {
        for maximum in maxDocumentFrequencies ?? [base.maxDocumentFrequency] {
          for weighting in weightings {
            for characters in characterNGrams {
              for negation in negations ?? [base.marksNegation] {
                for usesLexicon in lexiconUses ?? [base.lexicon != nil] {
                  var setting = base
                  setting.wordNGrams = words
                  setting.minDocumentFrequency = minimum
                  setting.maxDocumentFrequency = maximum
                  setting.weighting = weighting
                  setting.characterNGrams = characters
                  setting.marksNegation = negation
                  setting.lexicon = usesLexicon ? base.lexicon : nil
                  settings.append(setting)
                }
              }
            }
          }
        }
      }
    }
    return settings
  }

  /// Checks that no axis is empty and every value is valid.
  ///
  /// - Throws: ``ModelSelectionError/emptyGridAxis(_:)``,
  ///   ``ModelSelectionError/invalidVectorizerSetting(_:)`` or
  ///   ``ModelSelectionError/invalidTrainingSetting(_:)``.
  public func validate(vectorizer: VectorizerConfiguration, training: TrainingConfiguration)
    throws(ModelSelectionError)
  {
    let axes: [(String, Int)] = [
      ("C (--c)", c.count), ("the word n-gram range (--ngram)", wordNGrams.count),
      ("min-df", minDocumentFrequencies.count), ("weighting", weightings.count),
      ("class weight", classWeightings.count), ("character n-grams", characterNGrams.count),
      ("max-df", maxDocumentFrequencies?.count ?? 1), ("negation", negations?.count ?? 1),
      ("lexicon", lexiconUses?.count ?? 1),
    ]
    for (name, count) in axes where count == 0 { throw .emptyGridAxis(name) }
    if lexiconUses?.contains(true) == true && vectorizer.lexicon == nil {
      throw .lexiconAxisWithoutLexicon
    }
    for setting in vectorizerSettings(base: vectorizer) {
      do { try setting.validate() } catch { throw .invalidVectorizerSetting(error) }
    }
    for point in points(vectorizer: vectorizer, training: training) {
      do {
        try point.training.validate()
      } catch {
        throw .invalidTrainingSetting(error)
      }
    }
  }
}

/// One setting of a grid: the full vectorizer and training configurations.
public struct GridPoint: Equatable, Sendable, Codable, CustomStringConvertible {
  /// The vectorizer settings.
  public var vectorizer: VectorizerConfiguration
  /// The training settings.
  public var training: TrainingConfiguration

  /// Creates a point.
  ///
  /// - Parameters:
  ///   - vectorizer: The vectorizer settings.
  ///   - training: The training settings.
  public init(vectorizer: VectorizerConfiguration, training: TrainingConfiguration) {
    self.vectorizer = vectorizer
    self.training = training
  }

  /// `C=… ngram=… min_df=… weighting=… class_weight=… char=…`, the grid axes only, then
  /// `max_df=…`, `negation=on`, `stop_words=…` and `lexicon=NAME` when they differ from the
  /// defaults.
  public var description: String {
    var parts = [
      "C=\(Self.format(training.c))", "ngram=\(vectorizer.wordNGrams?.description ?? "off")",
      "min_df=\(vectorizer.minDocumentFrequency)", "weighting=\(Self.name(vectorizer.weighting))",
      "class_weight=\(Self.name(training.classWeighting))",
      "char=\(vectorizer.characterNGrams?.description ?? "off")",
    ]
    if vectorizer.maxDocumentFrequency != .fraction(1) {
      parts.append("max_df=\(vectorizer.maxDocumentFrequency)")
    }
    if vectorizer.marksNegation { parts.append("negation=on") }
    if let stopWords = vectorizer.stopWords { parts.append("stop_words=\(stopWords.rawValue)") }
    if let lexicon = vectorizer.lexicon { parts.append("lexicon=\(lexicon.name)") }
    return parts.joined(separator: " ")
  }

  /// A short, locale-independent number.
  static func format(_ value: Double) -> String {
    String(format: "%g", value)
  }

  /// The command-line name of a weighting (`tfidf`, `tf`, `binary`, with `+sublinear` and
  /// `+nonorm` when set).
  static func name(_ weighting: TermWeighting) -> String {
    var text = weighting.scheme.rawValue
    if weighting.sublinearTermFrequency { text += "+sublinear" }
    if weighting.normalization == .disabled { text += "+nonorm" }
    return text
  }

  /// The command-line name of a class weighting.
  static func name(_ weighting: ClassWeighting) -> String {
    switch weighting {
    case .none: return "none"
    case .balanced: return "balanced"
    case .explicit: return "explicit"
    }
  }
}
