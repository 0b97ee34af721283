import Benchmark
import BenchmarkCorpus
import Classifier
import LinearAlgebra
import TextFeatures

// Time to the default tolerance (1e-4 relative gradient norm) on the tf-idf 1-2 gram matrix
// of the training corpus, for both solvers and 1 and 2 threads. The matrix is built once,
// outside the measurement.
let benchmarks: @Sendable () -> Void = {
  let corpus = BenchmarkCorpus.load("train.csv")
  let labelNames = Array(Set(corpus.labels)).sorted()
  let labels = corpus.labels.map { label in labelNames.firstIndex(of: label) ?? 0 }
  let configuration: Benchmark.Configuration = .init(
    metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 0,
    maxDuration: .seconds(60), maxIterations: 3)

  for solver in Solver.allCases {
    for threads in [1, 2] {
      Benchmark("train \(solver.rawValue), \(threads) thread(s)", configuration: configuration) {
        benchmark, features in
        let trainer = Trainer(
          configuration: TrainingConfiguration(solver: solver, threads: threads))
        for _ in benchmark.scaledIterations {
          blackHole(try trainer.train(features: features, labels: labels, labelNames: labelNames))
        }
      } setup: {
        try Vectorizer.fitTransform(corpus.texts, configuration: VectorizerConfiguration()).matrix
      }
    }
  }
}
