import Foundation

/// Finds the default models shipped with StanceKit (`models/stance.stance`,
/// `models/sentiment.stance`) for commands run without `--model`.
///
/// Search order, first match wins:
/// 1. the folder in the `STANCE_MODELS` environment variable;
/// 2. `models/` next to the executable, then `../share/stance/models/` (an install
///    prefix: `make install PREFIX=P` puts the binary in `P/bin` and the models in
///    `P/share/stance/models`), then `models/` in each folder above the executable (a build
///    tree inside the repository, such as `.build/release/stance`);
/// 3. `models/` in the current directory.
public enum ShippedModels {
  /// The file name of a shipped model.
  ///
  /// - Parameter name: `stance` or `sentiment`.
  /// - Returns: `NAME.stance`.
  public static func fileName(_ name: String) -> String { "\(name).stance" }

  /// The folders searched, in order, for the given environment and executable.
  ///
  /// - Parameters:
  ///   - environment: The process environment.
  ///   - executablePath: The path of the running executable, by default
  ///     ``runningExecutablePath()``.
  ///   - currentDirectory: The working directory.
  /// - Returns: Candidate folders.
  public static func searchFolders(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    executablePath: String = runningExecutablePath(),
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> [String] {
    if let folder = environment["STANCE_MODELS"], !folder.isEmpty { return [folder] }
    var folders: [String] = []
    let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
    var folder = executable.deletingLastPathComponent()
    folders.append(folder.appendingPathComponent("models").path)
    folders.append(
      folder.deletingLastPathComponent().appendingPathComponent("share/stance/models").path)
    while folder.pathComponents.count > 1 {
      folder = folder.deletingLastPathComponent()
      folders.append(folder.appendingPathComponent("models").path)
    }
    folders.append(URL(fileURLWithPath: currentDirectory).appendingPathComponent("models").path)
    var seen = Set<String>()
    return folders.filter { seen.insert($0).inserted }
  }

  /// The path of the running executable: `/proc/self/exe` where the system has it (so a
  /// binary found on `PATH`, whose `argv[0]` is a bare name, is still located), else
  /// `argv[0]`.
  ///
  /// - Returns: An absolute path, or `argv[0]` as given.
  public static func runningExecutablePath() -> String {
    if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
      path.hasPrefix("/")
    {
      return path
    }
    return CommandLine.arguments.first ?? ""
  }

  /// The path of the shipped model `name`, if one of the search folders has it.
  ///
  /// - Parameters:
  ///   - name: `stance` or `sentiment`.
  ///   - folders: The folders to search, by default ``searchFolders(environment:executablePath:currentDirectory:)``.
  /// - Returns: The path, or `nil` when no folder holds the model.
  public static func locate(_ name: String, in folders: [String] = searchFolders()) -> String? {
    for folder in folders {
      let path = (folder as NSString).appendingPathComponent(fileName(name))
      if FileManager.default.isReadableFile(atPath: path) { return path }
    }
    return nil
  }
}
