/// Why an out-of-core training cache could not be built, reused or read.
///
/// Every case names the cache folder (or file) and says what to do.
public enum TrainingCacheError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The folder exists, is not empty and holds no cache: it is never written into.
  case notACache(folder: String)
  /// The folder cannot be created or written to.
  case cannotCreate(folder: String, reason: String)
  /// A cache file is missing, truncated, fails its checksum or does not fit the rest.
  case corrupt(file: String, problem: String)
  /// A cache written by a newer StanceKit.
  case newerVersion(file: String, version: Int)
  /// An option that needs the texts, which a cached run does not keep.
  case unsupportedOption(String)
  /// No `--c`: choosing `C` cross-validates on the texts.
  case needsC
  /// The data files gave another number of examples on a later pass of a streamed build.
  case dataChanged(files: [String], expected: Int, found: Int)

  /// Whether the problem lies in the command line rather than in the files.
  public var isUsage: Bool {
    switch self {
    case .notACache, .unsupportedOption, .needsC: return true
    case .cannotCreate, .corrupt, .newerVersion, .dataChanged: return false
    }
  }

  /// Whether the folder could not be created or written.
  public var isCannotCreate: Bool {
    if case .cannotCreate = self { return true }
    return false
  }

  /// A one-line message naming the folder or file and what to do.
  public var description: String {
    switch self {
    case .notACache(let folder):
      return "\(folder): not a training cache (the folder is not empty and has no "
        + "\(TrainingCache.manifestName)); pass an empty or new folder to --cache"
    case .cannotCreate(let folder, let reason):
      return "\(folder): cannot create the training cache: \(reason)"
    case .corrupt(let file, let problem):
      return "\(file): damaged training cache (\(problem)); delete the cache folder and run "
        + "again to rebuild it"
    case .newerVersion(let file, let version):
      return "\(file): training cache format \(version) is newer than this stance reads "
        + "(\(TrainingCacheLayout.version)); update stance or delete the cache folder"
    case .unsupportedOption(let option):
      return "--cache cannot be combined with \(option): a cached run does not keep the "
        + "texts; leave it out"
    case .needsC:
      return "--cache needs --c: choosing C cross-validates on the texts, which a cached run "
        + "does not keep; give --c (for example --c 1, or the value `stance tune` chose)"
    case .dataChanged(let files, let expected, let found):
      return "\(files.joined(separator: ", ")): the data changed while the training cache was "
        + "built (\(expected) examples, then \(found)); leave the files alone and run again"
    }
  }
}
