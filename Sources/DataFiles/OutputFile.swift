#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One output of StanceKit, whatever its path leads to: the single door through which
/// models, reports, predictions and quotes leave the process.
///
/// ```
/// path                    destination (OutputDestination)   on write          on commit
/// "-", /dev/stdout, …     standard output or a descriptor   written at once   —
/// a file or a new name    the final target of any links     temporary file    fsync, rename, fsync folder
/// a device, FIFO, socket  the node itself                   written at once   —
/// ```
///
/// A file is never seen half-written: it holds its old content or the complete new one
/// (``AtomicFileWriter``), and a failure or ``discard()`` leaves no trace. A device or a
/// stream cannot be replaced, so it is written in place; what was written before a failure
/// stays written. When the output is one document that is useless unless complete (a JSON
/// array), pass `wholeDocument: true`: the bytes for an in-place destination are then held
/// in an unnamed temporary file (or memory, if none can be made) and written out only by
/// ``commit()``.
///
/// ```swift
/// let output = try OutputFile(path: out ?? "-", wholeDocument: format == .json)
/// for chunk in chunks { try output.write(chunk) }
/// try output.commit()
/// ```
///
/// Not thread-safe: use an output from one thread at a time.
public final class OutputFile: ByteOutput {
  /// The path as the user gave it (`-` for standard output).
  public let path: String
  /// Where the path leads.
  public let destination: OutputDestination

  /// Where the bytes go until commit.
  private enum Route {
    /// A regular file, replaced atomically on commit.
    case file(AtomicFileWriter)
    /// Written in place through `writer`; `owned` descriptors are closed on commit.
    case inPlace(DescriptorWriter, owned: Bool)

    /// The in-place writer, if the route has one.
    var writer: DescriptorWriter? {
      if case .inPlace(let writer, _) = self { return writer }
      return nil
    }
  }

  private let route: Route
  /// For a whole document written in place: the bytes held back until commit.
  private var spool: Spool?
  /// Whether the output still accepts bytes.
  private var isOpen = true

  /// Opens the output at `path`.
  ///
  /// - Parameters:
  ///   - path: The output path; `-` is standard output.
  ///   - contents: What is written, for messages (`the predictions`).
  ///   - wholeDocument: Whether an in-place destination gets the bytes only on commit.
  /// - Throws: ``OutputError/cannotCreate(path:reason:)`` when the path cannot be written
  ///   (see ``OutputDestination/resolve(_:)``) or the device cannot be opened.
  public init(path: String, contents: String = "the output", wholeDocument: Bool = false)
    throws(OutputError)
  {
    self.path = path
    destination = try OutputDestination.resolve(path)
    let target = Self.name(of: destination)
    switch destination {
    case .file(let target):
      route = .file(try AtomicFileWriter(path: path, target: target))
    case .standardOutput:
      route = .inPlace(
        DescriptorWriter(descriptor: 1, target: target, contents: contents), owned: false)
    case .descriptor(let number):
      guard fcntl(number, F_GETFD) != -1 else {
        throw .cannotCreate(path: path, reason: OutputDestination.reason(errno))
      }
      route = .inPlace(
        DescriptorWriter(descriptor: number, target: target, contents: contents), owned: false)
    case .special(let node):
      let descriptor = Self.openInPlace(node)
      guard descriptor >= 0 else {
        throw .cannotCreate(path: path, reason: OutputDestination.reason(errno))
      }
      route = .inPlace(
        DescriptorWriter(descriptor: descriptor, target: target, contents: contents), owned: true)
    }
    if wholeDocument, case .inPlace = route { spool = Spool() }
  }

  /// Closes an owned descriptor and removes a file's temporary file if the output was
  /// neither committed nor discarded.
  deinit {
    discard()
  }

  /// Checks, creating nothing that stays, that an output can be opened at `path`, so a
  /// long computation is not started for an output that will fail.
  ///
  /// - Parameter path: The output path; `-` is standard output.
  /// - Throws: ``OutputError/cannotCreate(path:reason:)`` with the system's reason.
  public static func check(_ path: String) throws(OutputError) {
    let destination = try OutputDestination.resolve(path)
    switch destination {
    case .standardOutput:
      return
    case .file(let target):
      // Creating (and removing) the temporary file is how the system's own reason is
      // learnt: permissions, read-only or pseudo file systems, quotas.
      try AtomicFileWriter(path: path, target: target).discard()
    case .descriptor(let number):
      if fcntl(number, F_GETFD) == -1 {
        throw .cannotCreate(path: path, reason: OutputDestination.reason(errno))
      }
    case .special(let node):
      if access(node, W_OK) != 0 {
        throw .cannotCreate(path: path, reason: OutputDestination.reason(errno))
      }
    }
  }

  /// Appends bytes.
  ///
  /// - Throws: ``OutputError``: ``OutputError/writeFailed(path:reason:)`` for a file (its
  ///   temporary file is then removed), ``OutputError/streamFailed(what:target:reason:)`` or
  ///   ``OutputError/readerGone(target:)`` for an in-place destination.
  public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
    precondition(isOpen, "OutputFile: write after commit or discard")
    guard !bytes.isEmpty else { return }
    if let spool {
      try spool.append(bytes, for: route.writer)
      return
    }
    switch route {
    case .file(let writer): try writer.write(bytes)
    case .inPlace(let writer, _): try writer.write(bytes)
    }
  }

  /// Completes the output: a file is renamed into place, a held-back whole document is
  /// written out, an owned descriptor is closed.
  ///
  /// - Throws: ``OutputError``; a file is then unchanged.
  public func commit() throws(OutputError) {
    precondition(isOpen, "OutputFile: commit after commit or discard")
    isOpen = false
    switch route {
    case .file(let writer):
      try writer.commit()
    case .inPlace(let writer, let owned):
      defer { if owned { close(writer.descriptor) } }
      if let spool {
        self.spool = nil
        try spool.copy(to: writer)
      }
    }
  }

  /// Abandons the output, leaving no trace of it.
  ///
  /// A file keeps its earlier content and no temporary file remains; a held-back document
  /// is dropped. Does nothing after ``commit()``.
  public func discard() {
    guard isOpen else { return }
    isOpen = false
    spool = nil
    switch route {
    case .file(let writer): writer.discard()
    case .inPlace(let writer, let owned): if owned { close(writer.descriptor) }
    }
  }

  /// Writes `bytes` as the whole content of the output at `path`.
  ///
  /// - Parameters:
  ///   - bytes: The complete content.
  ///   - path: The output path; `-` is standard output.
  ///   - contents: What is written, for messages (`the report`).
  /// - Throws: ``OutputError``; a file is then unchanged and no temporary file is left.
  /// - Complexity: O(`bytes.count`).
  public static func write(_ bytes: [UInt8], to path: String, contents: String = "the output")
    throws(OutputError)
  {
    let output = try OutputFile(path: path, contents: contents)
    try output.write(bytes)
    try output.commit()
  }

  /// Writes the UTF-8 bytes of `text` as the whole content of the output at `path`.
  ///
  /// - Throws: ``OutputError``; a file is then unchanged and no temporary file is left.
  public static func write(_ text: String, to path: String, contents: String = "the output")
    throws(OutputError)
  {
    try write(Array(text.utf8), to: path, contents: contents)
  }

  // MARK: - Internals

  /// How a destination is named in messages: `standard output`, `'/dev/full'`.
  static func name(of destination: OutputDestination) -> String {
    switch destination {
    case .standardOutput: return "standard output"
    case .descriptor(2): return "standard error"
    case .descriptor(let number): return "descriptor \(number)"
    case .file(let path), .special(let path): return "'\(path)'"
    }
  }

  /// Opens a device, FIFO or socket for writing without truncating or creating anything;
  /// `-1` with `errno` set on failure.
  private static func openInPlace(_ node: String) -> Int32 {
    while true {
      let descriptor = open(node, O_WRONLY | O_CLOEXEC | O_NOCTTY)
      if descriptor >= 0 || errno != EINTR { return descriptor }
    }
  }
}

/// Bytes held back until a whole document is complete: in an unnamed temporary file when
/// one can be made (memory stays flat for any document size), else in memory.
private final class Spool {
  /// The unnamed temporary file, or `-1` when the bytes are kept in ``memory``.
  private var descriptor: Int32
  /// The bytes, when no temporary file could be made.
  private var memory: [UInt8] = []

  /// Makes an unnamed temporary file in `TMPDIR` (or `/tmp`).
  init() {
    let folder = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((folder + "/.stance-spool-XXXXXX").utf8CString)
    descriptor = template.withUnsafeMutableBufferPointer { name in
      name.baseAddress.map { mkstemp($0) } ?? -1
    }
    // The name made by mkstemp is removed at once: the open file lives on, unnamed.
    if descriptor >= 0 { _ = unlink(template) }
  }

  deinit {
    if descriptor >= 0 { close(descriptor) }
  }

  /// Holds back `bytes` that will go to `writer`.
  func append(_ bytes: UnsafeRawBufferPointer, for writer: DescriptorWriter?) throws(OutputError) {
    guard descriptor >= 0 else {
      memory.append(contentsOf: bytes)
      return
    }
    if let code = DescriptorWriter.writeAll(descriptor, bytes) {
      throw .streamFailed(
        what: writer?.contents ?? "the output", target: writer?.target ?? "the output",
        reason: "holding it back in a temporary file until it is complete failed: "
          + DescriptorWriter.message(code))
    }
  }

  /// Writes every held-back byte to `writer`.
  func copy(to writer: DescriptorWriter) throws(OutputError) {
    guard descriptor >= 0 else {
      try writer.write(memory)
      return
    }
    guard lseek(descriptor, 0, SEEK_SET) == 0 else {
      throw .streamFailed(
        what: writer.contents, target: writer.target, reason: DescriptorWriter.message(errno))
    }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count >= 0 else {
        throw .streamFailed(
          what: writer.contents, target: writer.target, reason: DescriptorWriter.message(errno))
      }
      if count == 0 { return }
      let result = buffer.withUnsafeBytes { raw in
        Result { () throws(OutputError) in
          try writer.write(UnsafeRawBufferPointer(rebasing: raw[..<count]))
        }
      }
      try result.get()
    }
  }
}
