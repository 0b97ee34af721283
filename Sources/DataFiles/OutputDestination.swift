#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where an output path leads, decided before any byte is written.
///
/// | the path                                        | destination          | written how               |
/// |-------------------------------------------------|----------------------|---------------------------|
/// | `-`, `/dev/stdout`, `/proc/self/fd/1`, a link to one of them | ``standardOutput`` | in place           |
/// | `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`    | ``descriptor(_:)``   | in place, to descriptor N |
/// | a regular file, or a new name in an existing folder | ``file(_:)``      | replaced atomically       |
/// | a character or block device, a FIFO, a socket   | ``special(_:)``      | opened and written in place |
/// | a symbolic link                                 | where its final target leads | (the link stays)  |
/// | a folder, a missing folder, a loop of links      | refused with ``OutputError/cannotCreate(path:reason:)`` | |
///
/// Links are followed one at a time (at most 40, as the kernel does), so a link to a
/// link to `/proc/self/fd/1` is standard output, and a dangling link names the file to
/// create. Descriptor paths are recognised by name, because the kernel's link behind
/// `/proc/self/fd/N` (`pipe:[…]`, `socket:[…]`) is not a path.
public enum OutputDestination: Equatable, Sendable {
  /// The process's standard output.
  case standardOutput
  /// An already open descriptor other than standard output (`/dev/stderr`, `/dev/fd/3`).
  case descriptor(Int32)
  /// A regular file, existing or new, at the final path of any links: replaced atomically.
  case file(String)
  /// A device, FIFO or socket at the final path of any links: written in place.
  case special(String)

  /// The most links followed before a path is refused as a loop.
  static let maximumLinks = 40

  /// Where `path` leads.
  ///
  /// - Parameter path: An output path as the user gave it; `-` is standard output.
  /// - Returns: The destination.
  /// - Throws: ``OutputError/cannotCreate(path:reason:)`` for an empty path, a folder, a
  ///   path whose folder is missing or is not a folder, a loop of links, or any other
  ///   reason the system gives for not reaching the path (its own message).
  /// - Complexity: One `lstat` per link followed, plus one `stat` of a new file's folder.
  public static func resolve(_ path: String) throws(OutputError) -> OutputDestination {
    if path == "-" { return .standardOutput }
    guard !path.isEmpty else {
      throw .cannotCreate(path: path, reason: "the path is empty; give a file name or '-'")
    }
    var current = path
    for _ in 0...maximumLinks {
      if let number = descriptorNumber(current) {
        return number == 1 ? .standardOutput : .descriptor(number)
      }
      var status = stat()
      if lstat(current, &status) != 0 {
        let code = errno
        guard code == ENOENT else { throw .cannotCreate(path: path, reason: reason(code)) }
        try checkFolder(of: current, for: path)
        return .file(current)
      }
      switch status.st_mode & mode_t(S_IFMT) {
      case mode_t(S_IFLNK):
        current = try linkTarget(current, for: path)
      case mode_t(S_IFDIR):
        throw .cannotCreate(
          path: path, reason: "it is a folder; give the name of a file inside it")
      case mode_t(S_IFREG):
        return .file(current)
      default:
        return .special(current)
      }
    }
    throw .cannotCreate(path: path, reason: reason(ELOOP))
  }

  /// The descriptor a path names by itself: `/dev/stdout` (1), `/dev/stderr` (2),
  /// `/dev/stdin` (0), `/dev/fd/N`, `/proc/self/fd/N` and `/proc/<this process>/fd/N`.
  static func descriptorNumber(_ path: String) -> Int32? {
    switch path {
    case "/dev/stdin": return 0
    case "/dev/stdout": return 1
    case "/dev/stderr": return 2
    default: break
    }
    let prefixes = ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"]
    for prefix in prefixes where path.hasPrefix(prefix) {
      let digits = path.dropFirst(prefix.count)
      guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
        let number = Int32(digits)
      else { return nil }
      return number
    }
    return nil
  }

  /// The path a symbolic link points to, relative targets taken from the link's folder.
  private static func linkTarget(_ link: String, for path: String) throws(OutputError) -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink(link, &buffer, buffer.count - 1)
    guard length > 0 else { throw .cannotCreate(path: path, reason: reason(errno)) }
    let target = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    if target.hasPrefix("/") { return target }
    let folder = split(link).folder
    return folder == "/" ? "/" + target : folder + "/" + target
  }

  /// Refuses a new file whose folder is missing or is not a folder.
  private static func checkFolder(of file: String, for path: String) throws(OutputError) {
    let (folder, name) = split(file)
    guard !name.isEmpty else {
      throw .cannotCreate(path: path, reason: "the path ends with '/'; add a file name")
    }
    var status = stat()
    guard stat(folder, &status) == 0 else {
      let code = errno
      throw .cannotCreate(
        path: path,
        reason: code == ENOENT
          ? "the folder '\(folder)' does not exist; create it first or choose another path"
          : reason(code))
    }
    guard status.st_mode & mode_t(S_IFMT) == mode_t(S_IFDIR) else {
      throw .cannotCreate(path: path, reason: "'\(folder)' is not a folder")
    }
  }

  /// The folder (`.` for a bare name, `/` at the root) and the last component of `path`.
  ///
  /// A name of any length, one character included, is a file in the current folder.
  static func split(_ path: String) -> (folder: String, name: String) {
    guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
    let folder = String(path[..<slash])
    let name = String(path[path.utf8.index(after: slash)...])
    return (folder.isEmpty ? "/" : folder, name)
  }

  /// The system's message for `code`, with what to do where that is clear.
  static func reason(_ code: Int32) -> String {
    let message = DescriptorWriter.message(code)
    switch code {
    case EACCES, EPERM: return message + "; choose a folder you can write to"
    case EROFS: return message + "; choose a folder on a writable file system"
    case ENOSPC, EDQUOT: return message + "; free some space and try again"
    case ENAMETOOLONG: return message + "; choose a shorter name"
    case ELOOP: return message + "; a symbolic link on the path points back at itself"
    case ENOTDIR: return message + "; a part of the path is a file, not a folder"
    default: return message
    }
  }
}
