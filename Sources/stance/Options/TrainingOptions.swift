import ArgumentParser
import Foundation
import StanceKit

/// `--c`, `--class-weight`, `--solver`, `--max-iter`, `--tol`, `--seed`, `--threads`: the
/// training settings of `train`, `cv` and `tune`.
struct TrainingOptions: ParsableArguments {
  @Option(
    name: .customLong("c"), parsing: .unconditional,
    help: ArgumentHelp(
      "Inverse regularisation strength: larger fits the training data more closely.",
      valueName: "C"))
  var c: Double = 1

  @Option(
    name: .customLong("class-weight"),
    help: ArgumentHelp(
      "Weigh classes: none, or balanced (n / (classes × count)).", valueName: "none|balanced"))
  var classWeight: ClassWeightChoice = .none

  @Option(help: ArgumentHelp("Optimiser.", valueName: "lbfgs|newton"))
  var solver: Solver = .newton

  @Option(
    name: .customLong("max-iter"), parsing: .unconditional,
    help: ArgumentHelp("Iteration limit.", valueName: "n"))
  var maxIter: Int = TrainingConfiguration().maximumIterations

  @Option(
    name: .customLong("tol"), parsing: .unconditional,
    help: ArgumentHelp(
      "Stop when the gradient norm falls below this fraction of its starting value.",
      valueName: "x"))
  var tol: Double = TrainingConfiguration().tolerance

  // Kept as typed and checked in validate(), so that `--seed -1` is reported like every
  // other range check.
  @Option(
    name: .customLong("seed"), parsing: .unconditional,
    help: ArgumentHelp("Seed for every random choice (fold shuffles).", valueName: "s"))
  var seedText = "0"

  /// The seed of every random choice (`--seed`); 0 before ``validate()`` has accepted it.
  var seed: UInt64 { UInt64(seedText) ?? 0 }

  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Worker threads (default: all cores); the result does not depend on it.", valueName: "n"))
  var threads: Int?

  /// The thread count to use: `--threads`, or every active core.
  var threadCount: Int { threads ?? TrainingConfiguration.defaultThreadCount }

  /// Checks every setting while the command line is parsed.
  ///
  /// A bad value is then reported with the subcommand's usage and before any file is
  /// read.
  func validate() throws {
    _ = try parseSeed(seedText)
    _ = try configuration()
  }

  /// The training configuration these options describe, checked by the library.
  ///
  /// - Returns: The configuration.
  /// - Throws: `ValidationError` carrying the library's message.
  func configuration() throws -> TrainingConfiguration {
    let configuration = TrainingConfiguration(
      c: c, solver: solver, classWeighting: classWeight.weighting, tolerance: tol,
      maximumIterations: maxIter, threads: threadCount)
    try cliValue { () throws(TrainingConfigurationError) in try configuration.validate() }
    return configuration
  }
}

extension Solver: ExpressibleByArgument {}

/// The `--class-weight` choices.
enum ClassWeightChoice: String, ExpressibleByArgument, CaseIterable {
  case none
  case balanced

  var weighting: ClassWeighting {
    self == .none ? .none : .balanced
  }
}
