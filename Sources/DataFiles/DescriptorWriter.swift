#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes bytes to an open file descriptor: the one place where StanceKit's outputs (files,
/// devices, standard output and standard error) call `write(2)`.
///
/// Short writes are continued and `EINTR` is retried, so a call either hands every byte to
/// the kernel or reports the `errno` of the failure. `EPIPE` becomes
/// ``OutputError/readerGone(target:)``; every other error
/// ``OutputError/streamFailed(what:target:reason:)`` with the system's message.
///
/// ```swift
/// try DescriptorWriter.standardOutput.write("label\tp\n")
/// ```
public struct DescriptorWriter: ByteOutput, Sendable {
  /// The descriptor written to; it is not closed by the writer.
  public let descriptor: Int32
  /// How the target is named in messages: `standard output`, `'/dev/sdb'`.
  public let target: String
  /// What is written, for messages: `the predictions`, `the model`.
  public let contents: String

  /// The process's standard output (descriptor 1).
  public static let standardOutput = DescriptorWriter(
    descriptor: 1, target: "standard output", contents: "the output")
  /// The process's standard error (descriptor 2).
  public static let standardError = DescriptorWriter(
    descriptor: 2, target: "standard error", contents: "a message")

  /// A writer for an open descriptor.
  ///
  /// - Parameters:
  ///   - descriptor: An open descriptor, owned by the caller.
  ///   - target: How the target is named in messages.
  ///   - contents: What is written, for messages.
  public init(descriptor: Int32, target: String, contents: String) {
    self.descriptor = descriptor
    self.target = target
    self.contents = contents
  }

  /// Writes every byte of `bytes`.
  ///
  /// - Throws: ``OutputError/readerGone(target:)`` for a closed pipe,
  ///   ``OutputError/streamFailed(what:target:reason:)`` for any other failure.
  /// - Complexity: O(`bytes.count`).
  public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
    guard let code = Self.writeAll(descriptor, bytes) else { return }
    if code == EPIPE { throw .readerGone(target: target) }
    throw .streamFailed(what: contents, target: target, reason: Self.message(code))
  }

  /// Hands every byte to the kernel, continuing short writes and retrying `EINTR`.
  ///
  /// - Parameters:
  ///   - descriptor: An open descriptor.
  ///   - bytes: The bytes.
  ///   - capacity: For tests: fail with `ENOSPC` once this many bytes would be exceeded.
  /// - Returns: `nil` when every byte was written, otherwise the `errno` of the failure.
  static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, capacity: Int? = nil)
    -> Int32?
  {
    guard let base = bytes.baseAddress else { return nil }
    var offset = 0
    while offset < bytes.count {
      var length = bytes.count - offset
      if let capacity {
        length = min(length, capacity - offset)
        if length <= 0 { return ENOSPC }
      }
      let result = systemWrite(descriptor, base + offset, length)
      if result < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += result
    }
    return nil
  }

  /// The system's text for an `errno` value (`No space left on device`).
  static func message(_ code: Int32) -> String {
    guard let text = strerror(code) else { return "error \(code)" }
    return String(cString: text)
  }
}

/// `write(2)`, named apart from the writers' own `write` methods.
func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
  #if canImport(Glibc)
  return Glibc.write(descriptor, bytes, count)
  #else
  return Darwin.write(descriptor, bytes, count)
  #endif
}

/// Something bytes are written to: a descriptor, an output file.
///
/// Conformers write raw bytes; arrays and text go through that one method.
public protocol ByteOutput {
  /// Writes every byte of `bytes`.
  ///
  /// - Throws: `OutputError` when they cannot be written.
  func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError)
}

extension ByteOutput {
  /// Writes every byte of `bytes`.
  ///
  /// - Throws: As ``write(_:)-(UnsafeRawBufferPointer)``.
  public func write(_ bytes: [UInt8]) throws(OutputError) {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(OutputError) in try write(raw) }
    }
    try result.get()
  }

  /// Writes the UTF-8 bytes of `text`.
  ///
  /// - Throws: As ``write(_:)-(UnsafeRawBufferPointer)``.
  public func write(_ text: String) throws(OutputError) {
    var text = text
    let result = text.withUTF8 { utf8 in
      Result { () throws(OutputError) in try write(UnsafeRawBufferPointer(utf8)) }
    }
    try result.get()
  }
}
