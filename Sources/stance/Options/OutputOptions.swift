import ArgumentParser
import Foundation

/// `--quiet` and `--progress`: how much a long-running command says on stderr.
struct ProgressOptions: ParsableArguments {
  @Flag(help: "Print nothing on stderr but errors.")
  var quiet = false

  @Flag(help: "Show progress on stderr even when it is not a terminal.")
  var progress = false

  var terminal: Terminal { Terminal(quiet: quiet, progress: progress) }
}

/// Checks, before any work, that an output file can be created at `path`.
///
/// Its folder must exist and the path must not be a folder. The write itself is atomic
/// (see AtomicFileWriter).
///
/// - Parameter path: The output path.
/// - Throws: `CLIError` naming the path.
func checkOutputPath(_ path: String) throws {
  var isFolder: ObjCBool = false
  if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
    throw CLIError.outputIsFolder(path: path)
  }
  let folder = (path as NSString).deletingLastPathComponent
  let resolved = folder.isEmpty ? "." : folder
  guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder), isFolder.boolValue
  else {
    throw CLIError.outputFolderMissing(path: path, folder: resolved)
  }
}
