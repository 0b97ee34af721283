import Foundation
import StanceTestSupport
import Testing

/// What one run of the `stance` binary produced.
struct CLIResult {
  /// The exit status.
  let status: Int32
  /// Everything written to standard output.
  let stdout: String
  /// Everything written to standard error.
  let stderr: String
}

/// Runs the built `stance` binary, the one SwiftPM put next to the test bundle.
enum CLI {
  /// The `stance` executable in the build folder that holds this test bundle.
  static let executable: URL = {
    let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    var folder = bundle.deletingLastPathComponent()
    // The test runner may be the bundle itself or a helper inside it.
    while folder.path != "/" {
      let candidate = folder.appendingPathComponent("stance")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    return Fixtures.repositoryRoot.appendingPathComponent(".build/debug/stance")
  }()

  /// Runs `stance` with `arguments`, feeding `input` to stdin, and reads stdout and stderr
  /// concurrently (so neither pipe can fill and block the child).
  ///
  /// - Parameters:
  ///   - arguments: The command-line arguments after `stance`.
  ///   - input: Bytes for standard input; empty input is an immediate end of file.
  ///   - directory: The working directory, by default the repository root.
  ///   - environment: Extra environment variables.
  /// - Returns: The exit status and both outputs.
  /// - Throws: When the binary cannot be started.
  static func run(
    _ arguments: [String], input: String = "", in directory: URL? = nil,
    environment: [String: String] = [:]
  ) throws -> CLIResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? Fixtures.repositoryRoot
    var merged = ProcessInfo.processInfo.environment
    for (key, value) in environment { merged[key] = value }
    process.environment = merged
    let (stdout, stderr) = try collect(process, input: Data(input.utf8))
    return CLIResult(
      status: process.terminationStatus,
      stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// Starts `process` with three pipes, feeds `input` to its stdin and reads stdout and
  /// stderr concurrently (so neither pipe can fill and block the child), then waits for it.
  ///
  /// - Parameters:
  ///   - process: A configured, not yet started process.
  ///   - input: Bytes for standard input; a child that closed its stdin early simply does
  ///     not get them.
  /// - Returns: Everything written to standard output and standard error.
  /// - Throws: When the process cannot be started.
  static func collect(_ process: Process, input: Data) throws -> (stdout: Data, stderr: Data) {
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let group = DispatchGroup()
    let outputs = OutputBox()
    for (index, pipe) in [stdout, stderr].enumerated() {
      group.enter()
      DispatchQueue.global().async {
        outputs.set(index, pipe.fileHandleForReading.readDataToEndOfFile())
        group.leave()
      }
    }
    // A write to a child that has closed its stdin must fail, not end the test process.
    signal(SIGPIPE, SIG_IGN)
    if !input.isEmpty { try? stdin.fileHandleForWriting.write(contentsOf: input) }
    try? stdin.fileHandleForWriting.close()
    group.wait()
    process.waitUntilExit()
    return (outputs.get(0), outputs.get(1))
  }
}

/// Collects the two pipes' bytes from the reader threads.
final class OutputBox: @unchecked Sendable {
  private var data: [Data] = [Data(), Data()]
  private let lock = NSLock()

  func set(_ index: Int, _ value: Data) {
    lock.lock()
    data[index] = value
    lock.unlock()
  }

  func get(_ index: Int) -> Data {
    lock.lock()
    defer { lock.unlock() }
    return data[index]
  }
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder() throws -> URL {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("stance-cli-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  return folder
}
