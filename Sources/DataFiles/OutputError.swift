/// Why an output could not be written.
///
/// ``cannotCreate(path:reason:)`` means the output could not even be started (a missing
/// folder, no permission, a folder at the path): nothing was written and the CLI exits
/// with 73 (`EX_CANTCREAT`). ``writeFailed(path:reason:)`` means writing or saving a file
/// failed part way (a full disk, an I/O error): the earlier file under that name, if any,
/// is unchanged and the CLI exits with 74 (`EX_IOERR`). ``streamFailed(what:target:reason:)``
/// is the same for an output written in place (standard output, a device, a FIFO), where
/// what was written before the failure stays written. ``readerGone(target:)`` means the
/// reader of a pipe went away (`EPIPE`); the CLI then exits quietly, as Unix tools do.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The output could not be created at `path`; `reason` says why and what to do.
  case cannotCreate(path: String, reason: String)
  /// Writing, syncing or renaming a file into place failed; `reason` says why.
  case writeFailed(path: String, reason: String)
  /// Writing `what` (`the predictions`) to an output written in place failed; `target`
  /// names it for a reader (`standard output`, `'/dev/sdb'`) and `reason` is the system's
  /// message.
  case streamFailed(what: String, target: String, reason: String)
  /// The reading end of a pipe was closed before everything was written.
  case readerGone(target: String)

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .cannotCreate(let path, let reason):
      return "cannot create '\(path)': \(reason)"
    case .writeFailed(let path, let reason):
      return "could not write '\(path)': \(reason); any earlier file at that path is unchanged"
    case .streamFailed(let what, let target, let reason):
      return "could not write \(what) to \(target): \(reason)"
    case .readerGone(let target):
      return "could not write to \(target): the reader closed the pipe"
    }
  }
}
