import Foundation

/// Locates files in the repository's `data/` folder from a test source file.
public enum Fixtures {
  /// The repository root, found from this file's compile-time path.
  public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // StanceTestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// The URL of `data/<relativePath>`.
  ///
  /// - Parameter relativePath: A path below `data/`, such as `fixtures/parity/train.csv`.
  /// - Returns: The file URL.
  public static func data(_ relativePath: String) -> URL {
    repositoryRoot.appendingPathComponent("data").appendingPathComponent(relativePath)
  }

  /// The contents of `data/<relativePath>`.
  ///
  /// - Parameter relativePath: A path below `data/`.
  /// - Returns: The file's bytes.
  /// - Throws: When the file cannot be read.
  public static func contents(of relativePath: String) throws -> Data {
    try Data(contentsOf: data(relativePath))
  }
}
