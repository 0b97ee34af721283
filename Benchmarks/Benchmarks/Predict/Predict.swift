import Benchmark
import BenchmarkCorpus
import LinearAlgebra
import StanceKit

// Throughput of prediction on the test corpus: the whole pipeline (tokenise, vectorise,
// probabilities) and the sparse kernel X·W alone. The model is trained once, outside the
// measurement.
let benchmarks: @Sendable () -> Void = {
  let train = BenchmarkCorpus.load("train.csv")
  let test = BenchmarkCorpus.load("test.csv").texts
  let configuration: Benchmark.Configuration = .init(
    metrics: [.wallClock, .mallocCountTotal, .throughput], timeUnits: .milliseconds,
    warmupIterations: 1, maxDuration: .seconds(20), maxIterations: 10)

  Benchmark("pipeline probabilities, test corpus", configuration: configuration) {
    benchmark, pipeline in
    for _ in benchmark.scaledIterations {
      blackHole(pipeline.probabilities(test))
    }
  } setup: {
    try Pipeline.fit(texts: train.texts, labels: train.labels)
  }

  Benchmark("decision values X·W, test corpus", configuration: configuration) {
    (benchmark: Benchmark, state: KernelInputs) in
    for _ in benchmark.scaledIterations {
      blackHole(state.features.multiply(state.weights))
    }
  } setup: {
    let pipeline = try Pipeline.fit(texts: train.texts, labels: train.labels)
    return KernelInputs(features: pipeline.features(test), weights: pipeline.model.weights)
  }
}

/// The test corpus's feature matrix and a trained weight matrix, for the kernel benchmark.
struct KernelInputs {
  let features: SparseMatrix
  let weights: DenseMatrix
}
