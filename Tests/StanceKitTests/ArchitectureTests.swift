import Foundation
import StanceTestSupport
import Testing

/// `docs/architecture.md` against the source tree: every `import` under `Sources/M/` (and
/// `Examples/` for `StanceExamples`) must be an edge of the graph the document lists, every
/// module folder must be in the graph, and the graph must have no cycle.
@Suite struct ArchitectureTests {
  /// The folder of each module's sources, when it is not `Sources/NAME`.
  static let folders = ["StanceExamples": "Examples"]

  /// The graph of the `modules` code block: module → the modules it may import.
  ///
  /// The `any` line lists modules every module may import.
  static func documentedGraph() throws -> [String: Set<String>] {
    let text = try String(
      contentsOf: Fixtures.repositoryRoot.appendingPathComponent("docs/architecture.md"),
      encoding: .utf8)
    let start = try #require(text.range(of: "```modules\n"))
    let end = try #require(text[start.upperBound...].range(of: "```"))
    var graph: [String: Set<String>] = [:]
    for line in text[start.upperBound..<end.lowerBound].split(separator: "\n") {
      let parts = line.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      try #require(parts.count == 2, "not 'Module: A, B': \(line)")
      let module = parts[0].trimmingCharacters(in: .whitespaces)
      #expect(graph[module] == nil, "\(module) is listed twice")
      graph[module] = Set(
        parts[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
          .filter { !$0.isEmpty })
    }
    return graph
  }

  /// The modules a Swift source imports, from lines such as `import X`,
  /// `public import X`, `@_exported import X` and `import struct X.Y`.
  static func imports(in source: String) -> Set<String> {
    var modules = Set<String>()
    let modifiers: Set<Substring> = [
      "@_exported", "@testable", "@preconcurrency", "public", "package", "internal",
      "fileprivate", "private",
    ]
    let kinds: Set<Substring> = [
      "struct", "class", "enum", "protocol", "typealias", "func", "var", "let",
    ]
    for line in source.split(separator: "\n") {
      var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })[...]
      while let first = words.first, modifiers.contains(first) { words = words.dropFirst() }
      guard words.first == "import", words.count >= 2 else { continue }
      words = words.dropFirst()
      if let kind = words.first, kinds.contains(kind) { words = words.dropFirst() }
      guard let path = words.first else { continue }
      modules.insert(String(path.split(separator: ".")[0]))
    }
    return modules
  }

  /// The module folders under `Sources/`, by module name, plus the examples.
  static func moduleFolders() throws -> [String: URL] {
    let root = Fixtures.repositoryRoot
    let sources = root.appendingPathComponent("Sources")
    var folders: [String: URL] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: sources.path)
    where !name.hasPrefix(".") {
      folders[name] = sources.appendingPathComponent(name)
    }
    for (module, path) in Self.folders {
      folders[module] = root.appendingPathComponent(path)
    }
    return folders
  }

  /// The Swift files under `folder`, recursively.
  static func swiftFiles(in folder: URL) -> [URL] {
    guard
      let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    else { return [] }
    return enumerator.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
  }

  @Test func everyImportIsADocumentedEdge() throws {
    let graph = try Self.documentedGraph()
    let anywhere = graph["any"] ?? []
    let folders = try Self.moduleFolders()
    #expect(folders.count >= 10, "the source tree was not found")
    var checkedFiles = 0
    for (module, folder) in folders.sorted(by: { $0.key < $1.key }) {
      guard let allowed = graph[module] else {
        Issue.record("Sources/\(module) is not in docs/architecture.md's module graph")
        continue
      }
      for file in Self.swiftFiles(in: folder) {
        checkedFiles += 1
        let source = try String(contentsOf: file, encoding: .utf8)
        for imported in Self.imports(in: source).sorted()
        where !allowed.contains(imported) && !anywhere.contains(imported) {
          Issue.record(
            "\(file.path): imports \(imported), but docs/architecture.md gives \(module) no edge to it"
          )
        }
      }
    }
    #expect(checkedFiles > 100)
  }

  @Test func everyDocumentedModuleExists() throws {
    let graph = try Self.documentedGraph()
    let folders = try Self.moduleFolders()
    // Modules from other packages, which have no folder here.
    let external: Set<String> = ["ArgumentParser"]
    for module in graph.keys where module != "any" {
      #expect(folders[module] != nil, "\(module) is in the graph but has no folder")
    }
    for edges in graph.values {
      for target in edges where graph["any"]?.contains(target) != true {
        #expect(
          graph[target] != nil || external.contains(target),
          "\(target) is an edge of the graph but not a module of it")
      }
    }
  }

  @Test func theGraphHasNoCycle() throws {
    var graph = try Self.documentedGraph()
    graph["any"] = nil
    // Kahn's algorithm: repeatedly remove modules whose edges all lead to removed ones.
    var remaining = Set(graph.keys)
    while true {
      let leaves = remaining.filter { module in
        graph[module, default: []].allSatisfy { !remaining.contains($0) }
      }
      if leaves.isEmpty { break }
      remaining.subtract(leaves)
    }
    #expect(remaining.isEmpty, "the module graph has a cycle through \(remaining.sorted())")
  }

  @Test func importLinesAreRead() {
    let source = """
      import Foundation
      public import Classifier
      @_exported import TextFeatures
      import struct LinearAlgebra.SparseMatrix
        // import NotAModule
      let text = "import Nothing"
      """
    #expect(
      Self.imports(in: source) == ["Foundation", "Classifier", "TextFeatures", "LinearAlgebra"])
  }
}
