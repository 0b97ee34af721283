import Benchmark
import Foundation
import StanceKit

// `stance score`'s work on 1,000 articles of about 1,000 words: quote extraction, speaker
// resolution, stance and sentiment of every quote and speaker, with the shipped models. The
// articles are built by joining the sample articles' paragraphs (so every quote pattern
// occurs); the models are read once, outside the measurement. One thread.
let benchmarks: @Sendable () -> Void = {
  let root = ProcessInfo.processInfo.environment["STANCEKIT_ROOT"] ?? ".."
  let folder = (root as NSString).appendingPathComponent("data/articles")
  let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
    .filter { $0.hasSuffix(".txt") }.sorted()
  let samples = names.compactMap {
    try? String(contentsOfFile: (folder as NSString).appendingPathComponent($0), encoding: .utf8)
  }
  guard !samples.isEmpty else { fatalError("no sample articles in \(folder); set STANCEKIT_ROOT") }
  // Article i: sample i's text followed by the body of sample i+1, cut at ~1,000 words.
  let articles: [String] = (0..<1000).map { index in
    let first = samples[index % samples.count]
    let second = samples[(index + 1) % samples.count].components(separatedBy: "\n\n").dropFirst()
    var paragraphs = first.components(separatedBy: "\n\n")
    var words = paragraphs.reduce(0) { $0 + $1.split(separator: " ").count }
    for paragraph in second where words < 1000 {
      paragraphs.append(paragraph)
      words += paragraph.split(separator: " ").count
    }
    return paragraphs.joined(separator: "\n\n")
  }
  let configuration: Benchmark.Configuration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], timeUnits: .milliseconds,
    warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 5)

  Benchmark(
    "score 1,000 articles of ~1,000 words, stance + sentiment", configuration: configuration
  ) {
    (benchmark: Benchmark, scorer: ArticleScorer) in
    for _ in benchmark.scaledIterations {
      for (index, article) in articles.enumerated() {
        blackHole(scorer.score(text: article, source: "article-\(index)"))
      }
    }
  } setup: {
    let models = (root as NSString).appendingPathComponent("models")
    return ArticleScorer(
      stance: try ModelFile.read(path: "\(models)/stance.stance").pipeline,
      sentiment: try ModelFile.read(path: "\(models)/sentiment.stance").pipeline)
  }

  Benchmark("extract quotes only, 1,000 articles", configuration: configuration) { benchmark in
    let scorer = ArticleScorer()
    for _ in benchmark.scaledIterations {
      for (index, article) in articles.enumerated() {
        blackHole(scorer.score(text: article, source: "article-\(index)"))
      }
    }
  }
}
