import Foundation
import StanceKit
import Testing

/// Scored articles have one JSON shape (docs/json.md), whichever writer encodes them.
@Suite struct ArticleJSONTests {
  static let text = """
    “We will not retreat,” said General Amara Diallo. Minister Lena Park said the talks \
    would resume.
    """

  @Test func jsonEncoderWritesTheRecordOfDocsJSON() throws {
    let article = ArticleScorer().score(text: Self.text, source: "a.txt")
    try #require(!article.quotes.isEmpty && !article.speakers.isEmpty)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let encoded = try JSONSerialization.jsonObject(with: try encoder.encode(article))
    let record = try JSONSerialization.jsonObject(with: Data(article.jsonRecord.utf8))
    #expect(
      NSDictionary(dictionary: try #require(encoded as? [String: Any])).isEqual(
        to: try #require(record as? [String: Any])))
    let object = try #require(record as? [String: Any])
    #expect(Set(object.keys) == ["source", "input", "quotes", "speakers"])
    #expect(object["input"] is NSNull)
    let quote = try #require((object["quotes"] as? [[String: Any]])?.first)
    #expect(quote["label"] is NSNull && quote["sentiment"] is NSNull)
    #expect(quote["speaker_start"] as? Int == article.quotes[0].speakerStart)
    #expect(quote["start"] as? Int == article.quotes[0].start)
    // Only a speaker's own JSON, too.
    let speaker = try JSONSerialization.jsonObject(with: try encoder.encode(article.speakers[0]))
    #expect((speaker as? [String: Any])?.keys.count == 11)
  }
}
