import Foundation
import StanceKit
import Testing

/// A clock set by hand and a writer that keeps what it is given, for driving a
/// ``ProgressReporter`` without waiting.
private final class FakeConsole: @unchecked Sendable {
  private let lock = NSLock()
  private var now = 100.0
  private var written: [String] = []

  /// The clock's current reading.
  var time: Double {
    get { lock.withLock { now } }
    set { lock.withLock { now = newValue } }
  }

  /// Everything written so far, one element per write.
  var writes: [String] { lock.withLock { written } }

  func write(_ text: String) { lock.withLock { written.append(text) } }

  func reporter(_ display: ProgressReporter.Display, total: Int?) -> ProgressReporter {
    ProgressReporter(
      task: "tune", unit: "fits", total: total, display: display, clock: { self.time },
      write: { self.write($0) })
  }
}

@Suite struct ProgressReporterTests {
  @Test func linesModeWritesOneLinePerStepAndAClosingLine() {
    let console = FakeConsole()
    let reporter = console.reporter(.lines, total: 144)
    console.time = 117.5
    reporter.update(done: 36)
    console.time = 172
    reporter.update(done: 144)
    reporter.finish()
    reporter.finish()
    reporter.update(done: 150)
    #expect(
      console.writes == [
        "tune: 36/144 fits, 2.1 fits/s, ETA 0:53\n",
        "tune: 144/144 fits, 2.0 fits/s, ETA 0:00\n",
        "tune: 144/144 fits, 2.0 fits/s, done in 1:12\n",
      ])
  }

  @Test func terminalModeRedrawsInPlaceAfterTheDelayAndAtMostTenTimesASecond() {
    let console = FakeConsole()
    let reporter = console.reporter(.terminal, total: 10)
    console.time = 100.4
    reporter.advance()  // before the half-second delay: not drawn
    console.time = 100.5
    reporter.advance()
    console.time = 100.55
    reporter.advance()  // within 0.1 s of the last redraw: not drawn
    console.time = 102
    reporter.advance(by: 2)
    console.time = 105
    reporter.finish()
    #expect(
      console.writes == [
        "\r\u{1B}[2Ktune: 2/10 fits, 4.0 fits/s, ETA 0:02",
        "\r\u{1B}[2Ktune: 5/10 fits, 2.5 fits/s, ETA 0:02",
        "\r\u{1B}[2Ktune: 5/10 fits, 1.0 fits/s, done in 0:05\n",
      ])
  }

  @Test func terminalModeShowsNothingForWorkThatEndsAtOnce() {
    let console = FakeConsole()
    let reporter = console.reporter(.terminal, total: 3)
    console.time = 100.2
    reporter.update(done: 3)
    reporter.finish()
    #expect(console.writes.isEmpty)
  }

  @Test func noneModeWritesNothing() {
    let console = FakeConsole()
    let reporter = console.reporter(.none, total: 3)
    console.time = 105
    reporter.update(done: 2)
    reporter.finish()
    #expect(console.writes.isEmpty)
  }

  @Test func lineTextWithoutATotalOrBeforeTheFirstStep() {
    #expect(
      ProgressReporter.line(task: "predict", unit: "texts", done: 1536, total: nil, elapsed: 1.8)
        == "predict: 1536 texts, 853 texts/s")
    #expect(
      ProgressReporter.line(task: "cv", unit: "folds", done: 0, total: 5, elapsed: 3)
        == "cv: 0/5 folds")
    #expect(
      ProgressReporter.line(
        task: "cv", unit: "folds", done: 0, total: 5, elapsed: 3, finished: true)
        == "cv: 0/5 folds, done in 0:03")
  }

  @Test func durationsReadAsMinutesAndSeconds() {
    #expect(ProgressReporter.duration(0) == "0:00")
    #expect(ProgressReporter.duration(6.6) == "0:07")
    #expect(ProgressReporter.duration(750) == "12:30")
    #expect(ProgressReporter.duration(3723) == "1:02:03")
    #expect(ProgressReporter.duration(-4) == "0:00")
    #expect(ProgressReporter.duration(.infinity) == "0:00")
  }
}
