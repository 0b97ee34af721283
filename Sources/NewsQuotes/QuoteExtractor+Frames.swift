/// Frames opened by `as` around a reported clause (`As Raman noted, CLAUSE`, `CLAUSE, as
/// Raman said.`), a step of `ExtractionRun.handleCue`.
extension ExtractionRun {
  /// `As Raman noted, the piers were never repaired.` / `The piers were never repaired, as
  /// Raman noted.`: the subject follows `as` (opening the sentence, after at most a
  /// connective, or opening the last chunk before the cue) and the clause is the rest of the
  /// sentence on the other side of the comma.
  ///
  /// Fronted, a comma must follow the cue within five words (`As Raman noted on Tuesday,`);
  /// at the end, at most four words may follow it (`…, as Raman said on Tuesday.`). The
  /// clause holds at least three words.
  ///
  /// - Returns: The clause and the subject's tokens, or nil when the sentence has no such
  ///   frame.
  func asFrame(_ cue: CueSite, region: Range<Int>, _ sentence: Range<Int>)
    -> (clause: Range<Int>, subject: Range<Int>)?
  {
    guard !region.isEmpty, cue.behaviour != .directOnly, cue.behaviour != .quoteFollows,
      cue.behaviour != .objectThenInfinitive
    else { return nil }
    let end = trimmedEnd(sentence)
    let parts = parser.chunks(region)
    guard let last = parts.last else { return nil }
    var asIndex = last.lowerBound
    if tokens[asIndex].classes & C.conjunction != 0 && parts.count == 1 { asIndex += 1 }
    guard asIndex + 1 < cue.start, tokens[asIndex].kind == .word,
      tokens[asIndex].classes & C.asWord != 0
    else { return nil }
    let subject = (asIndex + 1)..<cue.start
    if parts.count == 1 {
      // Fronted: `As Raman noted (on Tuesday), CLAUSE`.
      var comma = cue.end
      while comma < min(end, cue.end + 5) && tokens[comma].kind == .word { comma += 1 }
      guard comma < end, tokens[comma].kind == .comma, tokens[comma].quote < 0 else {
        return nil
      }
      let clause = (comma + 1)..<clauseEndIndex(comma + 1, sentence)
      return clause.filter({ tokens[$0].isWord }).count >= 3 ? (clause, subject) : nil
    }
    // At the end: `CLAUSE, as Raman noted (on Tuesday).`
    guard end - cue.end <= 4, (cue.end..<end).allSatisfy({ tokens[$0].kind == .word }) else {
      return nil
    }
    var clauseEnd = last.lowerBound
    while clauseEnd > region.lowerBound
      && (tokens[clauseEnd - 1].kind == .comma || tokens[clauseEnd - 1].kind == .dash)
    {
      clauseEnd -= 1
    }
    let clause = region.lowerBound..<clauseEnd
    return clause.filter({ tokens[$0].isWord }).count >= 3 ? (clause, subject) : nil
  }

  /// Attributes an `as` frame (`asFrame`); returns where scanning resumes, or nil when the
  /// sentence has no such frame or its subject names nobody.
  mutating func attributeAsFrame(_ cue: CueSite, region: Range<Int>, _ scan: inout SentenceScan)
    -> Int?
  {
    guard let frame = asFrame(cue, region: region, scan.sentence),
      let mention = parser.subject(frame.subject),
      let speaker = resolve(mention, at: cue.start)
    else { return nil }
    let attribution = attribution(cue.text, speaker)
    scan.record(attribution, at: cue.start)
    if !isWholeQuote(frame.clause) { addIndirect(frame.clause, attribution, scan.paragraph) }
    scan.consumedUntil = max(frame.clause.upperBound, cue.end)
    return scan.consumedUntil
  }
}
