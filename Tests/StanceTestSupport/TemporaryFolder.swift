import Foundation

/// A fresh folder under the system's temporary folder, removed by ``remove()``.
public struct TemporaryFolder {
  /// The folder's path.
  public let path: String

  /// Creates an empty folder with a unique name.
  public init() throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("stancekit-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
  }

  /// The path of `name` inside the folder.
  public func file(_ name: String) -> String { path + "/" + name }

  /// The names in the folder, sorted (hidden temporary files included).
  public func names() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: path).sorted()
  }

  /// Deletes the folder and everything in it.
  public func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}
