import Testing
import TextFeatures

/// Edge cases where the specification leaves room for reading, pinned to what the Python
/// twin in `Benchmarks/peers/sklearn_parity.py` gives, so the two cannot drift apart.
///
/// The expected tokens were printed by that script's `tokenize` (see docs/tokenizer.md).
struct TokenizerEdgeCaseTests {
  static let cases: [(String, [String])] = [
    ("de-https://x", ["de-https", "x"]),
    ("@M\u{00FC}ller", ["@m", "\u{00FC}ller"]),
    ("#de-escalate", ["#de", "escalate"]),
    ("#Fed\u{2019}s", ["#fed", "s"]),
    ("mid-2025", ["mid-2025"]),
    ("1.2.3", ["1.2.3"]),
    ("U.S.", ["u", "s"]),
    ("3.5-point", ["3.5-point"]),
    ("\u{039F}\u{0394}\u{039F}\u{03A3}", ["\u{03BF}\u{03B4}\u{03BF}\u{03C2}"]),
    ("www.Example.com/Path).", ["www.example.com/path"]),
    ("a@b", ["a", "b"]),
    ("x#y", ["x", "y"]),
    ("it\u{2019}\u{2019}s", ["it", "s"]),
    ("rock--roll", ["rock", "roll"]),
    ("\u{2019}tis", ["tis"]),
    ("#_x", ["#_x"]),
    ("@_", ["@_"]),
    ("caffe\u{0301} latte", ["caffe\u{0301}", "latte"]),
    ("\u{0661}\u{0662}\u{0663} arabic digits", ["\u{0661}\u{0662}\u{0663}", "arabic", "digits"]),
    ("HTTP://A.B/C,", ["http://a.b/c"]),
    ("tab\there", ["tab", "here"]),
  ]

  @Test(arguments: cases)
  func agreesWithThePythonTwin(text: String, expected: [String]) {
    #expect(Tokenizer().tokenTexts(text) == expected)
  }
}
