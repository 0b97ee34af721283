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
  /// The moments, in milliseconds after `stance train` starts, at which it is killed:
  /// spread from process start-up over reading, fitting and writing (a deterministic list).
  static let killDelays: [Int] = [
    5, 10, 20, 35, 50, 75, 100, 140, 190, 250, 320, 400, 490, 590, 700, 820, 950, 1_100,
    1_300, 1_500,
  ]

  /// A training run that takes about a second: character n-grams and a tight tolerance.
  private static func slowTrainArguments(out model: URL) -> [String] {
    [
      "train", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--out", model.path,
      "--char-ngram", "2-5", "--tol", "1e-10", "--quiet",
    ]
  }

  @Test func killingTrainingAtTwentyMomentsNeverLeavesABrokenModel() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    var previous = try Data(contentsOf: model)
    var replaced = 0
    for delay in Self.killDelays {
      let process = Process()
      process.executableURL = CLI.executable
      process.arguments = Self.slowTrainArguments(out: model)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: Double(delay) / 1_000)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      // The name always holds a whole file: the one before, or a complete new model.
      let current = try Data(contentsOf: model)
      if current != previous {
        replaced += 1
        let check = try CLI.run(["inspect", "--model", model.path, "--top", "1"])
        #expect(check.status == 0, "killed after \(delay) ms: \(check.stderr)")
        previous = current
      }
      // Only hidden temporary files may be left behind, never a second visible name.
      let visible = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        .filter { !$0.hasPrefix(".") }
      #expect(visible == ["m.stance"], "killed after \(delay) ms: \(visible)")
    }
    // The model that is there at the end loads, whichever run wrote it.
    let final = try CLI.run(["inspect", "--model", model.path, "--top", "1"])
    #expect(final.status == 0, "\(final.stderr)")
    // The slow setting changes the model, so at most one replacement per finished run.
    #expect(replaced <= Self.killDelays.count)
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
        "train", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--out",
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
