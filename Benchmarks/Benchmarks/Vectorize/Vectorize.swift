import Benchmark
import BenchmarkCorpus
import TextFeatures

// Tokenise, count and weight the training corpus (fit + transform), and transform the test
// corpus with the fitted vocabulary; 1 and 2 threads.
let benchmarks: @Sendable () -> Void = {
  let train = BenchmarkCorpus.load("train.csv").texts
  let test = BenchmarkCorpus.load("test.csv").texts
  let configuration: Benchmark.Configuration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, .throughput],
    timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 5)

  for threads in [1, 2] {
    let settings = VectorizerConfiguration(threads: threads)
    Benchmark("fitTransform 1-2 grams, \(threads) thread(s)", configuration: configuration) {
      benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(try Vectorizer.fitTransform(train, configuration: settings))
      }
    }
    Benchmark("transform test, \(threads) thread(s)", configuration: configuration) {
      benchmark, vectorizer in
      for _ in benchmark.scaledIterations {
        blackHole(vectorizer.transform(test))
      }
    } setup: {
      try Vectorizer.fit(train, configuration: settings)
    }
  }
}
