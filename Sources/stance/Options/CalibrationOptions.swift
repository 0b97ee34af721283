import ArgumentParser
import StanceKit

/// `--calibrate`, `--calibration-fraction`, `--calibration-folds`, `--calibration-map`,
/// `--deployment-prior`: whether and how a softmax temperature (or a vector-scaling map) is
/// fitted for the model `train` or `tune --out` writes, and the class shares it is meant for.
struct CalibrationOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Fit a softmax temperature so probabilities are calibrated: on a held-out split "
        + "(the model is then trained on the rest) or by cross-validation (pooled "
        + "out-of-fold scores; the model is trained on all rows).",
      valueName: "heldout|cv"))
  var calibrate: CalibrationChoice?

  @Option(
    name: .customLong("calibration-fraction"), parsing: .unconditional,
    help: ArgumentHelp("The held-out share for --calibrate heldout.", valueName: "x"))
  var calibrationFraction = 0.2

  @Option(
    name: .customLong("calibration-folds"), parsing: .unconditional,
    help: ArgumentHelp("Folds for --calibrate cv.", valueName: "k"))
  var calibrationFolds = 5

  @Option(
    name: .customLong("calibration-map"),
    help: ArgumentHelp(
      "What --calibrate fits: one softmax temperature (never changes a label) or vector "
        + "scaling (a scale and a bias per class on the log-probabilities, fitted by Newton's "
        + "method).",
      valueName: "temperature|vector"))
  var map: CalibrationMap = .temperature

  @Option(
    name: .customLong("deployment-prior"),
    help: ArgumentHelp(
      "The class shares the model is meant for, as LABEL=SHARE,… summing to 1 (e.g. "
        + "neutral=0.84,hawkish=0.09,conciliatory=0.07): stored in the model, and every "
        + "probability is adjusted from the training shares to these (prior shift); default: "
        + "the training shares.",
      valueName: "shares"))
  var deploymentPriorText: String?

  func validate() throws {
    // Checked even when --calibrate does not use them: a value out of range is a mistake
    // either way. The comparison also refuses NaN.
    if !(calibrationFraction > 0 && calibrationFraction < 1) {
      throw ValidationError(
        "the held-out share (--calibration-fraction) must be between 0 and 1 (exclusive), "
          + "got \(shownNumber(calibrationFraction)); try 0.2")
    }
    _ = try deploymentPrior()
    try checkAtLeast(
      calibrationFolds, 2, setting: "the number of calibration folds",
      option: "--calibration-folds")
  }

  /// The `--deployment-prior` these options give, or `nil`.
  func deploymentPrior() throws -> DeploymentPrior? {
    guard let deploymentPriorText else { return nil }
    do {
      return try DeploymentPrior.parse(deploymentPriorText, source: "--deployment-prior")
    } catch {
      throw ValidationError(error.description)
    }
  }

  /// The calibration these options ask for, with `seed` for its split or folds; `nil`
  /// without `--calibrate`.
  func method(seed: UInt64) -> CalibrationMethod? {
    switch calibrate {
    case .heldout: return .heldOut(fraction: calibrationFraction, seed: seed)
    case .cv: return .crossValidation(folds: calibrationFolds, seed: seed)
    case nil: return nil
    }
  }
}

/// The `--calibrate` choices.
enum CalibrationChoice: String, ExpressibleByArgument, CaseIterable {
  case heldout
  case cv
}

extension CalibrationMap: ExpressibleByArgument {}
