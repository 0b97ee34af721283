import DataFiles

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a model file could not be read or written; every message names the file, says what
/// is wrong with it and what to do.
///
/// The CLI maps ``unreadable(path:reason:)`` to exit code 66 (`EX_NOINPUT`),
/// ``cannotWrite(_:)`` to 73 or 74 as ``OutputError`` says, and every other case to 65
/// (`EX_DATAERR`).
public enum ModelFileError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file does not exist, is a folder or cannot be opened or read.
  case unreadable(path: String, reason: String)
  /// The file has no bytes at all.
  case empty(path: String)
  /// The file does not start with the model magic bytes: it is some other file.
  case notAModel(path: String)
  /// The file was written by a newer StanceKit in a format version this one cannot read.
  case newerVersion(path: String, found: UInt32, supported: UInt32)
  /// The file ends early: it needs at least `expected` bytes but has `found`.
  case truncated(path: String, expected: Int, found: Int)
  /// The stored CRC-32C does not match the content: some bytes were altered.
  case checksumMismatch(path: String, stored: UInt32, computed: UInt32)
  /// The checksum matches but the header and the binary sections contradict each other
  /// (or break an invariant of a fitted model); `detail` says where.
  case inconsistent(path: String, detail: String)
  /// The model needs a tokenizer or feature hash this StanceKit does not implement.
  case unsupportedFeatures(path: String, detail: String)
  /// The pipeline cannot be stored (`detail` says why; for example a non-finite weight).
  case unencodable(detail: String)
  /// Writing the file failed; the earlier file at that path, if any, is unchanged.
  case cannotWrite(OutputError)

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      return "cannot read the model '\(path)': \(reason)"
    case .empty(let path):
      return "'\(path)' is empty, not a model file; train one with `stance train --out "
        + "\(path)` or point --model at a .stance file"
    case .notAModel(let path):
      return "'\(path)' is not a StanceKit model file (it does not start with the model "
        + "signature); point --model at a .stance file written by `stance train`"
    case .newerVersion(let path, let found, let supported):
      return "'\(path)' is a model file of format version \(found), but this stance reads "
        + "format versions up to \(supported); upgrade StanceKit to use it"
    case .truncated(let path, let expected, let found):
      return "'\(path)' is truncated: a complete model file needs at least \(expected) bytes "
        + "but it has \(found); the copy or download was cut short: copy it again or retrain"
    case .checksumMismatch(let path, let stored, let computed):
      return "'\(path)' is corrupted: its checksum is \(Self.hex(stored)) but its content "
        + "gives \(Self.hex(computed)); retrain the model or download it again"
    case .inconsistent(let path, let detail):
      return "'\(path)' is not a valid model file: \(detail); retrain the model"
    case .unsupportedFeatures(let path, let detail):
      return "'\(path)' cannot be used by this StanceKit: \(detail); upgrade StanceKit or "
        + "retrain the model with this version"
    case .unencodable(let detail):
      return "the model cannot be saved: \(detail)"
    case .cannotWrite(let error):
      return error.description
    }
  }

  /// `0x` and eight hexadecimal digits.
  private static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: 8 - digits.utf8.count) + digits
  }
}

extension ModelFileError {
  /// ``unreadable(path:reason:)`` for a model file that could not be opened or read, with
  /// what to do.
  ///
  /// - Parameters:
  ///   - failure: Why the file could not be mapped.
  ///   - path: The model file.
  init(_ failure: MappedFileError, path: String) {
    switch failure {
    case .cannotOpen(let code):
      self = .unreadable(path: path, reason: Self.explainOpenFailure(code))
    case .cannotRead(let code):
      self = .unreadable(path: path, reason: String(cString: strerror(code)))
    case .folder:
      self = .unreadable(path: path, reason: "it is a folder; give the path of a .stance file")
    }
  }

  /// Why `open` failed, with what to do.
  private static func explainOpenFailure(_ code: Int32) -> String {
    switch code {
    case ENOENT: return "the file does not exist; check the path or train a model first"
    case EACCES, EPERM: return "permission denied; check the file's permissions"
    case ENOTDIR: return "a part of the path is a file, not a folder"
    default: return String(cString: strerror(code))
    }
  }
}
