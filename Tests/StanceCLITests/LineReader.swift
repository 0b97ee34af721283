import Dispatch
import Foundation

/// Reads lines from a pipe on a background thread, so a test can wait for one with a time
/// limit instead of hanging (the limit only bounds a broken build; nothing is timed).
final class LineReader: @unchecked Sendable {
  private let lock = NSLock()
  private var lines: [String] = []
  private var pending = Data()
  private var ended = false
  private let arrived = DispatchSemaphore(value: 0)

  init(_ handle: FileHandle) {
    Thread.detachNewThread { [self] in
      while true {
        let chunk = handle.availableData
        if chunk.isEmpty {
          lock.withLock { ended = true }
          arrived.signal()
          return
        }
        lock.withLock {
          pending.append(chunk)
          while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            lines.append(String(decoding: pending[..<newline], as: UTF8.self))
            pending.removeSubrange(...newline)
            arrived.signal()
          }
        }
      }
    }
  }

  /// The next complete line, or `nil` at the end of the output or when none arrives within
  /// `seconds`.
  func nextLine(within seconds: Double) -> String? {
    let finished = lock.withLock { lines.isEmpty && ended }
    if finished { return nil }
    guard arrived.wait(timeout: .now() + seconds) == .success else { return nil }
    return lock.withLock { lines.isEmpty ? nil : lines.removeFirst() }
  }
}
