import Classifier
import Foundation
import Testing

@Suite("TrainingConfiguration")
struct TrainingConfigurationTests {
  @Test("defaults are valid and documented values")
  func defaults() throws {
    let configuration = TrainingConfiguration()
    try configuration.validate()
    #expect(configuration.c == 1)
    #expect(configuration.solver == .newton)
    #expect(configuration.classWeighting == .none)
    #expect(configuration.tolerance == 1e-4)
    #expect(configuration.maximumIterations == 1000)
    #expect(configuration.threads >= 1)
    #expect(configuration.lbfgsMemory == 10)
  }

  static let invalid: [(TrainingConfiguration, TrainingConfigurationError)] = [
    (TrainingConfiguration(c: 0), .invalidC(0)),
    (TrainingConfiguration(c: -1), .invalidC(-1)),
    (TrainingConfiguration(c: .infinity), .invalidC(.infinity)),
    (TrainingConfiguration(tolerance: 0), .invalidTolerance(0)),
    (TrainingConfiguration(tolerance: 1), .invalidTolerance(1)),
    (TrainingConfiguration(maximumIterations: 0), .invalidMaximumIterations(0)),
    (TrainingConfiguration(threads: 0), .invalidThreadCount(0)),
    (TrainingConfiguration(lbfgsMemory: 0), .invalidLBFGSMemory(0)),
    (
      TrainingConfiguration(classWeighting: .explicit(["x": 1, "y": -2])),
      .invalidClassWeight(label: "y", weight: -2)
    ),
  ]

  @Test("invalid settings are rejected with the matching error", arguments: invalid)
  func invalidSettings(configuration: TrainingConfiguration, expected: TrainingConfigurationError) {
    #expect(throws: expected) { try configuration.validate() }
    #expect(!expected.description.isEmpty)
  }

  @Test("NaN C is rejected")
  func nanC() {
    #expect(throws: TrainingConfigurationError.self) {
      try TrainingConfiguration(c: .nan).validate()
    }
  }

  @Test("messages say what to do")
  func messages() {
    #expect(TrainingConfigurationError.invalidC(-1).description.contains("--c"))
    #expect(TrainingConfigurationError.invalidTolerance(2).description.contains("1e-4"))
  }

  @Test("round-trips through JSON, including explicit weights")
  func codable() throws {
    let configuration = TrainingConfiguration(
      c: 2.5, solver: .newton, classWeighting: .explicit(["pos": 2, "neg": 0.5]),
      tolerance: 1e-6, maximumIterations: 50, threads: 3, lbfgsMemory: 7)
    let data = try JSONEncoder().encode(configuration)
    #expect(try JSONDecoder().decode(TrainingConfiguration.self, from: data) == configuration)
    let balanced = TrainingConfiguration(classWeighting: .balanced, threads: 1)
    let again = try JSONDecoder().decode(
      TrainingConfiguration.self, from: try JSONEncoder().encode(balanced))
    #expect(again == balanced)
  }

  @Test("missing keys take defaults; unknown weighting kinds are refused")
  func decodingDefaults() throws {
    let partial = Data(#"{"c": 3, "solver": "newton", "threads": 2}"#.utf8)
    let decoded = try JSONDecoder().decode(TrainingConfiguration.self, from: partial)
    #expect(decoded == TrainingConfiguration(c: 3, solver: .newton, threads: 2))
    let bad = Data(#"{"classWeighting": {"kind": "heavy"}}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(TrainingConfiguration.self, from: bad)
    }
  }
}
