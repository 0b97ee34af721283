import Foundation
import StanceTestSupport
import Testing

/// The help of `stance` and of every subcommand, against snapshot files.
///
/// Help is part of the contract users read; a change to an option must show up here. To
/// accept a deliberate change, run the tests with `STANCE_UPDATE_SNAPSHOTS=1` and review
/// the diff of `Tests/StanceCLITests/Snapshots/`.
@Suite struct HelpTests {
  static let commands: [[String]] = [
    [], ["train"], ["eval"], ["predict"], ["inspect"], ["cv"], ["tune"], ["quotes"], ["score"],
    ["prior"], ["vectorize"], ["import-weights"],
  ]

  static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots")

  @Test(arguments: commands)
  func helpMatchesItsSnapshot(command: [String]) throws {
    let result = try CLI.run(command + ["--help"], environment: ["COLUMNS": "100"])
    #expect(result.status == 0)
    #expect(result.stderr.isEmpty)
    let name = (["help"] + command).joined(separator: "-") + ".txt"
    let file = Self.snapshots.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["STANCE_UPDATE_SNAPSHOTS"] == "1" {
      try Data(result.stdout.utf8).write(to: file)
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(result.stdout == expected, "help for '\(command.joined(separator: " "))' changed")
  }

  @Test func versionPrintsToStdout() throws {
    let result = try CLI.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout == "0.1.0\n")
    #expect(result.stderr.isEmpty)
  }

  @Test func unknownOptionIsAUsageError() throws {
    let result = try CLI.run([
      "train", "--c", "1", "--data", "x.csv", "--out", "m.stance", "--colour", "blue",
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--colour"))
    #expect(result.stdout.isEmpty)
  }
}
