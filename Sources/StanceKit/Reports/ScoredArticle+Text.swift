import Foundation

extension ScoredArticle {
  /// The article's quotes as text: a heading line, then one line per quote (speaker,
  /// kind, cue, label when scored, and the quote on one line), as `stance quotes` prints.
  ///
  /// - Returns: The lines, each ending in a line break.
  public func quoteLines() -> String {
    var lines = [
      "== \(source): \(quotes.count) quotes, \(speakers.count) speakers"
    ]
    for quote in quotes {
      let cue = quote.cue.map { ", \($0)" } ?? ""
      let label = quote.label.map { "  [\($0)]" } ?? ""
      lines.append("\(quote.speaker) (\(quote.kind)\(cue))\(label): \(singleLine(quote.text))")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

extension ScoredArticle {
  /// The article's speaker table, as `stance score` prints it: name, role, quotes,
  /// words, the pooled stance label, its probability `p`, the 90% interval of its share
  /// of the speaker's words, the strength of the evidence and the pooled sentiment label.
  ///
  /// - Returns: A heading line, the column names and one row per speaker, each line
  ///   ending in a line break.
  public func speakerTable() -> String {
    var rows: [[String]] = [
      [
        "speaker", "role", "quotes", "words", "stance", "p", "90% interval", "evidence",
        "sentiment",
      ]
    ]
    for speaker in speakers {
      let label = speaker.kind == "document" ? "not scored (document)" : speaker.label ?? "-"
      let probability = speaker.label.flatMap { speaker.probabilities?[$0] }.map { fixed($0, 2) }
      let interval = speaker.interval.map { "\(fixed($0.lower, 2))–\(fixed($0.upper, 2))" }
      let role = speaker.role ?? ""
      let shortRole = role.count > 36 ? String(role.prefix(35)) + "…" : role
      rows.append([
        speaker.name, shortRole, String(speaker.quotes), String(speaker.words), label,
        probability ?? "-", interval ?? "-", speaker.evidence?.strength ?? "-",
        speaker.sentiment?.label ?? "-",
      ])
    }
    let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    var lines = [
      "== \(source): \(quotes.count) quotes, \(speakers.count) speakers"
    ]
    for row in rows {
      let cells = row.enumerated().map { column, cell in
        let padding = String(repeating: " ", count: widths[column] - cell.count)
        return column == 2 || column == 3 || column == 5 || column == 6
          ? padding + cell : cell + padding
      }
      lines.append(cells.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
