/// A smooth, twice-differentiable function of a flat parameter vector that the optimizers
/// minimise: a value, its gradient, Hessian-vector products and a diagonal preconditioner.
///
/// The order of calls is explicit: ``valueAndGradient(at:gradient:)`` evaluates a point
/// *and* caches whatever ``hessianVectorProduct(_:into:)`` and
/// ``diagonalPreconditioner()`` need, so both of those always refer to the point of the
/// most recent `valueAndGradient` call. Calling them before any evaluation is a programming
/// error. An optimizer that evaluates a trial point and then rejects it must evaluate the
/// old point again before asking for second-order information there (LIBLINEAR hides the
/// same rule in the order of its `fun`, `grad` and `Hv` calls; here it is part of the
/// contract).
///
/// Conformers are value types with `mutating` requirements rather than classes. The cache
/// is part of the objective's value, so an optimizer has to take the objective `inout`,
/// which shows in every signature that the call changes it; two copies never share a cache
/// (no aliasing between the caller and the optimizer, nothing to lock), and copies are
/// cheap until one of them evaluates a new point (copy-on-write storage).
public protocol Objective {
  /// The number of parameters, the length of every point, gradient and direction.
  var dimension: Int { get }

  /// Evaluates the function and its gradient at `point`, caching what the second-order
  /// calls need.
  ///
  /// - Parameters:
  ///   - point: The parameters, `dimension` values.
  ///   - gradient: Overwritten with `∇f(point)`; must already hold `dimension` values.
  /// - Returns: `f(point)`; may be non-finite, which optimizers report rather than trap.
  mutating func valueAndGradient(at point: [Double], gradient: inout [Double]) -> Double

  /// Multiplies the Hessian at the last evaluated point by `direction`.
  ///
  /// ```
  /// result = ∇²f(last point) · direction
  /// ```
  ///
  /// - Parameters:
  ///   - direction: A vector of `dimension` values.
  ///   - result: Overwritten with the product; must already hold `dimension` values.
  mutating func hessianVectorProduct(_ direction: [Double], into result: inout [Double])

  /// The diagonal of the Hessian at the last evaluated point, for preconditioning.
  ///
  /// - Returns: `dimension` non-negative values (for a convex objective).
  mutating func diagonalPreconditioner() -> [Double]

  /// ``hessianVectorProduct(_:into:)`` in single precision, for an optimizer that keeps its
  /// inner iterations' vectors in `Float` (half the memory and memory traffic). The sums
  /// should still be formed in `Double`; only the stored vectors are `Float`.
  ///
  /// - Parameters:
  ///   - direction: `dimension` values.
  ///   - result: Receives the product; `dimension` elements.
  mutating func hessianVectorProduct(
    _ direction: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>)

  /// ``diagonalPreconditioner()`` in single precision, written into `result` (`dimension`
  /// elements).
  mutating func diagonalPreconditioner(into result: UnsafeMutableBufferPointer<Float>)

  /// ``valueAndGradient(at:gradient:)`` with the gradient stored in single precision (its
  /// sums still formed in `Double`); it caches the point like the `Double` version.
  ///
  /// - Parameters:
  ///   - point: The parameters, `dimension` values.
  ///   - gradient: Receives `∇f(point)`, rounded; `dimension` elements.
  /// - Returns: `f(point)`.
  mutating func valueAndGradient(
    at point: [Double], gradient: UnsafeMutableBufferPointer<Float>
  ) -> Double
}

extension Objective {
  /// Widens `direction`, calls the `Double` product and rounds the result: correct for any
  /// objective, but with two temporary vectors; large objectives implement it directly.
  public mutating func hessianVectorProduct(
    _ direction: UnsafeBufferPointer<Float>, into result: UnsafeMutableBufferPointer<Float>
  ) {
    var product = [Double](repeating: 0, count: dimension)
    hessianVectorProduct(direction.map { Double($0) }, into: &product)
    for index in product.indices { result[index] = Float(product[index]) }
  }

  /// Calls the `Double` evaluation and rounds the gradient; large objectives implement it
  /// directly.
  public mutating func valueAndGradient(
    at point: [Double], gradient: UnsafeMutableBufferPointer<Float>
  ) -> Double {
    var full = [Double](repeating: 0, count: dimension)
    let value = valueAndGradient(at: point, gradient: &full)
    for index in full.indices { gradient[index] = Float(full[index]) }
    return value
  }

  /// Rounds ``diagonalPreconditioner()``; large objectives implement it directly.
  public mutating func diagonalPreconditioner(into result: UnsafeMutableBufferPointer<Float>) {
    for (index, value) in diagonalPreconditioner().enumerated() { result[index] = Float(value) }
  }
}
