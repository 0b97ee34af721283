import Foundation
import StanceKit

/// The labelled corpus the benchmarks run on, read once per benchmark process.
///
/// The folder comes from `STANCEKIT_BENCH_CORPUS` (default `corpus` inside `Benchmarks/`,
/// which `make bench-corpus` fills with 100,000 generated documents: `train.csv` and
/// `test.csv`).
public enum BenchmarkCorpus {
  /// The folder holding `train.csv` and `test.csv`.
  public static var folder: String {
    ProcessInfo.processInfo.environment["STANCEKIT_BENCH_CORPUS"] ?? "corpus"
  }

  /// Reads `name` (`train.csv` or `test.csv`) from ``folder``, stopping with a message that
  /// says how to generate the corpus when it is missing.
  ///
  /// - Parameter name: The file name inside the corpus folder.
  /// - Returns: The labelled examples.
  public static func load(_ name: String) -> Dataset {
    let path = (folder as NSString).appendingPathComponent(name)
    do {
      return try Dataset.read(path: path)
    } catch {
      fatalError("\(error); generate the corpus first with `make bench-corpus`")
    }
  }
}
