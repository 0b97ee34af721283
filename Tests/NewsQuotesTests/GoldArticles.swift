import Foundation
import NewsQuotes
import StanceTestSupport

/// The sample articles and their gold files (`data/articles/gold/`).
enum GoldArticles {
  struct GoldFile: Decodable {
    struct Row: Decodable {
      var n: Int
      var start: Int
      var end: Int
      var text: String
      var speaker: String
      var kind: QuoteKind
      var cue: String
    }
    var article: String
    var quotes: [Row]
  }

  static let names = [
    "2026-02-drone-strike-mali-market", "2026-03-ceasefire-talks-geneva",
    "2026-04-border-clash-thailand-cambodia", "2026-05-eu-sanctions-package-russia",
    "2026-06-nuclear-talks-muscat", "2026-07-arms-deal-taiwan-air-defence",
    "2026-08-hostage-exchange-yemen", "2026-09-trade-retaliation-eu-us-steel",
    "2026-10-maritime-standoff-scarborough-shoal", "2026-12-un-peacekeeping-mandate-vote-drc",
  ]

  static func text(_ name: String) throws -> String {
    String(decoding: try Fixtures.contents(of: "articles/\(name).txt"), as: UTF8.self)
  }

  static func gold(_ name: String) throws -> GoldFile {
    try JSONDecoder().decode(
      GoldFile.self, from: try Fixtures.contents(of: "articles/gold/\(name).json"))
  }

  static func references(_ file: GoldFile) -> [QuoteEvaluation.Reference] {
    file.quotes.map {
      QuoteEvaluation.Reference(
        span: Span(start: $0.start, end: $0.end), speaker: $0.speaker, kind: $0.kind)
    }
  }
}
