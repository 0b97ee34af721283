import ArgumentParser
import StanceKit

/// The sysexits codes the CLI ends with (DESIGN.md §3), and the mapping from every
/// library error to one of them.
enum ExitStatus {
  /// 64: the command line is wrong (an option's value, a missing argument).
  static let usage = ExitCode(64)
  /// 65: an input file is malformed, or its content cannot be used (one class, …).
  static let dataError = ExitCode(65)
  /// 66: an input file is missing or cannot be opened.
  static let noInput = ExitCode(66)
  /// 73: an output file cannot be created.
  static let cannotCreate = ExitCode(73)
  /// 74: reading or writing failed midway.
  static let ioError = ExitCode(74)

  /// The exit code for an error thrown by a command.
  ///
  /// - Parameter error: The error.
  /// - Returns: The code, or `nil` for swift-argument-parser's own errors (it maps those).
  static func code(for error: any Error) -> ExitCode? {
    switch error {
    case let error as CLIError:
      return error.exitCode
    case let error as DataError:
      switch error.category {
      case .inputUnavailable: return noInput
      case .malformedData: return dataError
      case .readFailure: return ioError
      case .usage: return usage
      }
    case let error as ModelFileError:
      return modelFileCode(error)
    case let error as OutputError:
      return outputCode(error)
    case let error as PipelineError:
      switch error {
      case .training(.invalidConfiguration): return usage
      case .training(.tooManyParameters): return usage
      default: return dataError
      }
    case is PriorShiftError:
      return dataError
    case let error as LexiconFileError:
      if case .data(let data) = error { return code(for: data) }
      if case .unknownBuiltIn = error { return usage }
      return dataError
    case is DeploymentPriorError:
      return usage
    case is InterchangeError:
      return dataError
    case let error as TrainingCacheError:
      return error.isUsage ? usage : error.isCannotCreate ? cannotCreate : dataError
    case is VectorizerError, is TrainingConfigurationError:
      return usage
    case let error as ModelSelectionError:
      switch error {
      case .invalidThreadCount, .emptyGridAxis, .lexiconAxisWithoutLexicon, .unknownMetric,
        .unknownMetricLabel, .invalidVectorizerSetting, .invalidTrainingSetting:
        return usage
      case .training(_, .invalidConfiguration), .training(_, .tooManyParameters): return usage
      default: return dataError
      }
    default:
      return nil
    }
  }

  private static func modelFileCode(_ error: ModelFileError) -> ExitCode {
    switch error {
    case .unreadable: return noInput
    case .cannotWrite(let output): return outputCode(output)
    default: return dataError
    }
  }

  private static func outputCode(_ error: OutputError) -> ExitCode {
    switch error {
    case .cannotCreate: return cannotCreate
    case .writeFailed, .streamFailed, .readerGone: return ioError
    }
  }
}

/// Problems the CLI itself detects, each naming the file or option and what to do.
enum CLIError: Error, CustomStringConvertible {
  /// No `--model` and no shipped model could be found.
  case noShippedModel(name: String, searched: [String])
  /// A `--group-by` column is missing or empty in a record.
  case missingGroup(file: String, line: Int, column: String)

  var exitCode: ExitCode {
    switch self {
    case .missingGroup: return ExitStatus.dataError
    case .noShippedModel: return ExitStatus.noInput
    }
  }

  var description: String {
    switch self {
    case .noShippedModel(let name, let searched):
      return "no --model given and the shipped model '\(name)' was not found (looked in "
        + "\(searched.joined(separator: ", "))); pass --model FILE or set STANCE_MODELS"
    case .missingGroup(let file, let line, let column):
      return "\(file):\(line): no value in the group column '\(column)' (--group-by); every "
        + "row needs one, or the column does not exist"
    }
  }
}
