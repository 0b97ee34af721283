import Foundation
import StanceTestSupport
import Testing

/// Runs every library example of `Examples/` (the `StanceExamples` executable, built next to
/// `stance`) and checks each against the CLI doing the same work, and checks that the
/// README's library code block is the README example's code.
@Suite struct ExamplesTests {
  /// The `StanceExamples` executable in the folder of the `stance` binary under test.
  static let executable = CLI.executable.deletingLastPathComponent()
    .appendingPathComponent("StanceExamples")

  /// Runs `StanceExamples` with `arguments` from the repository root.
  static func run(_ arguments: [String]) throws -> CLIResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = Fixtures.repositoryRoot
    let (stdout, stderr) = try CLI.collect(process, input: Data())
    return CLIResult(
      status: process.terminationStatus,
      stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }

  /// The README's `swift` code block after `## Using the library` is `import StanceKit`,
  /// a blank line and the lines between the markers of `Examples/ReadmeExample.swift`,
  /// unindented.
  @Test func readmeCodeIsTheExample() throws {
    let root = Fixtures.repositoryRoot
    let readme = try String(
      contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let section = try #require(readme.range(of: "## Using the library"))
    let after = readme[section.upperBound...]
    let open = try #require(after.range(of: "```swift\n"))
    let close = try #require(after[open.upperBound...].range(of: "```\n"))
    let block = String(after[open.upperBound..<close.lowerBound])

    let example = try String(
      contentsOf: root.appendingPathComponent("Examples/ReadmeExample.swift"), encoding: .utf8)
    let lines = example.split(separator: "\n", omittingEmptySubsequences: false)
    let begin = try #require(
      lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "// README begin" })
    let end = try #require(
      lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "// README end" })
    #expect(begin < end)
    let body = lines[(begin + 1)..<end].map { line in
      line.hasPrefix("  ") ? String(line.dropFirst(2)) : String(line)
    }
    #expect(block == "import StanceKit\n\n" + body.joined(separator: "\n") + "\n")
  }

  /// The README example trains on three texts and prints one probability per label, in
  /// model label order (sorted), summing to 1.
  @Test func readmeExampleRuns() throws {
    let result = try Self.run(["readme"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.split(separator: "\n").map { $0.split(separator: "\t") }
    #expect(rows.map { String($0[0]) } == ["conciliatory", "hawkish", "neutral"])
    let total = rows.compactMap { Double($0[1]) }.reduce(0, +)
    // Three softmax outputs rounded to Double: their sum is 1 within a few ulps.
    #expect(abs(total - 1) < 1e-12)
  }

  /// Train and save, then load and predict: the saved model holds the data's labels and
  /// predicts what `stance predict` predicts with it.
  @Test func trainSaveLoadAndPredict() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = folder.appendingPathComponent("example.stance").path
    let data = Fixtures.repositoryRoot.appendingPathComponent("data/fixtures/parity/train.csv")
    let trained = try Self.run(["train-and-save", data.path, model])
    #expect(trained.status == 0, "\(trained.stderr)")
    #expect(trained.stdout.hasPrefix("wrote \(model): "))

    let texts = ["We will not hesitate to respond with force.", "Both sides agreed to talk."]
    let predicted = try Self.run(["load-and-predict", model] + texts)
    #expect(predicted.status == 0, "\(predicted.stderr)")
    let cli = try CLI.run(["predict", "--model", model, "--text", texts[0], "--text", texts[1]])
    #expect(cli.status == 0, "\(cli.stderr)")
    let exampleLabels = predicted.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }
    let cliLabels = cli.stdout.split(separator: "\n").map { $0.split(separator: "\t")[0] }
    #expect(exampleLabels.count == 2)
    #expect(exampleLabels == cliLabels)
  }

  /// Scoring an article with the shipped stance model prints the same speaker table as
  /// `stance score --no-sentiment`.
  @Test func scoreArticleMatchesTheCLI() throws {
    let article = "data/articles/2026-03-ceasefire-talks-geneva.txt"
    let model = "models/stance.stance"
    let example = try Self.run(["score-article", article, model])
    #expect(example.status == 0, "\(example.stderr)")
    let cli = try CLI.run(["score", "--no-sentiment", "--model", model, article])
    #expect(cli.status == 0, "\(cli.stderr)")
    #expect(example.stdout == cli.stdout)
    #expect(example.stdout.hasPrefix("== \(article): "))
  }

  /// An unknown example name is a usage error.
  @Test func unknownExampleIsAUsageError() throws {
    let result = try Self.run(["no-such-example"])
    #expect(result.status == 64)
    #expect(result.stderr.hasPrefix("usage: StanceExamples readme"))
  }
}
