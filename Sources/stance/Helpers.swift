import Foundation
import StanceKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The helpers every command shares: writing a report, JSON, finding a shipped model,
// ending after an output failure. Option parsing helpers are in Options/OptionValues.swift.

/// Writes a whole report to `path` (see `OutputFile`: a file atomically, a device in
/// place), or to standard output when `path` is `nil`.
///
/// - Parameters:
///   - text: The report.
///   - path: The output path, or `nil` for standard output.
///   - contents: What the report is, for messages (`the report`).
/// - Throws: `OutputError` when it cannot be written.
func emit(_ text: String, to path: String?, contents: String) throws {
  try OutputFile.write(text, to: path ?? "-", contents: contents)
}

/// Ends the process after an output failure that cannot be reported the usual way (the
/// failing stream may be standard error itself), removing every uncommitted temporary file
/// first.
///
/// A closed pipe (`EPIPE`) ends the process as the default `SIGPIPE` action would, quietly
/// (status 141 in a shell), as Unix filters do; any other failure exits with 74
/// (`EX_IOERR`) after one line on standard error, if standard error still works.
///
/// - Parameter error: The failure.
func exitAfterOutputFailure(_ error: OutputError) -> Never {
  PendingOutputs.removeAll()
  if case .readerGone = error {
    signal(SIGPIPE, SIG_DFL)
    raise(SIGPIPE)
    exit(128 + SIGPIPE)
  }
  if case .streamFailed(_, let target, _) = error, target == "standard error" {
    exit(74)
  }
  try? DescriptorWriter.standardError.write("stance: \(error)\n")
  exit(74)
}

/// `value` as pretty, key-sorted JSON with a final line break.
func prettyJSON<T: Encodable>(_ value: T) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
}

/// Writes each warning as one line on standard error (`stance: warning: …`), also under
/// `--quiet`: the result is not what the options asked for.
///
/// - Parameter warnings: The warnings, in order.
func warn(_ warnings: [RunWarning]) {
  for warning in warnings { Terminal.writeError("stance: \(warning.line)\n") }
}

/// Finds a shipped model or explains where it looked.
///
/// - Parameter name: `stance` or `sentiment`.
/// - Returns: The model's path.
/// - Throws: `CLIError.noShippedModel`.
func locateShippedModel(_ name: String) throws -> String {
  let folders = ShippedModels.searchFolders()
  guard let path = ShippedModels.locate(name, in: folders) else {
    throw CLIError.noShippedModel(name: ShippedModels.fileName(name), searched: folders)
  }
  return path
}
