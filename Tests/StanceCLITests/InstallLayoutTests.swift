import Foundation
import StanceTestSupport
import Testing

/// The layout `make install` makes: a `stance` found on `PATH` (so its `argv[0]` is a bare
/// name) finds the shipped models in `PREFIX/share/stance/models` from any folder.
///
/// The static linking itself is checked by `make install-check` (`ldd` of the installed
/// binary), which needs its own optimised build.
@Suite struct InstallLayoutTests {
  @Test func stanceOnThePathFindsTheModelsUnderItsPrefix() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let prefix = URL(fileURLWithPath: folder.file("prefix"))
    let bin = prefix.appendingPathComponent("bin")
    let models = prefix.appendingPathComponent("share/stance/models")
    let elsewhere = URL(fileURLWithPath: folder.file("elsewhere"))
    let files = FileManager.default
    for made in [bin, models, elsewhere] {
      try files.createDirectory(at: made, withIntermediateDirectories: true)
    }
    try files.copyItem(at: CLI.executable, to: bin.appendingPathComponent("stance"))
    try files.copyItem(
      at: Fixtures.repositoryRoot.appendingPathComponent("models/stance.stance"),
      to: models.appendingPathComponent("stance.stance"))

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "-u", "STANCE_MODELS", "PATH=\(bin.path):/usr/bin:/bin", "stance", "predict", "--text",
      "We will respond with force.",
    ]
    process.currentDirectoryURL = elsewhere
    let (stdout, stderr) = try CLI.collect(process, input: Data())
    #expect(process.terminationStatus == 0, "\(String(decoding: stderr, as: UTF8.self))")
    #expect(String(decoding: stdout, as: UTF8.self).hasSuffix("\tWe will respond with force.\n"))
  }
}
