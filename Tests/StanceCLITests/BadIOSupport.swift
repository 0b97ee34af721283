import Foundation
import StanceTestSupport
import Testing

extension Tag {
  /// The bad-io group: output paths of every kind, closed and failing streams, invalid
  /// UTF-8, argument values, each checked for its exit code, its first stderr line, its
  /// stdout bytes and what the file system holds afterwards.
  @Tag static var badIO: Self
}

extension CLI {
  /// Runs `stance` through `/bin/sh` so that a test can close or redirect its standard
  /// streams the way a shell user would (`<&-`, `>&-`, `>/dev/full`, `2>/dev/full`).
  ///
  /// Streams that `redirections` does not touch are the usual pipes; `input` is written to
  /// stdin unless stdin is closed or redirected.
  ///
  /// - Parameters:
  ///   - arguments: The command-line arguments after `stance`.
  ///   - redirections: Shell redirections applied to `stance` itself, e.g. `"<&- >/dev/full"`.
  ///   - input: Bytes for standard input.
  ///   - directory: The working directory, by default the repository root.
  ///   - pipeline: Whether `redirections` pipes stance into another command (`| head -c 1`);
  ///     the status is then stance's own, as `bash -o pipefail` would see it.
  /// - Returns: The exit status (a signal `n` reads as `128 + n`) and both outputs.
  /// - Throws: When the shell cannot be started.
  static func run(
    _ arguments: [String], redirections: String, input: [UInt8] = [], in directory: URL? = nil,
    pipeline: Bool = false
  ) throws -> CLIResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: pipeline ? "/bin/bash" : "/bin/sh")
    let script =
      pipeline
      ? "\"$0\" \"$@\" \(redirections); exit ${PIPESTATUS[0]}"
      : "exec \"$0\" \"$@\" \(redirections)"
    process.arguments = ["-c", script, executable.path] + arguments
    process.currentDirectoryURL = directory ?? Fixtures.repositoryRoot
    let (stdout, stderr) = try collect(process, input: Data(input))
    let status =
      process.terminationReason == .uncaughtSignal
      ? 128 + process.terminationStatus : process.terminationStatus
    return CLIResult(
      status: status,
      stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

extension CLIResult {
  /// The first line of standard error, without its newline.
  var firstErrorLine: String {
    String(stderr.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
  }
}
