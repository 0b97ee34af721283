import Foundation

/// How far a grid search has got: reported by
/// ``GridSearch/run(texts:labels:groups:grid:vectorizer:training:configuration:metric:progress:)``
/// each time one (fold, vectorizer setting) task, with its whole class-weighting × `C`
/// chain, is done.
public struct GridSearchProgress: Equatable, Sendable {
  /// Tasks done: (fold, vectorizer setting) pairs.
  public var completedTasks: Int
  /// Tasks in all: folds × distinct vectorizer settings.
  public var totalTasks: Int
  /// Model fits done (each task trains every class weighting × `C`).
  public var completedFits: Int
  /// Model fits in all: folds × grid points.
  public var totalFits: Int

  /// Creates a progress report.
  ///
  /// - Parameters:
  ///   - completedTasks: Tasks done.
  ///   - totalTasks: Tasks in all.
  ///   - completedFits: Model fits done.
  ///   - totalFits: Model fits in all.
  public init(completedTasks: Int, totalTasks: Int, completedFits: Int, totalFits: Int) {
    self.completedTasks = completedTasks
    self.totalTasks = totalTasks
    self.completedFits = completedFits
    self.totalFits = totalFits
  }

  /// The estimated time left, by the time per task so far: `elapsed · (total − done) / done`.
  ///
  /// Tasks differ in cost (a setting with character n-grams costs more than one without),
  /// so the estimate is rough until a few of each kind are done; tasks run in grid order,
  /// so it errs on the side of whichever kind comes first.
  ///
  /// - Parameter elapsed: Seconds since the search started.
  /// - Returns: Seconds left, or `nil` before any task is done.
  public func secondsLeft(elapsed: Double) -> Double? {
    guard completedTasks > 0 else { return nil }
    return elapsed * Double(totalTasks - completedTasks) / Double(completedTasks)
  }
}

/// Counts finished tasks and calls the progress handler under one lock, so that reports
/// arrive one at a time and in increasing order whatever thread finished the task.
final class GridSearchProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var completed = 0
  private let totalTasks: Int
  private let fitsPerTask: Int
  private let handler: (@Sendable (GridSearchProgress) -> Void)?

  /// Creates a counter.
  ///
  /// - Parameters:
  ///   - totalTasks: Tasks in all.
  ///   - fitsPerTask: Model fits per task.
  ///   - handler: Receives a report after each task, or `nil` for none.
  init(
    totalTasks: Int, fitsPerTask: Int, handler: (@Sendable (GridSearchProgress) -> Void)?
  ) {
    self.totalTasks = totalTasks
    self.fitsPerTask = fitsPerTask
    self.handler = handler
  }

  /// Records one finished task and reports.
  func taskFinished() {
    guard let handler else { return }
    lock.lock()
    defer { lock.unlock() }
    completed += 1
    handler(
      GridSearchProgress(
        completedTasks: completed, totalTasks: totalTasks,
        completedFits: completed * fitsPerTask, totalFits: totalTasks * fitsPerTask))
  }
}
