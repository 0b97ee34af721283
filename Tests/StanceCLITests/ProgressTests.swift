import Foundation
import StanceTestSupport
import Testing

/// `--progress` and `--quiet` as a log sees them (stderr is a pipe here, not a terminal),
/// and `predict --line-buffered` answering each line before the input ends.
@Suite struct ProgressTests {
  private static let train = Fixtures.data("fixtures/parity/train.csv").path
  private static let model = Fixtures.repositoryRoot.appendingPathComponent(
    "models/stance.stance"
  ).path

  @Test func cvWithProgressWritesOneLinePerFoldThenTheClosingLine() throws {
    let result = try CLI.run([
      "cv", "--data", Self.train, "--folds", "3", "--c", "1", "--threads", "1", "--progress",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    #expect(lines.count == 4, "\(result.stderr)")
    for (index, line) in lines.prefix(3).enumerated() {
      #expect(
        line.wholeMatch(of: /cv: \d\/3 folds, [\d.]+ folds\/s, ETA \d+:\d\d/) != nil, "\(line)")
      #expect(line.hasPrefix("cv: \(index + 1)/3 folds"))
    }
    #expect(lines.last?.wholeMatch(of: /cv: 3\/3 folds, [\d.]+ folds\/s, done in \d+:\d\d/) != nil)
  }

  @Test func offATerminalWithoutProgressAndUnderQuietNothingIsShown() throws {
    let plain = try CLI.run(["cv", "--data", Self.train, "--folds", "3", "--c", "1"])
    #expect(plain.status == 0 && plain.stderr.isEmpty, "\(plain.stderr)")
    let quiet = try CLI.run([
      "score", "--model", Self.model, "--no-sentiment", "--quiet", "--progress",
      "data/articles/2026-03-ceasefire-talks-geneva.txt",
    ])
    #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
    for command in ["eval", "inspect", "prior", "predict", "quotes", "score", "train", "tune"] {
      let help = try CLI.run([command, "--help"])
      #expect(help.stdout.contains("--quiet"), "\(command) has no --quiet")
    }
  }

  @Test func scoreWithProgressCountsArticles() throws {
    let result = try CLI.run([
      "score", "--model", Self.model, "--no-sentiment", "--progress",
      "data/articles/2026-03-ceasefire-talks-geneva.txt",
      "data/articles/2026-03-ceasefire-talks-geneva.txt",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.first?.hasPrefix("score: 1/2 articles, ") == true)
    #expect(lines.last?.hasPrefix("score: 2/2 articles, ") == true)
  }

  /// Writes one line, waits for its prediction while stdin is still open, then the next.
  @Test func lineBufferedPredictAnswersEachLineBeforeTheInputEnds() throws {
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["predict", "--model", Self.model, "--line-buffered"]
    process.currentDirectoryURL = Fixtures.repositoryRoot
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer {
      try? input.fileHandleForWriting.close()
      process.waitUntilExit()
    }
    let reader = LineReader(output.fileHandleForReading)
    for text in ["We will respond with force.", "Talks resume next week."] {
      try input.fileHandleForWriting.write(contentsOf: Data((text + "\n").utf8))
      let line = try #require(reader.nextLine(within: 60), "no answer to '\(text)' in 60 s")
      #expect(line.hasSuffix("\t" + text), "\(line)")
    }
  }
}
