import Foundation
import StanceTestSupport
import Testing

/// The libsvm round trip through the binary and LIBLINEAR.
///
/// `stance vectorize`, LIBLINEAR's `train -s 0` (logistic regression), `stance
/// import-weights`, then both predict the same held-out texts. Needs Debian's
/// liblinear-tools (`make deps` installs it).
@Suite struct InterchangeTests {
  /// Debian's names for LIBLINEAR's `train` and `predict`, when installed.
  static let liblinear: (train: String, predict: String)? = {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
    for folder in folders {
      let train = "\(folder)/liblinear-train"
      let predict = "\(folder)/liblinear-predict"
      if FileManager.default.isExecutableFile(atPath: train),
        FileManager.default.isExecutableFile(atPath: predict)
      {
        return (train, predict)
      }
    }
    return nil
  }()

  /// Runs a program to completion and returns its exit status.
  private static func run(_ program: String, _ arguments: [String]) throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus
  }

  @Test(
    .enabled(
      if: liblinear != nil,
      "liblinear-tools is not installed (liblinear-train, liblinear-predict): run `make deps`"),
    arguments: [[String](), ["--hash-bits", "12"]])
  func liblinearModelPredictsTheSameLabelsAfterImport(features: [String]) throws {
    let tools = try #require(Self.liblinear)
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let train = Fixtures.data("fixtures/parity/train.csv").path
    let test = Fixtures.data("fixtures/parity/test.csv").path
    let (trainSVM, testSVM) = (folder.file("train.svm"), folder.file("test.svm"))
    let vectorized = try CLI.run(["vectorize", "--data", train, "--out", trainSVM] + features)
    #expect(vectorized.status == 0, "\(vectorized.stderr)")
    let labelMap = try String(contentsOfFile: trainSVM + ".labels", encoding: .utf8)
    #expect(labelMap == "0\tconciliatory\n1\thawkish\n2\tneutral\n")
    let heldOut = try CLI.run([
      "vectorize", "--data", test, "--out", testSVM, "--vectorizer",
      trainSVM + ".features.stance",
    ])
    #expect(heldOut.status == 0, "\(heldOut.stderr)")

    let model = folder.file("liblinear.model")
    #expect(try Self.run(tools.train, ["-s", "0", "-q", trainSVM, model]) == 0)
    let predicted = folder.file("liblinear.out")
    #expect(try Self.run(tools.predict, [testSVM, model, predicted]) == 0)
    let names = ["conciliatory", "hawkish", "neutral"]
    let theirs = try String(contentsOfFile: predicted, encoding: .utf8)
      .split(separator: "\n").map { names[Int($0) ?? 0] }

    let imported = folder.file("imported.stance")
    let importing = try CLI.run([
      "import-weights", "--liblinear", model, "--features", trainSVM + ".features.stance",
      "--out", imported,
    ])
    #expect(importing.status == 0, "\(importing.stderr)")
    let ours = try CLI.run([
      "predict", "--model", imported, "--input", "csv", "--format", "jsonl", test,
    ])
    #expect(ours.status == 0, "\(ours.stderr)")
    let labels = try ours.stdout.split(separator: "\n").map { line in
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      return object?["label"] as? String ?? "?"
    }
    #expect(theirs.count == 98)
    #expect(labels == theirs)
  }
}
