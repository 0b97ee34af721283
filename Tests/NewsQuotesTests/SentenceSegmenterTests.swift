import NewsQuotes
import Testing

@Suite struct SentenceSegmenterTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var text: String
    var sentences: [String]
    var testDescription: String { String(text.prefix(40)) }
  }

  static let cases: [Case] = [
    Case(
      text: "Mr. Smith met Dr. Jones. They talked.",
      sentences: ["Mr. Smith met Dr. Jones.", "They talked."]),
    Case(
      text: "Lt. Col. Seydou Diarra spoke. Gen. Keïta did not.",
      sentences: ["Lt. Col. Seydou Diarra spoke.", "Gen. Keïta did not."]),
    Case(
      text: "Sen. James M. Inhofe of Oklahoma voted no. Others agreed.",
      sentences: ["Sen. James M. Inhofe of Oklahoma voted no.", "Others agreed."]),
    Case(
      text: "The U.S. Navy and the U.N. mission met at 11 a.m. on Sunday.",
      sentences: ["The U.S. Navy and the U.N. mission met at 11 a.m. on Sunday."]),
    Case(
      text: "Talks moved to the U.S. The next round is in May.",
      sentences: ["Talks moved to the U.S.", "The next round is in May."]),
    Case(
      text: "Resolution No. 5 passed. It cost 3.67 percent.",
      sentences: ["Resolution No. 5 passed.", "It cost 3.67 percent."]),
    Case(
      text: "“We will stay. We will not move,” Diarra said. “Never.”",
      sentences: ["“We will stay. We will not move,” Diarra said.", "“Never.”"]),
    Case(
      text: "“We will stay.” Diarra said it twice. Then he left.",
      sentences: ["“We will stay.” Diarra said it twice.", "Then he left."]),
    Case(
      text: "Ortiz said the board wants “a clean vote.” She added that it would come soon.",
      sentences: [
        "Ortiz said the board wants “a clean vote.”", "She added that it would come soon.",
      ]),
    Case(
      text: "Ortiz said the board wants “a clean vote.” She said on Tuesday that it would come.",
      sentences: [
        "Ortiz said the board wants “a clean vote.”", "She said on Tuesday that it would come.",
      ]),
    Case(
      text: "“We will stay.” The army left anyway.",
      sentences: ["“We will stay.”", "The army left anyway."]),
    Case(
      text: "Is it over? Nobody knows! Wait.", sentences: ["Is it over?", "Nobody knows!", "Wait."]),
  ]

  @Test(arguments: cases) func splits(_ testCase: Case) {
    let bytes = Array(testCase.text.utf8)
    let found = SentenceSegmenter().sentences(in: testCase.text).map {
      String(decoding: bytes[$0], as: UTF8.self)
    }
    #expect(found == testCase.sentences)
  }
}
