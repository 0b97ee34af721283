import Classifier
import TextFeatures

// The settings objects of the JSON documents (`settings` of cv and tune, `vectorizer` and
// `training` of inspect), named after the command-line options that set them. Thread
// counts are left out: they never change a result.

extension VectorizerConfiguration {
  /// `{"ngram", "char_ngram", "min_df", "max_df", "max_features", "hash_bits",
  /// "weighting", "sublinear_tf", "normalization", "lowercase", "negation",
  /// "stop_words", "lexicon"}`; `lexicon` is the lexicon's name or `null`.
  ///
  /// Ranges are `"1-2"` or `null` (off); document-frequency limits are strings as the
  /// options take them (`"2"` is a count, `"0.5"` and `"1.0"` are fractions).
  var jsonValue: JSONValue {
    .object([
      ("ngram", .nullable(wordNGrams?.description)),
      ("char_ngram", .nullable(characterNGrams?.description)),
      ("min_df", .string(minDocumentFrequency.description)),
      ("max_df", .string(maxDocumentFrequency.description)),
      ("max_features", .nullable(maxFeatures)),
      ("hash_bits", .nullable(hashBits)),
      ("weighting", .string(weighting.scheme.rawValue)),
      ("sublinear_tf", .bool(weighting.sublinearTermFrequency)),
      ("normalization", .string(weighting.normalization == .l2 ? "l2" : "none")),
      ("lowercase", .bool(foldsCase)),
      ("negation", .bool(marksNegation)),
      ("stop_words", .nullable(stopWords?.rawValue)),
      ("lexicon", .nullable(lexicon?.name)),
    ])
  }
}

extension TrainingConfiguration {
  /// `{"c", "solver", "class_weight", "tol", "max_iter", "lbfgs_memory"}`.
  var jsonValue: JSONValue {
    .object([
      ("c", .number(c)),
      ("solver", .string(solver.rawValue)),
      ("class_weight", classWeighting.jsonValue),
      ("tol", .number(tolerance)),
      ("max_iter", .int(maximumIterations)),
      ("lbfgs_memory", .int(lbfgsMemory)),
    ])
  }
}

extension ClassWeighting {
  /// `"none"`, `"balanced"`, or `{LABEL: weight}` for explicit weights (labels sorted).
  var jsonValue: JSONValue {
    switch self {
    case .none: return .string("none")
    case .balanced: return .string("balanced")
    case .explicit(let weights):
      return .object(
        weights.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map {
          ($0, .number(weights[$0] ?? 1))
        })
    }
  }
}
