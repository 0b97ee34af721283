/// A stretch between an opening quotation mark and its closing mark (or the paragraph end)
/// at the outermost level of a paragraph.
struct MarkedQuote {
  /// Token index of the opening mark.
  var open: Int
  /// Token index of the closing mark, or `nil` when the paragraph ends inside the quote.
  var close: Int?
  /// The paragraph index.
  var paragraph: Int
  /// Analysed-text bytes between the marks (surrounding spaces trimmed).
  var bytes: Range<Int>
  /// Index of the quote that continues this one in the next paragraph.
  var continuedBy: Int?
  /// Index of the quote this one continues from the previous paragraph.
  var continues: Int?
}

/// Pairs quotation marks within a paragraph.
///
/// “…” (and „…“), «…», straight "…" and ‘…’ are paired with a stack, so quotes nest; a
/// straight mark and a curly one also pair when the other kind is not open (`"…”`, `“…"`,
/// copy edited in two tools), and a “ glued to the word before it with none after it closes
/// (`“…,“ said`); a
/// ‘ or ’ between two letters never reaches here (the tokenizer keeps `Tehran‘s`, `Kata’ib`
/// and `don’t` as words), and a ’ with no open ‘ (`soldiers’ lives`) is an apostrophe. Only
/// outermost quotes are returned; nested ones stay part of their outer quote.
enum QuoteMarkFinder {
  /// Finds the outermost quotes of `tokens[range]` and sets each inner token's `quote` to
  /// `firstIndex` plus the quote's position in the result.
  static func topLevelQuotes(
    _ tokens: inout [Token], _ range: Range<Int>, paragraph: Int, firstIndex: Int = 0
  ) -> [MarkedQuote] {
    var stack: [(index: Int, mark: QuoteMark)] = []
    var found: [MarkedQuote] = []
    func closeOutermost(_ closeIndex: Int?) {
      guard let first = stack.first else { return }
      let last = (closeIndex ?? range.upperBound) - 1
      let byteStart =
        first.index + 1 < range.upperBound ? tokens[first.index + 1].start : tokens[first.index].end
      let byteEnd = last > first.index ? tokens[last].end : byteStart
      found.append(
        MarkedQuote(
          open: first.index, close: closeIndex, paragraph: paragraph,
          bytes: byteStart..<max(byteStart, byteEnd)))
      stack.removeAll()
    }
    for index in range {
      let token = tokens[index]
      guard token.kind == .mark else { continue }
      let previousIsSpace =
        index == range.lowerBound || token.spaceBefore || tokens[index - 1].kind == .openParen
        || tokens[index - 1].kind == .dash || tokens[index - 1].kind == .mark
      let nextIsWordStart =
        index + 1 < range.upperBound && !tokens[index + 1].spaceBefore
        && tokens[index + 1].kind != .comma && tokens[index + 1].kind != .period
      switch token.mark {
      case .leftDouble:
        if let position = stack.lastIndex(where: { $0.mark == .lowDouble }) {
          if position == 0 { closeOutermost(index) } else { stack.removeSubrange(position...) }
        } else if !previousIsSpace, !nextIsWordStart,
          let position = stack.lastIndex(where: {
            $0.mark == .leftDouble || $0.mark == .straightDouble
          })
        {
          // `“Q,“ said S`: an opening mark glued to the word before, with none after, closes.
          if position == 0 { closeOutermost(index) } else { stack.removeSubrange(position...) }
        } else {
          stack.append((index, .leftDouble))
        }
      case .rightDouble:
        // `"Q,” said S`: with no curly opener, a straight one on top of the stack pairs.
        let straightTop =
          stack.last?.mark == .straightDouble ? stack.count - 1 : nil
        if let position = stack.lastIndex(where: {
          $0.mark == .leftDouble || $0.mark == .lowDouble
        }) ?? straightTop {
          if position == 0 {
            closeOutermost(index)
          } else {
            stack.removeSubrange(position...)
          }
        }
      case .lowDouble, .leftGuillemet:
        stack.append((index, token.mark))
      case .rightGuillemet:
        if let position = stack.lastIndex(where: { $0.mark == .leftGuillemet }) {
          if position == 0 { closeOutermost(index) } else { stack.removeSubrange(position...) }
        }
      case .straightDouble:
        if let top = stack.last, top.mark == .straightDouble, !(previousIsSpace && nextIsWordStart)
        {
          if stack.count == 1 { closeOutermost(index) } else { stack.removeLast() }
        } else if let position = stack.lastIndex(where: { $0.mark == .straightDouble }),
          !(previousIsSpace && nextIsWordStart)
        {
          if position == 0 { closeOutermost(index) } else { stack.removeSubrange(position...) }
        } else if let top = stack.last, top.mark == .leftDouble, !previousIsSpace,
          !nextIsWordStart
        {
          // `“Q," said S`: a straight mark glued to the word before closes a curly opener.
          if stack.count == 1 { closeOutermost(index) } else { stack.removeLast() }
        } else if previousIsSpace || nextIsWordStart {
          stack.append((index, .straightDouble))
        }
      case .leftSingle:
        if previousIsSpace && nextIsWordStart { stack.append((index, .leftSingle)) }
      case .rightSingle:
        if let position = stack.lastIndex(where: { $0.mark == .leftSingle }), !nextIsWordStart {
          if position == 0 { closeOutermost(index) } else { stack.removeSubrange(position...) }
        }
      case .none:
        break
      }
    }
    if !stack.isEmpty { closeOutermost(nil) }
    for (offset, quote) in found.enumerated() {
      let last = quote.close ?? range.upperBound
      for index in (quote.open + 1)..<max(quote.open + 1, last) {
        tokens[index].quote = Int32(firstIndex + offset)
      }
    }
    return found
  }
}
