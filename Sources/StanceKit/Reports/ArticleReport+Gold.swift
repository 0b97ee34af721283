import Foundation
import NewsQuotes

extension ArticleReport {
  /// The report of `stance quotes --gold`: quote precision, recall, F1 and speaker accuracy,
  /// one line per article and the totals.
  ///
  /// - Parameters:
  ///   - inputs: The articles.
  ///   - folder: The folder of gold files, `FOLDER/NAME.json` for `NAME.txt`.
  /// - Returns: The report, each line ending in a line break.
  /// - Throws: `DataError` when an article cannot be read, or a gold file is missing or
  ///   malformed.
  public static func goldEvaluation(_ inputs: inout ArticleStream, gold folder: String) throws
    -> String
  {
    var evaluations: [QuoteEvaluation] = []
    var lines = [
      "article                                       found  gold  matched  P       R       F1      speaker"
    ]
    func row(_ name: String, _ evaluation: QuoteEvaluation) -> String {
      let padded = name.count < 44 ? name + String(repeating: " ", count: 44 - name.count) : name
      return "\(padded)  \(String(format: "%5d", evaluation.foundCount))  "
        + "\(String(format: "%4d", evaluation.goldCount))  \(String(format: "%7d", evaluation.matchedCount))  "
        + "\(fixed(evaluation.precision, 4))  \(fixed(evaluation.recall, 4))  \(fixed(evaluation.f1, 4))  "
        + fixed(evaluation.speakerAccuracy, 4)
    }
    while let input = try inputs.next() {
      let gold = try QuoteGold(path: QuoteGold.path(for: input.source, in: folder))
      let evaluation = gold.evaluate(text: input.text)
      evaluations.append(evaluation)
      lines.append(row((input.source as NSString).lastPathComponent, evaluation))
    }
    lines.append(row("all", QuoteEvaluation.merging(evaluations)))
    return lines.joined(separator: "\n") + "\n"
  }
}
