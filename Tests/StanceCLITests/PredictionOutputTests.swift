import Foundation
import StanceTestSupport
import Testing

@testable import StanceKit

/// The byte-level renderers of `stance predict` against the character-level definitions,
/// and the output of `stance predict` for several thread counts.
@Suite struct PredictionOutputTests {
  /// Texts whose commas, quotes and line breaks sit next to ASCII, non-ASCII and
  /// combining characters.
  static let tricky: [String] = [
    "", "plain text", "a, b", "say \"no\"", "\"", ",", "\"\"", "line\nbreak", "cr\ronly",
    "cr lf\r\npair", "\r\n", "\n\r", "a,\u{301}b", "\"\u{301}quoted", "n\u{E9}e, \"x\"",
    "\u{600},x", "caf\u{E9}", "emoji \u{1F600}, \"ok\"", "tab\there", "\u{1}control",
    "back\\slash", "\u{E9}\"\u{E9}", "x\r", "\ny",
  ]

  /// Every comma, quote, CR and LF byte forces quotes, even where Swift sees it as part of a
  /// larger character (CR LF, or a mark combined with a comma or quote): a CSV reader
  /// sees bytes.
  @Test func csvFieldQuotesOnBytes() {
    let cases: [(String, String)] = [
      ("", ""), ("plain text", "plain text"), ("caf\u{E9}", "caf\u{E9}"),
      ("a, b", "\"a, b\""), ("say \"no\"", "\"say \"\"no\"\"\""),
      ("cr lf\r\npair", "\"cr lf\r\npair\""), ("\r\n", "\"\r\n\""), ("x\r", "\"x\r\""),
      ("a,\u{301}b", "\"a,\u{301}b\""), ("\"\u{301}q", "\"\"\"\u{301}q\""),
      ("\u{E9}\"\u{E9}", "\"\u{E9}\"\"\u{E9}\""),
    ]
    for (text, expected) in cases {
      #expect(csvField(text) == expected, "\(text.debugDescription)")
      var out: [UInt8] = [1, 2]
      appendCSVField(text, to: &out)
      #expect(out == [1, 2] + Array(expected.utf8))
    }
  }

  /// The scalar-by-scalar definition the byte version replaced.
  private static func jsonByScalars(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let control where control.value < 0x20:
        out += String(format: "\\u%04x", control.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  @Test(arguments: tricky + ["\u{1F}\u{0}\u{7F}", "\u{1B}[2K"])
  func jsonStringBytesEqualTheScalarDefinition(text: String) {
    #expect(jsonString(text) == Self.jsonByScalars(text))
  }

  @Test func singleLineReplacesBreaksAndTabsOnly() {
    #expect(singleLine("a\tb\nc\rd") == "a b c d")
    #expect(singleLine("plain") == "plain")
    #expect(singleLine("cr lf\r\npair") == "cr lf  pair")
    #expect(singleLine("caf\u{E9}\r\n") == "caf\u{E9}  ")
  }

  /// More records than one block, with ids, in every format: the same bytes for 1, 2, 3
  /// and 5 threads.
  @Test func predictGivesTheSameBytesForAnyThreadCount() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    var csv = "id,text\n"
    for index in 0..<1300 {
      let text = Self.tricky[index % Self.tricky.count] + " talks \(index)"
      // Quotes doubled byte by byte (a quote before a combining mark is one too).
      let doubled = text.utf8.flatMap { $0 == UInt8(ascii: "\"") ? [$0, $0] : [$0] }
      csv += "\(index),\"\(String(decoding: doubled, as: UTF8.self))\"\n"
    }
    let input = folder.appendingPathComponent("in.csv")
    try Data(csv.utf8).write(to: input)
    for format in ["csv", "jsonl", "json", "text"] {
      var outputs: [String] = []
      for threads in [1, 2, 3, 5] {
        let result = try CLI.run([
          "predict", "--model", model.path, input.path, "--format", format, "--threads",
          "\(threads)",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        outputs.append(result.stdout)
      }
      #expect(outputs.allSatisfy { $0 == outputs[0] }, "format \(format)")
      #expect(!outputs[0].isEmpty)
    }
    let explained = try [1, 3].map { threads in
      try CLI.run([
        "predict", "--model", model.path, input.path, "--format", "jsonl", "--explain", "2",
        "--threads", "\(threads)",
      ]).stdout
    }
    #expect(explained[0] == explained[1])
    #expect(explained[0].split(separator: "\n").count == 1300)
  }

  @Test func zeroThreadsIsAUsageError() throws {
    let result = try CLI.run(["predict", "--text", "hello", "--threads", "0"])
    #expect(result.status == 64)
    #expect(result.stderr.contains("the thread count (--threads) must be from 1 to 1024, got 0"))
  }
}

/// The fixed-point formatter against `String(format:)`, with many ties.
@Suite struct FixedFormatTests {
  static let edges: [Double] = [
    0, 1, 0.5, 0.03125, 0.00005, 0.00015, 0.99995, 0.999_949_999_999_999_9, 0.123_45,
    0.000_049_999, .leastNonzeroMagnitude, 2.2250738585072014e-308, 1e-300, 0.333_333_333_333_333_3,
    0.666_666_666_666_666_6, 123.456_75, 1_048_575.999_999_5, 2.5, 3.5, 0.125, 0.375, 9.5,
    99.999_95, 999_999_999_999_999, 1e14, 0.000_000_5, 1.5e-7, 0.05, 0.95, 0.45,
  ]

  @Test(arguments: [0, 1, 2, 4, 6])
  func roundedDecimalEqualsStringFormat(decimals: Int) {
    var generator = SplitMix64(seed: 41)
    var values = Self.edges
    for _ in 0..<10_000 {
      let bits = generator.next()
      values.append(Double(bits >> 11) / Double(1 << 53))
      values.append(Double(bitPattern: bits & 0x3FEF_FFFF_FFFF_FFFF))
      // Short decimals, most of them ties at some number of decimals.
      let length = Int(bits % 9) + 1
      let digits = String(generator.next() % 1_000_000_000).suffix(length)
      let whole = Int(generator.next() % 3) == 0 ? String(generator.next() % 100_000) : "0"
      if let short = Double("\(whole).\(digits)") { values.append(short) }
    }
    for value in values {
      let expected = String(format: "%.\(decimals)f", locale: posixLocale, value)
      #expect(roundedDecimal(value, decimals) == expected, "\(value) with \(decimals) decimals")
    }
    #expect(roundedDecimal(-0.0, 4) == nil)
    #expect(roundedDecimal(-1, 4) == nil)
    #expect(roundedDecimal(2e15, 4) == nil)
    #expect(fixed(-0.00001, 4) == "-0.0000")
  }
}
