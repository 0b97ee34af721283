/// A numerical fact about the data that a LAPACK routine reported.
///
/// LAPACK signals problems through its `info` result: a negative value means an argument
/// was wrong, which is a bug in StanceKit and stops the program with a precondition; a
/// positive value is a property of the matrix (not positive definite, singular) and is
/// reported as one of these cases so callers can recover, for example by regularising.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The leading minor of the given order is not positive definite, so the Cholesky
  /// factorisation could not be completed (`info > 0` from `dpotrf`/`dposv`).
  case notPositiveDefinite(routine: String, order: Int)

  /// A human-readable explanation naming the LAPACK routine and what to try.
  public var description: String {
    switch self {
    case .notPositiveDefinite(let routine, let order):
      return
        "\(routine): the leading minor of order \(order) is not positive definite; "
        + "the matrix must be symmetric positive definite (add a ridge term to its diagonal)"
    }
  }
}
