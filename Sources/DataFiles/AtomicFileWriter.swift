import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers only ever see the old content or the complete new
/// content, never a partial file, even if the process is killed or the machine loses power.
///
/// ```
/// open    create DIR/.NAME.<pid>.<n>.tmp exclusively (O_CREAT | O_EXCL), in the target's folder
/// write   every byte (buffered; short writes and EINTR retried)
/// commit  fsync(temp) → close → rename(temp, DIR/NAME) → fsync(DIR)
/// ```
///
/// `rename` within one folder replaces the name atomically (POSIX), and the two `fsync`
/// calls make the new bytes and the new name durable before ``commit()`` returns. Until
/// then nothing exists under the final name that was not there before. On any failure,
/// and when a writer is discarded or released without a commit, the temporary file is
/// removed and the target is left as it was. Only a process killed between `open` and
/// `commit` can leave a hidden `.NAME.*.tmp` file behind (never a partial `NAME`).
///
/// An existing target's permission bits are carried over to the new file; a new file gets
/// `0666` minus the process umask (and, when run as root, its owner). A symbolic link is
/// followed: its final target is replaced and the link stays. Paths that do not lead to a
/// regular file (devices, FIFOs, standard output) are refused here; ``OutputFile`` writes
/// those in place.
///
/// ```swift
/// try AtomicFileWriter.write(bytes, to: "models/news.stance")   // all at once
///
/// let output = try AtomicFileWriter(path: "predictions.jsonl")   // streaming
/// for line in lines { try output.write(line) }
/// try output.commit()
/// ```
///
/// A writer is not thread-safe: use it from one thread at a time.
public final class AtomicFileWriter {
  /// The path as given, used in messages.
  public let path: String
  /// The file replaced on commit: ``path`` with any symbolic links followed.
  public let target: String
  /// The temporary file that becomes ``path`` on commit.
  let temporaryPath: String
  /// The open temporary file, or `-1` once closed.
  private var descriptor: Int32
  /// Bytes not yet handed to the kernel.
  private var pending: [UInt8] = []
  /// Whether the writer is still accepting bytes.
  private var isOpen = true
  /// Bytes handed to the kernel so far.
  private var written = 0
  /// For tests: writing beyond this many bytes fails as if the disk were full.
  private let simulatedCapacity: Int?

  /// How many bytes are collected before they are written out.
  static let bufferSize = 1 << 20

  /// Opens a new temporary file next to `path`; nothing appears under `path` until
  /// ``commit()``.
  ///
  /// - Parameter path: The file to (re)place. Its folder must exist and be writable.
  /// - Throws: ``OutputError/cannotCreate(path:reason:)`` when `path` is a directory, its
  ///   folder does not exist or cannot be written to.
  public convenience init(path: String) throws(OutputError) {
    try self.init(path: path, simulatedCapacity: nil)
  }

  /// Opens a writer whose writes fail once `simulatedCapacity` bytes have been written
  /// (`nil`: never), to test the failure paths without filling a disk.
  convenience init(path: String, simulatedCapacity: Int?) throws(OutputError) {
    guard case .file(let target) = try OutputDestination.resolve(path) else {
      throw .cannotCreate(
        path: path, reason: "it is not a regular file; write to it with OutputFile instead")
    }
    try self.init(path: path, target: target, simulatedCapacity: simulatedCapacity)
  }

  /// Opens a writer for `target`, the regular file (or new name) that `path` was already
  /// resolved to by ``OutputDestination/resolve(_:)``.
  init(path: String, target: String, simulatedCapacity: Int? = nil) throws(OutputError) {
    let (folder, name) = OutputDestination.split(target)
    var targetStatus = stat()
    let exists = lstat(target, &targetStatus) == 0
    let mode: mode_t = exists ? targetStatus.st_mode & 0o7777 : 0o666
    var opened: (descriptor: Int32, path: String)?
    for _ in 0..<100 {
      let candidate = Self.temporaryName(folder: folder, name: name)
      let result = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
      if result >= 0 {
        if exists {
          _ = fchmod(result, mode)
          // Root rewriting someone's file keeps it theirs; for others this is a no-op.
          if geteuid() == 0 { _ = fchown(result, targetStatus.st_uid, targetStatus.st_gid) }
        }
        opened = (result, candidate)
        break
      }
      let code = errno
      guard code == EEXIST || code == EINTR else {
        throw .cannotCreate(path: path, reason: OutputDestination.reason(code))
      }
    }
    guard let opened else {
      throw .cannotCreate(
        path: path, reason: "no unused temporary name in '\(folder)' after 100 attempts")
    }
    descriptor = opened.descriptor
    temporaryPath = opened.path
    PendingOutputs.register(opened.path)
    self.path = path
    self.target = target
    self.simulatedCapacity = simulatedCapacity
    pending.reserveCapacity(Self.bufferSize)
  }

  /// Removes the temporary file if the writer was neither committed nor discarded.
  deinit {
    discard()
  }

  /// Appends bytes.
  ///
  /// - Parameter bytes: The next bytes of the file.
  /// - Throws: ``OutputError/writeFailed(path:reason:)``; the temporary file is then
  ///   removed and the writer is closed.
  public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
    if let error = append(bytes) { throw error }
  }

  /// Appends bytes.
  ///
  /// - Parameter bytes: The next bytes of the file.
  /// - Throws: ``OutputError/writeFailed(path:reason:)``; the temporary file is then
  ///   removed and the writer is closed.
  public func write(_ bytes: [UInt8]) throws(OutputError) {
    if let error = bytes.withUnsafeBytes({ append($0) }) { throw error }
  }

  /// Why a rename failed with `ENOENT`: the target's folder is gone, or, when the folder is
  /// still there, the temporary file was removed by something else.
  private static func vanished(target: String) -> String {
    let folder = OutputDestination.split(target).folder
    return access(folder, F_OK) == 0
      ? "its temporary file in '\(folder)' was removed by another process before it was "
        + "complete; write it again"
      : "the folder '\(folder)' no longer exists"
  }

  /// Appends the UTF-8 bytes of `text`.
  ///
  /// - Parameter text: The next text of the file.
  /// - Throws: ``OutputError/writeFailed(path:reason:)``; the temporary file is then
  ///   removed and the writer is closed.
  public func write(_ text: String) throws(OutputError) {
    var text = text
    if let error = text.withUTF8({ append(UnsafeRawBufferPointer($0)) }) { throw error }
  }

  /// Makes the written bytes the content of ``path``: flush, `fsync`, close, `rename`
  /// over the target, `fsync` of the folder.
  ///
  /// After a successful commit the writer is closed; writing again is a programming error.
  ///
  /// - Throws: ``OutputError/writeFailed(path:reason:)`` (the temporary file is removed and
  ///   the target unchanged), or, if only the final folder sync fails, the same error
  ///   saying the new content is in place but may not survive a crash.
  public func commit() throws(OutputError) {
    precondition(isOpen, "AtomicFileWriter: commit after commit, discard or a failure")
    if let error = flush() { throw error }
    if fsync(descriptor) != 0 { throw fail(errno, doing: "saving to disk") }
    let closed = close(descriptor)
    descriptor = -1
    if closed != 0 { throw fail(errno, doing: "closing the file") }
    if rename(temporaryPath, target) != 0 {
      let code = errno
      let reason =
        code == EISDIR || code == ENOTEMPTY || code == EEXIST
        ? "a folder now exists at that path; remove it or choose another name"
        : code == ENOENT ? Self.vanished(target: target) : OutputDestination.reason(code)
      throw fail(reason)
    }
    isOpen = false
    PendingOutputs.unregister(temporaryPath)
    let folder = open(OutputDestination.split(target).folder, O_RDONLY | O_CLOEXEC)
    guard folder >= 0 else { return }
    defer { close(folder) }
    guard fsync(folder) != 0 else { return }
    let code = errno
    // Some file systems cannot sync a folder; the rename is then as durable as they allow.
    guard code != EINVAL && code != EROFS else { return }
    throw .writeFailed(
      path: path,
      reason: "the new content is in place but its folder could not be synced ("
        + "\(DescriptorWriter.message(code))); it may not survive a crash")
  }

  /// Abandons the output: closes and removes the temporary file, leaving ``path`` as it was.
  ///
  /// Does nothing after ``commit()`` or an earlier discard.
  public func discard() {
    guard isOpen else { return }
    isOpen = false
    if descriptor >= 0 { close(descriptor) }
    descriptor = -1
    unlink(temporaryPath)
    PendingOutputs.unregister(temporaryPath)
  }

  /// Writes `bytes` to `path` atomically: all of them, or nothing changes.
  ///
  /// - Parameters:
  ///   - bytes: The complete new content.
  ///   - path: The file to (re)place.
  /// - Throws: ``OutputError``; the target is then unchanged and no temporary file is
  ///   left.
  /// - Complexity: O(`bytes.count`).
  public static func write(_ bytes: [UInt8], to path: String) throws(OutputError) {
    let writer = try AtomicFileWriter(path: path)
    try writer.write(bytes)
    try writer.commit()
  }

  /// Writes the UTF-8 bytes of `text` to `path` atomically.
  ///
  /// - Parameters:
  ///   - text: The complete new content.
  ///   - path: The file to (re)place.
  /// - Throws: ``OutputError``; the target is then unchanged and no temporary file is
  ///   left.
  public static func write(_ text: String, to path: String) throws(OutputError) {
    let writer = try AtomicFileWriter(path: path)
    try writer.write(text)
    try writer.commit()
  }

  // MARK: - Internals

  /// Buffers `bytes`, writing out when the buffer is full; large blocks bypass the buffer.
  private func append(_ bytes: UnsafeRawBufferPointer) -> OutputError? {
    precondition(isOpen, "AtomicFileWriter: write after commit, discard or a failure")
    if pending.count + bytes.count <= Self.bufferSize {
      pending.append(contentsOf: bytes)
      return nil
    }
    if let error = flush() { return error }
    if bytes.count <= Self.bufferSize {
      pending.append(contentsOf: bytes)
      return nil
    }
    return writeOut(bytes)
  }

  /// Writes the buffered bytes out.
  private func flush() -> OutputError? {
    guard !pending.isEmpty else { return nil }
    let error = pending.withUnsafeBytes { writeOut($0) }
    pending.removeAll(keepingCapacity: true)
    return error
  }

  /// Hands `bytes` to the kernel, retrying short writes and interruptions.
  private func writeOut(_ bytes: UnsafeRawBufferPointer) -> OutputError? {
    let capacity = simulatedCapacity.map { $0 - written }
    if let code = DescriptorWriter.writeAll(descriptor, bytes, capacity: capacity) {
      return fail(code, doing: "writing")
    }
    written += bytes.count
    return nil
  }

  /// Removes the temporary file and describes the failure of a system call.
  private func fail(_ code: Int32, doing action: String) -> OutputError {
    let detail =
      code == ENOSPC
      ? "no space left on the device while \(action); free some space and try again"
      : code == EDQUOT
        ? "the disk quota is exceeded while \(action); free some space and try again"
        : "\(DescriptorWriter.message(code)) while \(action)"
    return fail(detail)
  }

  /// Removes the temporary file and returns a write failure with `reason`.
  private func fail(_ reason: String) -> OutputError {
    discard()
    return .writeFailed(path: path, reason: reason)
  }

  /// The folder (`.` for a bare name) and the last path component.
  static func split(_ path: String) -> (folder: String, name: String) {
    OutputDestination.split(path)
  }

  /// A fresh hidden name in `folder`: `.NAME.<pid>.<n>.tmp`, with `NAME` shortened to keep
  /// the whole name within the usual 255-byte limit.
  private static func temporaryName(folder: String, name: String) -> String {
    var shortened = ""
    var length = 0
    for scalar in name.unicodeScalars {
      length += String(scalar).utf8.count
      if length > 200 { break }
      shortened.unicodeScalars.append(scalar)
    }
    let serial = temporaryCounter.wrappingAdd(1, ordering: .relaxed).oldValue
    return "\(folder)/.\(shortened).\(getpid()).\(serial).tmp"
  }
}

/// Numbers the temporary files of this process.
private let temporaryCounter = Atomic<Int>(0)

/// The temporary files of this process's uncommitted writers, so that an exit that skips
/// the writers' cleanup (a failing standard error, a broken pipe) can remove them first.
public enum PendingOutputs {
  private static let paths = Mutex<Set<String>>([])

  /// Records a temporary file that exists until its writer commits or discards.
  static func register(_ path: String) {
    paths.withLock { _ = $0.insert(path) }
  }

  /// Forgets a temporary file that was renamed into place or removed.
  static func unregister(_ path: String) {
    paths.withLock { _ = $0.remove(path) }
  }

  /// Removes every registered temporary file; call it right before the process exits
  /// without unwinding.
  ///
  /// - Parameter shouldRemove: Which registered files to remove; all by default. Tests
  ///   running side by side in one process pass their own folder, so that one test does
  ///   not delete the files another is still writing.
  public static func removeAll(where shouldRemove: (String) -> Bool = { _ in true }) {
    let chosen = paths.withLock { paths in
      let chosen = paths.filter(shouldRemove)
      paths.subtract(chosen)
      return chosen
    }
    for path in chosen { unlink(path) }
  }
}
