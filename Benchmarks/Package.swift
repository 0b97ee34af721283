// swift-tools-version:6.1
import PackageDescription

// StanceKit's benchmarks: a separate package so the harness and its dependencies never
// reach the product's dependency graph. Run with `make bench` from the repository root.
let package = Package(
  name: "StanceKitBenchmarks",
  dependencies: [
    .package(name: "StanceKit", path: ".."),
    .package(
      url: "https://github.com/ordo-one/package-benchmark", from: "1.38.1",
      traits: ["MallocInterposer"]),
  ],
  targets: [
    .target(
      name: "BenchmarkCorpus",
      dependencies: [.product(name: "StanceKit", package: "StanceKit")],
      path: "Benchmarks/BenchmarkCorpus"
    ),
    .executableTarget(
      name: "Vectorize",
      dependencies: [
        "BenchmarkCorpus",
        .product(name: "Benchmark", package: "package-benchmark"),
        .product(name: "StanceKit", package: "StanceKit"),
      ],
      path: "Benchmarks/Vectorize",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
    .executableTarget(
      name: "Train",
      dependencies: [
        "BenchmarkCorpus",
        .product(name: "Benchmark", package: "package-benchmark"),
        .product(name: "StanceKit", package: "StanceKit"),
      ],
      path: "Benchmarks/Train",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
    .executableTarget(
      name: "Predict",
      dependencies: [
        "BenchmarkCorpus",
        .product(name: "Benchmark", package: "package-benchmark"),
        .product(name: "StanceKit", package: "StanceKit"),
      ],
      path: "Benchmarks/Predict",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
    .executableTarget(
      name: "Score",
      dependencies: [
        .product(name: "Benchmark", package: "package-benchmark"),
        .product(name: "StanceKit", package: "StanceKit"),
      ],
      path: "Benchmarks/Score",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
    ),
  ]
)
