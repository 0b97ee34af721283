// Fuzz target: the quote extractor with speaker resolution (NewsQuotes).
//
// The input bytes are decoded as UTF-8 (ill-formed sequences repaired) and extracted as
// plain text, as HTML and with format detection. Every quote's span must lie inside the
// text with start < end, direct quotes must not overlap each other, every speaker index
// must point at a speaker that lists the quote, every paragraph index must exist, and a
// second extraction must give the same result.

import Foundation
import NewsQuotes

private let extractor = QuoteExtractor()

private func check(_ text: String, format: ArticleFormat) {
  let length = text.utf8.count
  let article = Article(text: text, format: format)
  let extraction = extractor.extract(from: article)
  var directSpans: [Span] = []
  for (index, quote) in extraction.quotes.enumerated() {
    require(
      quote.start >= 0 && quote.start < quote.end && quote.end <= length,
      "\(format) quote \(index) span \(quote.start)..<\(quote.end) outside 0..<\(length)")
    require(
      quote.speakerIndex >= 0 && quote.speakerIndex < extraction.speakers.count,
      "\(format) quote \(index) speaker index \(quote.speakerIndex) of "
        + "\(extraction.speakers.count)")
    let entry = extraction.speakers[quote.speakerIndex]
    require(entry.speaker == quote.speaker, "\(format) quote \(index) speaker differs")
    require(entry.quotes.contains(index), "\(format) speaker does not list quote \(index)")
    require(
      quote.paragraph >= 0 && quote.paragraph < article.paragraphs.count,
      "\(format) quote \(index) paragraph \(quote.paragraph) of \(article.paragraphs.count)")
    if quote.kind == .direct { directSpans.append(quote.span) }
  }
  for entry in extraction.speakers {
    for index in entry.quotes {
      require(index >= 0 && index < extraction.quotes.count, "\(format) speaker quote index")
    }
  }
  directSpans.sort()
  for (previous, next) in zip(directSpans, directSpans.dropFirst()) {
    require(
      previous.end <= next.start,
      "\(format) direct quotes overlap: \(previous.start)..<\(previous.end) and "
        + "\(next.start)..<\(next.end)")
  }
  let again = extractor.extract(text: text, format: format)
  require(again == extraction, "\(format) a second extraction differs")
}

/// libFuzzer's entry point: extracts quotes from one input in every format.
///
/// - Parameters:
///   - data: The input bytes.
///   - size: Their count.
/// - Returns: 0 (a finding stops the process).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuotes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  for format in ArticleFormat.allCases { check(text, format: format) }
  return 0
}
