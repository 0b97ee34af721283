import Dispatch
import Foundation

/// One progress line for long work (`tune`, `cv`, `predict`, `score`, `quotes`): how many
/// steps are done out of how many, the rate, and the time left.
///
/// ```
/// tune: 36/144 fits, 2.1 fits/s, ETA 0:51        while running, total known
/// predict: 1536 texts, 850 texts/s                while running, total unknown
/// tune: 144/144 fits, 2.0 fits/s, done in 1:12    at the end
/// ```
///
/// On a terminal (``Display/terminal``) the line is redrawn in place (carriage return and
/// erase-line), at most once per `interval` seconds and not before `delay` seconds have
/// passed, so work that ends at once shows nothing; once anything was drawn, ``finish()``
/// draws the last state and ends the line. For logs (``Display/lines``) every update is
/// one plain line, and ``finish()`` adds the closing one. The rate is done ÷ elapsed, and
/// the time left `elapsed · (total − done) / done`, rounded up to a whole second.
///
/// The reporter is safe to call from several threads: updates are serialised by a lock
/// and drawn in the order they arrive. The clock and the writer are parameters, so tests
/// drive it with a fake clock and collect exactly what it writes.
public final class ProgressReporter: @unchecked Sendable {
  /// Where and how the line is shown.
  public enum Display: Sendable, Equatable {
    /// Nothing is shown (`--quiet`, or stderr is not a terminal and `--progress` was not
    /// given).
    case none
    /// One line redrawn in place.
    case terminal
    /// One plain line per update, for logs.
    case lines
  }

  /// The command's name, the line's prefix (`tune`).
  public let task: String
  /// What a step is, in the plural (`fits`, `texts`).
  public let unit: String
  /// How the line is shown.
  public let display: Display
  private let total: Int?
  private let interval: Double
  private let delay: Double
  private let clock: @Sendable () -> Double
  private let write: @Sendable (String) -> Void
  private let lock = NSLock()
  private let start: Double
  private var done = 0
  private var lastDrawn: Double?
  private var finished = false

  /// Creates a reporter; the clock is read once now, as the start.
  ///
  /// - Parameters:
  ///   - task: The line's prefix.
  ///   - unit: What a step is, in the plural.
  ///   - total: Steps in all, or `nil` when unknown (streamed input).
  ///   - display: How the line is shown.
  ///   - interval: Terminal only: the least time between two redraws, in seconds.
  ///   - delay: Terminal only: nothing is drawn before this many seconds.
  ///   - clock: Seconds on a monotonic clock; ``monotonicSeconds()`` by default.
  ///   - write: Receives the bytes to show (standard error in the CLI).
  public init(
    task: String, unit: String, total: Int?, display: Display, interval: Double = 0.1,
    delay: Double = 0.5,
    clock: @escaping @Sendable () -> Double = ProgressReporter.monotonicSeconds,
    write: @escaping @Sendable (String) -> Void
  ) {
    self.task = task
    self.unit = unit
    self.total = total
    self.display = display
    self.interval = interval
    self.delay = delay
    self.clock = clock
    self.write = write
    start = clock()
  }

  /// Seconds since an arbitrary fixed moment, from the monotonic clock.
  public static func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
  }

  /// Records that `count` more steps are done.
  ///
  /// - Parameter count: Steps just finished.
  public func advance(by count: Int = 1) {
    lock.lock()
    defer { lock.unlock() }
    setDone(done + count)
  }

  /// Records that `done` steps are done in all.
  ///
  /// - Parameter done: Steps finished so far.
  public func update(done: Int) {
    lock.lock()
    defer { lock.unlock() }
    setDone(done)
  }

  /// Shows the closing line and ends it.
  ///
  /// On a terminal the line is shown only when one was drawn before. Later calls do
  /// nothing.
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    finished = true
    let line = Self.line(
      task: task, unit: unit, done: done, total: total, elapsed: clock() - start, finished: true)
    switch display {
    case .none: return
    case .lines: write(line + "\n")
    case .terminal:
      if lastDrawn != nil { write("\r\u{1B}[2K" + line + "\n") }
    }
  }

  /// Stores the count and draws it when the display wants it; called under the lock.
  private func setDone(_ count: Int) {
    guard !finished else { return }
    done = count
    let now = clock()
    switch display {
    case .none:
      return
    case .lines:
      write(
        Self.line(task: task, unit: unit, done: done, total: total, elapsed: now - start) + "\n")
    case .terminal:
      guard now - start >= delay else { return }
      if let lastDrawn, now - lastDrawn < interval { return }
      lastDrawn = now
      write(
        "\r\u{1B}[2K"
          + Self.line(task: task, unit: unit, done: done, total: total, elapsed: now - start))
    }
  }

  /// The text of one progress line, without a line break.
  ///
  /// - Parameters:
  ///   - task: The prefix.
  ///   - unit: What a step is, in the plural.
  ///   - done: Steps done.
  ///   - total: Steps in all, or `nil`.
  ///   - elapsed: Seconds since the start.
  ///   - finished: Whether the work is over (the time taken replaces the time left).
  /// - Returns: For example `tune: 36/144 fits, 2.1 fits/s, ETA 0:51`.
  public static func line(
    task: String, unit: String, done: Int, total: Int?, elapsed: Double, finished: Bool = false
  ) -> String {
    var line = "\(task): " + (total.map { "\(done)/\($0)" } ?? "\(done)") + " \(unit)"
    guard done > 0, elapsed > 0 else {
      return finished ? line + ", done in \(duration(elapsed))" : line
    }
    let rate = Double(done) / elapsed
    line += ", \(fixed(rate, rate < 10 ? 1 : 0)) \(unit)/s"
    if finished { return line + ", done in \(duration(elapsed))" }
    if let total, total >= done {
      line += ", ETA \(duration((elapsed * Double(total - done) / Double(done)).rounded(.up)))"
    }
    return line
  }

  /// A duration as `m:ss`, or `h:mm:ss` from an hour on, rounded to the nearest second.
  ///
  /// - Parameter seconds: A non-negative duration.
  /// - Returns: For example `0:07`, `12:30`, `1:02:03`.
  public static func duration(_ seconds: Double) -> String {
    let whole = seconds.isFinite ? max(0, Int(seconds.rounded())) : 0
    let (hours, minutes, rest) = (whole / 3600, whole / 60 % 60, whole % 60)
    let paddedSeconds = rest < 10 ? "0\(rest)" : "\(rest)"
    if hours == 0 { return "\(minutes):\(paddedSeconds)" }
    return "\(hours):\(minutes < 10 ? "0" : "")\(minutes):\(paddedSeconds)"
  }
}
