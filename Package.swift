// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "StanceKit",
  products: [
    .library(name: "StanceKit", targets: ["StanceKit"]),
    .executable(name: "stance", targets: ["stance"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2")
  ],
  targets: [
    // The C face of BLAS + LAPACKE. Only LinearAlgebra imports it.
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "lapacke",
      providers: [.apt(["libblas-dev", "liblapack-dev", "liblapacke-dev"])]
    ),
    // The C shims of StanceSupport: the CPU's CRC-32C instruction (behind a runtime check)
    // and a software prefetch (__builtin_prefetch), neither of which Swift exposes. Only
    // StanceSupport imports it.
    .target(name: "CStanceSupport"),
    // The floor every module may use (not a product): one block-parallel map, memory
    // helpers, FNV-1a, SplitMix64, CRC-32C.
    .target(name: "StanceSupport", dependencies: ["CStanceSupport"]),
    // Before main: a closed standard input is held by a placeholder that refuses reads
    // (EBADF), so no file opened later is taken for stdin. Only the CLI links it. It stays
    // out of CStanceSupport on purpose: a constructor in a target that every library user
    // links would run inside their programs too, and rearrange their file descriptors.
    .target(name: "CStandardStreams"),
    .target(name: "LinearAlgebra", dependencies: ["CBLAS", "StanceSupport"]),
    .target(name: "TextFeatures", dependencies: ["LinearAlgebra", "StanceSupport"]),
    .target(name: "Classifier", dependencies: ["LinearAlgebra"]),
    .target(name: "Evaluation", dependencies: ["LinearAlgebra", "StanceSupport"]),
    .target(name: "NewsQuotes", dependencies: []),
    // The data files: byte sources, CSV/TSV/JSONL/article readers, datasets, the atomic
    // output writer, mapped files. It needs nothing from the package (StanceSupport is
    // there if it ever does). StanceKit re-exports it (Exports.swift).
    .target(name: "DataFiles"),
    .target(
      name: "StanceKit",
      dependencies: [
        "LinearAlgebra", "TextFeatures", "Classifier", "Evaluation", "NewsQuotes", "DataFiles",
        "StanceSupport",
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
    .target(
      name: "StanceTestSupport", dependencies: ["StanceSupport"], path: "Tests/StanceTestSupport"),
    .testTarget(name: "StanceSupportTests", dependencies: ["StanceSupport", "StanceTestSupport"]),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "StanceTestSupport"]),
    .testTarget(name: "TextFeaturesTests", dependencies: ["TextFeatures", "StanceTestSupport"]),
    .testTarget(
      name: "ClassifierTests",
      dependencies: ["Classifier", "TextFeatures", "LinearAlgebra", "StanceTestSupport"]
    ),
    .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "StanceTestSupport"]),
    .testTarget(name: "NewsQuotesTests", dependencies: ["NewsQuotes", "StanceTestSupport"]),
    .testTarget(name: "DataFilesTests", dependencies: ["DataFiles", "StanceTestSupport"]),
    .testTarget(
      name: "StanceKitTests", dependencies: ["StanceKit", "StanceSupport", "StanceTestSupport"]),
    // Runs the built `stance` binary; depending on it makes `swift build --build-tests` build it.
    // The help snapshots are read from the source tree by path (so `make snapshots` can
    // rewrite them), not bundled.
    .testTarget(
      name: "StanceCLITests", dependencies: ["stance", "StanceExamples", "StanceTestSupport"],
      exclude: ["Snapshots"]),
  ]
)
