import Foundation
import StanceTestSupport
import Testing

/// `stance quotes` and `stance score` through the binary.
@Suite struct ArticleTests {
  static let article = Fixtures.data("articles/2026-03-ceasefire-talks-geneva.txt").path

  @Test func quotesJSONFollowsTheContract() throws {
    let result = try CLI.run(["quotes", Self.article, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let articles = try #require(object["articles"] as? [[String: Any]])
    #expect(articles.count == 1)
    #expect(articles[0]["source"] as? String == Self.article)
    let quotes = try #require(articles[0]["quotes"] as? [[String: Any]])
    #expect(quotes.count == 23)
    for quote in quotes {
      for key in ["speaker", "text", "start", "end", "kind"] {
        #expect(quote[key] != nil, "missing \(key)")
      }
      #expect(["direct", "indirect"].contains(quote["kind"] as? String))
    }
    let speakers = try #require(articles[0]["speakers"] as? [[String: Any]])
    #expect(speakers.compactMap { $0["quotes"] as? Int }.reduce(0, +) == 23)
  }

  @Test func scoreGivesEverySpeakerAStance() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let result = try CLI.run([
      "score", "--model", model.path, "--no-sentiment", Self.article, "--format", "json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let article = try #require((object["articles"] as? [[String: Any]])?.first)
    let quotes = try #require(article["quotes"] as? [[String: Any]])
    for quote in quotes {
      let probabilities = try #require(quote["probabilities"] as? [String: Double])
      #expect(abs(probabilities.values.reduce(0, +) - 1) < 1e-9)
      #expect(probabilities[quote["label"] as? String ?? ""] == probabilities.values.max())
    }
    let speakers = try #require(article["speakers"] as? [[String: Any]])
    for speaker in speakers {
      for key in ["name", "quotes", "label", "probabilities"] {
        #expect(speaker[key] != nil, "missing \(key)")
      }
      let label = try #require(speaker["label"] as? String)
      let probabilities = try #require(speaker["probabilities"] as? [String: Double])
      #expect(probabilities[label] != nil, "the label \(label) is one of the model's")
      let confidence = try #require(speaker["confidence"] as? Double)
      #expect(confidence >= 0 && confidence <= 1)
      let interval = try #require(speaker["interval"] as? [String: Double])
      let lower = try #require(interval["lower"])
      let upper = try #require(interval["upper"])
      #expect(0 <= lower && lower <= upper && upper <= 1)
      // The evidence is its strength alone; the counts are the speaker's own keys.
      let strength = speaker["evidence"] as? String
      #expect(strength == (lower > 0.5 ? "strong" : "weak"))
    }
    let table = try CLI.run(["score", "--model", model.path, "--no-sentiment", Self.article])
    #expect(table.status == 0)
    #expect(table.stdout.contains("Mutasim Abakar Dafallah"))
    // `text` is the format's name in every command; `table`, its old name here, still works.
    let base = ["score", "--model", model.path, "--no-sentiment", Self.article]
    let text = try CLI.run(base + ["--format", "text"])
    let oldName = try CLI.run(base + ["--format", "table"])
    #expect(text.status == 0 && oldName.status == 0)
    #expect(text.stdout == table.stdout && oldName.stdout == table.stdout)
  }

  @Test func missingAndInvalidArticlesAreRefused() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = try CLI.run(["quotes", folder.appendingPathComponent("none.txt").path])
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("none.txt"))
    let bad = folder.appendingPathComponent("bad.txt")
    try Data(Array("He said: “fine”\nbut ".utf8) + [0xC3, 0x28] + Array(" more".utf8)).write(
      to: bad)
    let out = folder.appendingPathComponent("q.json")
    let invalid = try CLI.run(["quotes", bad.path, "--out", out.path])
    #expect(invalid.status == 65)
    #expect(invalid.stderr.contains("bad.txt:2"))
    #expect(invalid.stderr.contains("byte offset 24"))  // 9 + 3 + 4 + 3 + 1 + 4 bytes before it
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test func quotesReadStdin() throws {
    let result = try CLI.run(
      ["quotes", "--format", "json"],
      input: "“We will not retreat,” said General Amara Diallo. “Not one step.”\n")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"source\": \"<stdin>\""))
    #expect(result.stdout.contains("Amara Diallo"))
  }
}

/// Commands without `--model` use the shipped models, found next to the build or through
/// `STANCE_MODELS`.
@Suite struct ShippedModelLookupTests {
  @Test func predictUsesTheShippedStanceModel() throws {
    let result = try CLI.run(["predict", "--text", "We will respond with overwhelming force."])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("hawkish\t"))
  }

  @Test func scoreUsesBothShippedModels() throws {
    let result = try CLI.run(["score", ArticleTests.article, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("\"sentiment\""))
  }

  @Test func aMissingModelsFolderIsReported() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try CLI.run(
      ["predict", "--text", "hello"], environment: ["STANCE_MODELS": folder.path])
    #expect(result.status == 66)
    #expect(result.stderr.contains("stance.stance"))
    #expect(result.stderr.contains("STANCE_MODELS"))
  }
}

/// `stance quotes --gold`: the evaluation report against gold files.
@Suite struct QuoteGoldTests {
  @Test func goldReportScoresEveryArticleAndTheTotal() throws {
    let articles = [
      "articles/2026-03-ceasefire-talks-geneva.txt", "articles/2026-06-nuclear-talks-muscat.txt",
    ].map { Fixtures.data($0).path }
    let result = try CLI.run(
      ["quotes"] + articles + ["--gold", Fixtures.data("articles/gold").path])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines[1].hasPrefix("2026-03-ceasefire-talks-geneva.txt"))
    // 23 + 26 gold quotes in all; the extractor's F1 on these is asserted in NewsQuotesTests.
    #expect(lines[3].hasPrefix("all"))
    #expect(lines[3].split(separator: " ").dropFirst(2).first == "49")
  }

  @Test func aMissingGoldFileIsReported() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try CLI.run([
      "quotes", Fixtures.data("articles/2026-03-ceasefire-talks-geneva.txt").path, "--gold",
      folder.path,
    ])
    #expect(result.status == 66)
    #expect(result.stderr.contains("2026-03-ceasefire-talks-geneva.json"))
  }
}

/// JSONL batches of articles keep their other fields.
@Suite struct ArticleBatchTests {
  @Test func jsonlArticlesCarryTheirFieldsThrough() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let batch = folder.appendingPathComponent("batch.jsonl")
    try Data(
      """
      {"id": "a1", "text": "“We will not retreat,” said General Amara Diallo.", "outlet": "Harbour Wire"}
      {"id": 7, "text": "Minister Lena Park said the talks would resume on Monday."}

      """.utf8
    ).write(to: batch)
    let result = try CLI.run(["quotes", batch.path, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let articles = try #require(object["articles"] as? [[String: Any]])
    #expect(articles.count == 2)
    #expect(articles[0]["source"] as? String == batch.path + "#a1")
    #expect(articles[0]["input"] as? [String: String] == ["id": "a1", "outlet": "Harbour Wire"])
    #expect(articles[1]["input"] as? [String: String] == ["id": "7"])
    let quotes = try #require(articles[0]["quotes"] as? [[String: Any]])
    #expect(quotes.first?["speaker"] as? String == "Amara Diallo")
  }
}
