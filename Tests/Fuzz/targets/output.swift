// Fuzz target: the output module (OutputFile, OutputDestination, AtomicFileWriter).
//
// Each input is a small script. Its first bytes choose a kind of output path in a scratch
// folder (a new file, an existing file, a link to it, a dangling link, a chain of links, a
// loop, a folder, a missing folder, a path through a file, a one-character name, a
// trailing slash, a FIFO with a reader, /dev/null, /dev/full, a /dev/fd path), whether the
// output is one whole document, whether it ends in commit or discard, and a file-size
// limit (RLIMIT_FSIZE, so a write past it fails with EFBIG as a full disk would). The rest
// is cut into writes. Properties:
// - a refusal is `cannotCreate` and changes nothing in the folder;
// - a committed file holds exactly the bytes written; a failed or discarded one keeps its
//   old content; links stay links and point where they did; FIFOs stay FIFOs;
// - no temporary file is ever left in the folder;
// - every error has a one-line message.

import Foundation
import StanceKit

#if canImport(Glibc)
import Glibc
#endif

/// The scratch folder, made once per process.
private let folder: String = {
  let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
  var template = Array("\(base)/stancekit-fuzz-output-XXXXXX".utf8CString)
  let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
    guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
    return String(cString: base)
  }
  guard let made else { fatalError("cannot create a scratch folder in \(base)") }
  signal(SIGXFSZ, SIG_IGN)
  return made
}()

/// The old content of files that exist before the output is opened.
private let oldContent = Array("old content\n".utf8)

/// The entries of the scratch folder, sorted, with their kind and, for files, content.
private func snapshot() -> [String] {
  let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
  return names.sorted().map { name in
    let path = folder + "/" + name
    var status = stat()
    guard lstat(path, &status) == 0 else { return name + " gone" }
    switch status.st_mode & S_IFMT {
    case S_IFLNK:
      let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
      return "\(name) -> \(target)"
    case S_IFREG:
      let bytes = readFile(path) ?? []
      return "\(name) file \(bytes.count) \(bytes.hashValue)"
    case S_IFDIR: return name + " folder"
    case S_IFIFO: return name + " fifo"
    default: return name + " other"
    }
  }
}

/// The bytes of the file at `path`, or `nil` when it cannot be opened. (POSIX calls, not
/// Foundation's `Data(contentsOf:)`, whose buffer LeakSanitizer reports as leaked.)
private func readFile(_ path: String) -> [UInt8]? {
  let descriptor = open(path, O_RDONLY)
  guard descriptor >= 0 else { return nil }
  defer { close(descriptor) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    if count <= 0 { return bytes }
    bytes += chunk[..<count]
  }
}

/// Empties the scratch folder.
private func clear() {
  for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
    try? FileManager.default.removeItem(atPath: folder + "/" + name)
  }
}

/// Makes the entries for path kind `kind` and returns the output path and the regular
/// file (if any) that a commit replaces.
private func prepare(_ kind: UInt8) -> (path: String, target: String?) {
  let file = folder + "/target"
  func makeOld() { _ = FileManager.default.createFile(atPath: file, contents: Data(oldContent)) }
  switch kind % 15 {
  case 0: return (file, file)
  case 1:
    makeOld()
    return (file, file)
  case 2:
    makeOld()
    symlink("target", folder + "/link")
    return (folder + "/link", file)
  case 3:
    symlink("target", folder + "/link")
    return (folder + "/link", file)
  case 4:
    makeOld()
    mkdir(folder + "/sub", 0o700)
    symlink("../target", folder + "/sub/first")
    symlink("sub/first", folder + "/second")
    return (folder + "/second", file)
  case 5:
    symlink("b", folder + "/a")
    symlink("a", folder + "/b")
    return (folder + "/a", nil)
  case 6:
    mkdir(folder + "/sub", 0o700)
    return (folder + "/sub", nil)
  case 7: return (folder + "/missing/target", nil)
  case 8:
    makeOld()
    return (file + "/inside", nil)
  case 9:
    _ = FileManager.default.changeCurrentDirectoryPath(folder)
    return ("t", folder + "/t")
  case 10: return (folder + "/slash/", nil)
  case 11:
    mkfifo(folder + "/fifo", 0o600)
    return (folder + "/fifo", nil)
  case 12: return ("/dev/null", nil)
  case 13: return ("/dev/full", nil)
  default: return ("/dev/fd/\(nullDescriptor)", nil)
  }
}

/// An open descriptor of /dev/null, for the /dev/fd path.
private let nullDescriptor: Int32 = open("/dev/null", O_WRONLY)

/// libFuzzer's entry point: drives one output through the script in the input.
///
/// - Parameters:
///   - data: The input bytes.
///   - size: Their count.
/// - Returns: 0 (a finding stops the process).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOutput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = inputBytes(data, size)
  guard bytes.count >= 4 else { return 0 }
  clear()
  let (path, target) = prepare(bytes[0])
  let wholeDocument = bytes[1] & 1 == 1
  let commits = bytes[1] & 2 == 0
  // A FIFO needs a reader; a non-blocking one lets the writer's open succeed, and the
  // payload stays under a pipe's 64 KiB buffer.
  var reader: Int32 = -1
  if path.hasSuffix("/fifo") { reader = open(path, O_RDONLY | O_NONBLOCK) }
  defer { if reader >= 0 { close(reader) } }
  let payload = Array(bytes[4...].prefix(32 << 10))
  // Writes of 1 to 256 bytes, their sizes taken from the payload itself.
  var cuts: [Range<Int>] = []
  var start = 0
  while start < payload.count {
    let end = min(payload.count, start + Int(payload[start]) + 1)
    cuts.append(start..<end)
    start = end
  }
  let before = snapshot()
  let fileSize = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
  var limit = rlimit()
  getrlimit(fileSize, &limit)
  var lowered = limit
  lowered.rlim_cur = rlim_t(Int(bytes[2]) << 6 + Int(bytes[3]) << 14)
  let injects = bytes[2] | bytes[3] != 0 && target != nil
  if injects { setrlimit(fileSize, &lowered) }
  defer { if injects { setrlimit(fileSize, &limit) } }

  let output: OutputFile
  do {
    output = try OutputFile(path: path, wholeDocument: wholeDocument)
  } catch {
    guard case .cannotCreate = error else { fatalError("property violated: open threw \(error)") }
    require(!error.description.contains("\n"), "one-line message")
    require(snapshot() == before, "a refused output changed the folder")
    return 0
  }
  var failed = false
  do throws(OutputError) {
    for cut in cuts { try output.write(payload[cut].map { $0 }) }
    if commits { try output.commit() } else { output.discard() }
  } catch {
    failed = true
    require(!error.description.contains("\n"), "one-line message: \(error)")
    output.discard()
  }
  let after = snapshot()
  require(!after.contains { $0.hasPrefix(".") }, "a temporary file was left: \(after)")
  for entry in before where entry.contains(" -> ") || entry.hasSuffix(" fifo") {
    require(after.contains(entry), "\(entry) changed: \(after)")
  }
  if let target {
    let content = readFile(target)
    if commits && !failed {
      require(content == payload, "the committed file does not hold the bytes written")
    } else {
      let existed = before.contains { $0.hasPrefix("target file") }
      require(
        content == (existed ? oldContent : nil), "a failed or discarded output changed the file")
    }
  }
  return 0
}
