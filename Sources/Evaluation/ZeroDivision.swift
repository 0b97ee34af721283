/// The rule for a ratio whose denominator is zero (0/0), such as the precision of a class
/// that was never predicted.
///
/// Every division in ``ClassificationMetrics`` goes through ``divide(_:by:)``, so one value
/// of this type decides every undefined case the same way:
///
/// ```
/// divide(a, b) = a / b   when b ≠ 0
///              = 0       when b = 0 and the rule is .zero   (scikit-learn zero_division=0)
///              = 1       when b = 0 and the rule is .one    (zero_division=1)
///              = NaN     when b = 0 and the rule is .notANumber   (zero_division=np.nan)
/// ```
///
/// With ``notANumber``, averages over classes skip the undefined classes (as scikit-learn
/// does); an average with nothing left to average is itself NaN. Reports show NaN as a dash.
public enum ZeroDivision: String, Sendable, Codable, CaseIterable {
  /// An undefined ratio is 0 — the default, matching scikit-learn's `zero_division=0`.
  case zero
  /// An undefined ratio is 1.
  case one
  /// An undefined ratio is NaN and is left out of averages.
  case notANumber

  /// The value this rule gives an undefined ratio.
  public var undefinedValue: Double {
    switch self {
    case .zero: return 0
    case .one: return 1
    case .notANumber: return .nan
    }
  }

  /// Divides, replacing an undefined quotient by this rule's value.
  ///
  /// - Parameters:
  ///   - numerator: The numerator.
  ///   - denominator: The denominator; only exactly zero counts as undefined.
  /// - Returns: `numerator / denominator`, or ``undefinedValue`` when `denominator == 0`.
  public func divide(_ numerator: Double, by denominator: Double) -> Double {
    denominator == 0 ? undefinedValue : numerator / denominator
  }
}
