import Foundation
import NewsQuotes
import StanceTestSupport
import Testing

/// Exact output for three sample articles.
///
/// Kept in `data/fixtures/articles/<name>.quotes.json`.
/// Set NEWSQUOTES_UPDATE_SNAPSHOTS=1 to rewrite them after an intended change.
@Suite struct SnapshotTests {
  static let articles = [
    "2026-02-drone-strike-mali-market", "2026-06-nuclear-talks-muscat",
    "2026-10-maritime-standoff-scarborough-shoal",
  ]

  static func render(_ extraction: QuoteExtraction) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(extraction), as: UTF8.self) + "\n"
  }

  @Test(arguments: articles) func exactOutput(_ name: String) throws {
    let extraction = QuoteExtractor().extract(text: try GoldArticles.text(name))
    let rendered = try Self.render(extraction)
    let path = "fixtures/articles/\(name).quotes.json"
    if ProcessInfo.processInfo.environment["NEWSQUOTES_UPDATE_SNAPSHOTS"] != nil {
      try Data(rendered.utf8).write(to: Fixtures.data(path))
    }
    let expected = String(decoding: try Fixtures.contents(of: path), as: UTF8.self)
    #expect(rendered == expected)
  }
}
