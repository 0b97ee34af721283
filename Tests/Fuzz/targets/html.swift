// Fuzz target: the HTML stripper behind `Article(text:format: .html)` (NewsQuotes).
//
// The input bytes are decoded as UTF-8 (ill-formed sequences repaired). As HTML, every
// paragraph span must lie inside the original bytes, the paragraphs must come in order
// without overlapping, and every sentence must lie inside its paragraph. With format
// detection the paragraphs must equal those of the plain-text or of the HTML reading, and
// a text with none of the HTML markers detection looks for must read exactly as plain text.

import Foundation
import NewsQuotes

private let markers: [[UInt8]] = ["<p", "<br", "<div", "<html", "<body"].map { Array($0.utf8) }

/// Whether `bytes` contain one of the markers, ignoring ASCII case.
private func hasMarker(_ bytes: [UInt8]) -> Bool {
  let lower = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
  for marker in markers where lower.count >= marker.count {
    for start in 0...(lower.count - marker.count)
    where lower[start..<(start + marker.count)].elementsEqual(marker) {
      return true
    }
  }
  return false
}

private func checkLayout(_ article: Article, length: Int, format: ArticleFormat) {
  var previousEnd = 0
  for (index, paragraph) in article.paragraphs.enumerated() {
    let span = paragraph.span
    require(
      span.start >= previousEnd && span.start < span.end && span.end <= length,
      "\(format) paragraph \(index) span \(span.start)..<\(span.end) after \(previousEnd) "
        + "in 0..<\(length)")
    previousEnd = span.end
    for sentence in paragraph.sentences {
      require(
        sentence.start >= span.start && sentence.end <= span.end
          && sentence.start <= sentence.end,
        "\(format) paragraph \(index) sentence \(sentence.start)..<\(sentence.end) outside it")
    }
  }
}

/// libFuzzer's entry point: strips one input as HTML and compares format detection.
///
/// - Parameters:
///   - data: The input bytes.
///   - size: Their count.
/// - Returns: 0 (a finding stops the process).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let length = text.utf8.count
  let html = Article(text: text, format: .html)
  checkLayout(html, length: length, format: .html)
  let plain = Article(text: text, format: .plainText)
  checkLayout(plain, length: length, format: .plainText)
  let detected = Article(text: text, format: .automatic)
  require(
    detected.paragraphs == plain.paragraphs || detected.paragraphs == html.paragraphs,
    "detection gave paragraphs of neither reading")
  if !hasMarker(Array(text.utf8)) {
    require(detected.paragraphs == plain.paragraphs, "a plain text was not read as plain text")
  }
  return 0
}
