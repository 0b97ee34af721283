import Testing

@testable import TextFeatures

/// Every example of tokenizer spec v1, plus the edge cases the spec's rules imply.
struct TokenizerTests {
  static let specExamples: [(String, [String])] = [
    ("Don't de-escalate, Kata\u{2019}ib!", ["don't", "de-escalate", "kata'ib"]),
    (
      "Tehran\u{2018}s \u{201C}red line\u{201D} won\u{2019}t move",
      ["tehran's", "red", "line", "won't", "move"]
    ),
    ("\u{2018}Peace\u{2019} is near.", ["peace", "is", "near"]),
    ("Rates rose 3.5% to 1,000 in 2018.", ["rates", "rose", "3.5", "to", "1,000", "in", "2018"]),
    (
      "RT @user_1: see https://x.org/a?b=1. #Fed",
      ["rt", "@user_1", "see", "https://x.org/a?b=1", "#fed"]
    ),
    ("e-mail me at a@b.com", ["e-mail", "me", "at", "a", "b", "com"]),
    ("M\u{00FC}ller said: \u{00AB}Non!\u{00BB}", ["m\u{00FC}ller", "said", "non"]),
  ]

  @Test("spec v1 examples", arguments: specExamples)
  func specExample(text: String, expected: [String]) {
    #expect(Tokenizer().tokenTexts(text) == expected)
  }

  static let edgeCases: [(String, [String])] = [
    // Joiners at the edges of a run, or doubled, are separators.
    ("'tis", ["tis"]),
    ("rock-", ["rock"]),
    ("a--b", ["a", "b"]),
    ("a-'b", ["a", "b"]),
    ("rock 'n' roll", ["rock", "n", "roll"]),
    // All apostrophe-like and hyphen-like scalars normalise to ASCII.
    (
      "O\u{02BC}Neil o\u{2032}clock de\u{2010}escalate non\u{2011}stop",
      [
        "o'neil", "o'clock", "de-escalate", "non-stop",
      ]
    ),
    // Quote marks are separators even between letters; dashes are not joiners.
    ("a\"b a\u{201E}b a\u{2014}b a\u{2013}b", ["a", "b", "a", "b", "a", "b", "a", "b"]),
    // "." and "," join only two ASCII digits.
    ("1.5.3 v1.2 U.S. 1. ,5 3,b", ["1.5.3", "v1.2", "u", "s", "1", "5", "3", "b"]),
    // Underscore is a separator outside mentions and hashtags.
    ("snake_case", ["snake", "case"]),
    // Mentions and hashtags need a boundary and at least one name scalar.
    (
      "x@y @ # x#tag @_a #_ #caf\u{00E9} @Caf\u{00E9}",
      ["x", "y", "x", "tag", "@_a", "#_", "#caf\u{00E9}", "@caf", "\u{00E9}"]
    ),
    // URLs: www., case-insensitive scheme, trailing punctuation trimmed, boundary needed.
    ("(see WWW.Example.com/Path).", ["see", "www.example.com/path"]),
    ("xhttp://a.b", ["xhttp", "a", "b"]),
    ("HTTP://A.b/c?\u{201D}, ok", ["http://a.b/c", "ok"]),
    ("http://a.b/\u{00E9}\u{2019}s\u{00BB}!", ["http://a.b/\u{00E9}\u{2019}s"]),
    ("www.", ["www"]),
    // Marks (M*) and non-Latin letters are alphanumeric; other scripts work.
    (
      "\u{0928}\u{092E}\u{0938}\u{094D}\u{0924}\u{0947} \u{0645}\u{0631}\u{062D}\u{0628}\u{0627}",
      [
        "\u{0928}\u{092E}\u{0938}\u{094D}\u{0924}\u{0947}",
        "\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}",
      ]
    ),
    // Non-ASCII lowercasing, including the final sigma.
    (
      "\u{00C0}\u{00C9}\u{00CE} \u{039F}\u{0394}\u{039F}\u{03A3} \u{03A3}\u{0391}",
      [
        "\u{00E0}\u{00E9}\u{00EE}", "\u{03BF}\u{03B4}\u{03BF}\u{03C2}", "\u{03C3}\u{03B1}",
      ]
    ),
    ("", []),
    (" \n\t ", []),
    ("\u{FFFD}", []),
  ]

  @Test("edge cases", arguments: edgeCases)
  func edgeCase(text: String, expected: [String]) {
    #expect(Tokenizer().tokenTexts(text) == expected)
  }

  @Test func kindsAreAssigned() {
    let tokenized = Tokenizer().tokenize("RT @user_1 see https://x.org #Fed 3.5 1,000 v1.2 1-2")
    #expect(
      tokenized.tokens.map(\.kind) == [
        .word, .mention, .word, .url, .hashtag, .number, .number, .word, .word,
      ])
  }

  @Test func bufferHoldsTokensBetweenSpaces() {
    let tokenized = Tokenizer().tokenize("Don\u{2019}t  STOP!")
    #expect(String(decoding: tokenized.bytes, as: UTF8.self) == " don't stop ")
    #expect(tokenized.tokens.map(\.range) == [1..<6, 7..<11])
  }

  @Test func caseFoldingOff() {
    let tokenizer = Tokenizer(foldsCase: false)
    #expect(
      tokenizer.tokenTexts("Don\u{2019}t STOP M\u{00DC}LLER @User #Fed WWW.X.org")
        == ["Don't", "STOP", "M\u{00DC}LLER", "@User", "#Fed", "WWW.X.org"])
  }

  @Test func caseFoldingOnlyASCIIInURLs() {
    #expect(Tokenizer().tokenTexts("https://X.org/\u{00C9}") == ["https://x.org/\u{00C9}"])
  }

  @Test func invalidUTF8IsReplacedNotFatal() {
    let tokenizer = Tokenizer()
    #expect(tokenizer.tokenize(utf8: [0x66, 0xFF, 0x6F]).tokenTexts == ["f", "o"])
    // A truncated two-byte sequence at the end ("caf" + first byte of "é").
    #expect(tokenizer.tokenize(utf8: [0x63, 0x61, 0x66, 0xC3]).tokenTexts == ["caf"])
    // A truncated three-byte sequence in the middle.
    #expect(tokenizer.tokenize(utf8: [0x61, 0xE2, 0x82, 0x62]).tokenTexts == ["a", "b"])
    // Overlong encodings and surrogates are ill-formed too.
    #expect(tokenizer.tokenize(utf8: [0xC0, 0xAF, 0x78, 0xED, 0xA0, 0x80]).tokenTexts == ["x"])
    // Inside a URL the replacement character is kept (a URL runs to whitespace).
    #expect(
      tokenizer.tokenize(utf8: Array("http://a".utf8) + [0xFF] + Array("b c".utf8)).tokenTexts
        == ["http://a\u{FFFD}b", "c"])
  }

  @Test func reusedOutputIsReset() {
    var output = TokenizedText()
    Tokenizer().tokenize("one two three", into: &output)
    Tokenizer().tokenize("four", into: &output)
    #expect(output.tokenTexts == ["four"])
    #expect(output.bytes == Array(" four ".utf8))
  }

  @Test func lowercasingThatLengthensTheTextFitsTheOutput() {
    // U+0130 (2 bytes) lowercases to "i" + U+0307 (3 bytes) and U+023A (2 bytes) to U+2C65
    // (3 bytes): the most any scalar grows. One-scalar tokens add a space each.
    var output = TokenizedText()
    Tokenizer().tokenize("a", into: &output)
    let text = String(repeating: "\u{130}\u{23A} \u{130} ", count: 50)
    Tokenizer().tokenize(text, into: &output)
    let expected = String(repeating: " i\u{307}\u{2C65} i\u{307}", count: 50) + " "
    #expect(output.bytes == Array(expected.utf8))
    #expect(output.tokens.count == 100)
  }
}
