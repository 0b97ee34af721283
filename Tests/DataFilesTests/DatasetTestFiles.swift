import Foundation

/// Temporary input files for the reader tests, removed by ``remove(_:)``.
enum DatasetTestFiles {
  /// Writes `bytes` to a fresh temporary file whose name ends in `suffix` and returns its
  /// path.
  static func make(_ bytes: [UInt8], suffix: String = ".csv") throws -> String {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("stancekit-\(UUID().uuidString)\(suffix)").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// Writes the UTF-8 bytes of `text` to a fresh temporary file.
  static func make(_ text: String, suffix: String = ".csv") throws -> String {
    try make(Array(text.utf8), suffix: suffix)
  }

  /// Deletes a file made by ``make(_:suffix:)``.
  static func remove(_ path: String) {
    try? FileManager.default.removeItem(atPath: path)
  }
}
