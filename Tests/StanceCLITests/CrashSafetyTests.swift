import Foundation
import StanceTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Crash safety of model files (issue 8): `stance train` replaces a model by writing a
/// temporary file and renaming it, so neither a SIGKILL at any moment nor a concurrent
/// reader can ever see a partial file under the model's name.
@Suite struct CrashSafetyTests {
  /// The moments at which `stance train` is killed, as fractions of the time one complete
  /// run takes on this machine: from process start-up, over reading and fitting, to
  /// around the write and rename, and after it (a deterministic list; the last two leave
  /// room for a run that a busy machine slows to several times the timing run).
  static let killFractions: [Double] = [
    0.01, 0.03, 0.06, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93, 0.96,
    0.98, 1.0, 1.3, 1.6, 2.5, 4.0,
  ]

  /// A training run that takes about a second: character n-grams and a tight tolerance.
  private static func slowTrainArguments(out model: URL) -> [String] {
    [
      "train", "--c", "1", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--out",
      model.path,
      "--char-ngram", "2-5", "--tol", "1e-10", "--quiet",
    ]
  }

  @Test func killingTrainingAtTwentyMomentsNeverLeavesABrokenModel() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let previous = try Data(contentsOf: model)
    // One complete run sets the time scale (and changes the model, as every later
    // completed run does not: the same settings give the same bytes).
    let started = Date()
    let timing = try CLI.run(Self.slowTrainArguments(out: model))
    try #require(timing.status == 0, "\(timing.stderr)")
    let duration = Date().timeIntervalSince(started)
    let slowModel = try Data(contentsOf: model)
    #expect(slowModel != previous)
    // Start each round from the first model, so a completed run shows as a change.
    var replaced = 0
    var intact = 0
    for fraction in Self.killFractions {
      try previous.write(to: model)
      let delay = Int(fraction * duration * 1_000)
      let process = Process()
      process.executableURL = CLI.executable
      process.arguments = Self.slowTrainArguments(out: model)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: Double(delay) / 1_000)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      // The name always holds a whole file: the one before, or the complete new model.
      let current = try Data(contentsOf: model)
      if current == previous {
        intact += 1
      } else {
        replaced += 1
        #expect(current == slowModel, "killed after \(delay) ms: a partial or different file")
      }
      // Only hidden temporary files may be left behind, never a second visible name.
      let visible = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { !$0.hasPrefix(".") }
      #expect(visible == ["m.stance"], "killed after \(delay) ms: \(visible)")
    }
    // The model that is there at the end loads, whichever run wrote it.
    let final = try CLI.run(["inspect", "--model", model.path, "--top", "1"])
    #expect(final.status == 0, "\(final.stderr)")
    // Both outcomes occurred, so kills landed before and after the rename.
    #expect(intact >= 1 && replaced >= 1, "intact \(intact), replaced \(replaced)")
  }

  @Test func predictWhileTheModelIsReplacedNeverReadsAPartialFile() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let writer = ReplacementLoop(model: model, rounds: 4)
    let thread = Thread { writer.run() }
    thread.start()
    var reads = 0
    var failures: [String] = []
    repeat {
      let result = try CLI.run(
        ["predict", "--model", model.path], input: "we will respond with force\n")
      reads += 1
      if result.status != 0 {
        // A missing or unopenable file is the only acceptable refusal; a truncated,
        // corrupted or inconsistent file would mean a reader saw a partial write.
        if !result.stderr.contains("cannot read") { failures.append(result.stderr) }
      } else {
        #expect(result.stdout.split(separator: "\n").count == 1, "\(result.stdout)")
      }
    } while !writer.isFinished
    #expect(failures.isEmpty, "\(failures)")
    #expect(writer.failures.isEmpty, "\(writer.failures)")
    #expect(writer.completed == 4)
    #expect(reads >= 2)
    let final = try CLI.run(["inspect", "--model", model.path, "--top", "1"])
    #expect(final.status == 0, "\(final.stderr)")
  }
}

/// Trains to one model path again and again on a background thread, alternating two
/// settings so that every round really changes the file.
private final class ReplacementLoop: @unchecked Sendable {
  private let model: URL
  private let rounds: Int
  private let lock = NSLock()
  private var finished = false
  private var done = 0
  private var errors: [String] = []

  init(model: URL, rounds: Int) {
    self.model = model
    self.rounds = rounds
  }

  var isFinished: Bool { lock.withLock { finished } }
  var completed: Int { lock.withLock { done } }
  var failures: [String] { lock.withLock { errors } }

  func run() {
    for round in 0..<rounds {
      var arguments = [
        "train", "--c", "1", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--out",
        model.path, "--quiet",
      ]
      if round.isMultiple(of: 2) { arguments += ["--char-ngram", "2-4"] }
      do {
        let result = try CLI.run(arguments)
        lock.withLock {
          if result.status == 0 { done += 1 } else { errors.append(result.stderr) }
        }
      } catch {
        lock.withLock { errors.append("\(error)") }
      }
    }
    lock.withLock { finished = true }
  }
}
