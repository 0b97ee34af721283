import Foundation
import StanceKit

/// Finds the quotes of a news article, scores each speaker's stance and prints the speaker
/// table `stance score --no-sentiment` prints.
///
/// - Parameters:
///   - path: A plain-text or simple HTML article.
///   - stanceModel: The stance model; the shipped one when `nil`.
/// - Throws: `ModelFileError`, or a file error when the article cannot be read.
func scoreArticle(path: String, stanceModel: String?) throws {
  guard let modelPath = stanceModel ?? ShippedModels.locate("stance") else {
    throw CocoaError(.fileNoSuchFile)
  }
  let (stance, _) = try ModelFile.read(path: modelPath)
  let text = try String(contentsOfFile: path, encoding: .utf8)
  let article = ArticleScorer(stance: stance).score(text: text, source: path)
  print(article.speakerTable(), terminator: "")
}
