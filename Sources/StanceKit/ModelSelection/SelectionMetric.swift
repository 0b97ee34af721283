import Evaluation
import Foundation

/// The score a grid search ranks by, named as on the command line (`--metric`).
///
/// Every metric is computed per test fold and then averaged over folds.
public enum SelectionMetric: Equatable, Sendable, Codable, CustomStringConvertible {
  /// Macro-averaged F1 (`macro_f1`), the default; higher is better.
  case macroF1
  /// Accuracy (`accuracy`); higher is better.
  case accuracy
  /// Log loss (`log_loss`); lower is better.
  case logLoss
  /// Support-weighted F1 (`weighted_f1`); higher is better.
  case weightedF1
  /// Macro-averaged recall (`macro_recall`), as TweetEval sentiment reports; higher is
  /// better.
  case macroRecall
  /// The mean F1 of the listed labels (`f1:against,favor`), as stance benchmarks report;
  /// higher is better.
  case f1(labels: [String])

  /// Parses the command-line spelling: `macro_f1`, `accuracy`, `log_loss`, `weighted_f1`
  /// or `f1:LABEL,LABEL,…`.
  ///
  /// - Parameter text: The spelling.
  /// - Throws: ``ModelSelectionError/unknownMetric(_:)`` for anything else.
  public init(parsing text: String) throws(ModelSelectionError) {
    switch text {
    case "macro_f1": self = .macroF1
    case "accuracy": self = .accuracy
    case "log_loss": self = .logLoss
    case "weighted_f1": self = .weightedF1
    case "macro_recall": self = .macroRecall
    default:
      guard text.hasPrefix("f1:") else { throw .unknownMetric(text) }
      let labels = text.dropFirst(3).split(separator: ",").map(String.init)
      guard !labels.isEmpty, labels.allSatisfy({ !$0.isEmpty }) else {
        throw .unknownMetric(text)
      }
      self = .f1(labels: labels)
    }
  }

  /// Whether a smaller value is better (only ``logLoss``).
  public var lowerIsBetter: Bool { self == .logLoss }

  /// The command-line spelling, which ``init(parsing:)`` reads back.
  public var description: String {
    switch self {
    case .macroF1: return "macro_f1"
    case .accuracy: return "accuracy"
    case .logLoss: return "log_loss"
    case .weightedF1: return "weighted_f1"
    case .macroRecall: return "macro_recall"
    case .f1(let labels): return "f1:" + labels.joined(separator: ",")
    }
  }

  /// Decodes the command-line spelling.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` for an unknown spelling.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      try self.init(parsing: text)
    } catch {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
    }
  }

  /// Encodes the command-line spelling.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: What the encoder throws.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
