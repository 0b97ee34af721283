// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "StanceKit",
  products: [
    .library(name: "StanceKit", targets: ["StanceKit"]),
    .executable(name: "stance", targets: ["stance"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // The C face of BLAS + LAPACKE. Only LinearAlgebra imports it.
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "lapacke",
      providers: [.apt(["libblas-dev", "liblapack-dev", "liblapacke-dev"])]
    ),
    .target(name: "LinearAlgebra", dependencies: ["CBLAS"]),
    // A software prefetch (__builtin_prefetch), which Swift does not expose. Only
    // TextFeatures imports it.
    .target(name: "CPrefetch"),
    // The CPU's CRC-32C instruction, behind a runtime check. Only StanceKit imports it.
    .target(name: "CChecksum"),
    // Before main: a closed standard input is held by a placeholder that refuses reads
    // (EBADF), so no file opened later is taken for stdin. Only the CLI links it.
    .target(name: "CStandardStreams"),
    .target(name: "TextFeatures", dependencies: ["LinearAlgebra", "CPrefetch"]),
    .target(name: "Classifier", dependencies: ["LinearAlgebra"]),
    .target(name: "Evaluation", dependencies: ["LinearAlgebra"]),
    .target(name: "NewsQuotes", dependencies: []),
    .target(
      name: "StanceKit",
      dependencies: [
        "LinearAlgebra", "TextFeatures", "Classifier", "Evaluation", "NewsQuotes", "CChecksum",
      ]
    ),
    .executableTarget(
      name: "stance",
      dependencies: [
        "StanceKit", "CStandardStreams",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // The library's examples, one subcommand per workflow (Examples/main.swift); built by
    // `make test` and run by StanceCLITests, so they cannot rot.
    .executableTarget(name: "StanceExamples", dependencies: ["StanceKit"], path: "Examples"),

    // MARK: - Tests
    // Shared helpers for the test targets (seeded RNG, tolerances, fixture paths); not API.
    .target(name: "StanceTestSupport", path: "Tests/StanceTestSupport"),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "StanceTestSupport"]),
    .testTarget(name: "TextFeaturesTests", dependencies: ["TextFeatures", "StanceTestSupport"]),
    .testTarget(
      name: "ClassifierTests",
      dependencies: ["Classifier", "TextFeatures", "LinearAlgebra", "StanceTestSupport"]
    ),
    .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "StanceTestSupport"]),
    .testTarget(name: "NewsQuotesTests", dependencies: ["NewsQuotes", "StanceTestSupport"]),
    .testTarget(name: "StanceKitTests", dependencies: ["StanceKit", "StanceTestSupport"]),
    // Runs the built `stance` binary; depending on it makes `swift build --build-tests` build it.
    // The help snapshots are read from the source tree by path (so `make snapshots` can
    // rewrite them), not bundled.
    .testTarget(
      name: "StanceCLITests", dependencies: ["stance", "StanceExamples", "StanceTestSupport"],
      exclude: ["Snapshots"]),
  ]
)
