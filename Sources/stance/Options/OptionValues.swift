import ArgumentParser
import Foundation
import StanceKit

/// The two n-gram range options, for messages that name the one at fault.
enum NGramOption {
  /// `--ngram`: word n-grams.
  case word
  /// `--char-ngram`: character n-grams inside word boundaries.
  case character

  /// The option as typed on the command line.
  var name: String { self == .word ? "--ngram" : "--char-ngram" }

  /// What the option sets, as the start of a sentence.
  var setting: String {
    self == .word ? "the word n-gram range" : "the character n-gram range"
  }

  /// A sensible value to suggest.
  var suggestion: String { self == .word ? "1-2" : "2-5" }
}

/// Parses an n-gram range option (`N` or `LOW-HIGH`), checking its bounds.
///
/// Syntax and range problems get the same message, of the form every range check of the
/// CLI uses: `<setting> (--option) must be <range>, got <value>`.
///
/// - Parameters:
///   - text: The option's value as typed.
///   - option: Which option it came from.
/// - Returns: The range.
/// - Throws: `ValidationError` naming the option, the valid ranges and `text`.
func parseNGramRange(_ text: String, option: NGramOption) throws -> NGramRange {
  do {
    return try NGramRange(parsing: text)
  } catch {
    throw ValidationError(
      "\(option.setting) (\(option.name)) must be N or LOW-HIGH with 1 <= LOW <= HIGH <= "
        + "\(NGramRange.maximumLength), got \(text); try \(option.suggestion)")
  }
}

/// Parses `--seed`: a whole number from 0 to `UInt64.max`.
///
/// Called from `validate()` rather than used as the parser's own `UInt64` conversion, so
/// that `--seed -1` is refused in the same words as every other range check.
///
/// - Parameter text: The option's value as typed.
/// - Returns: The seed.
/// - Throws: `ValidationError` naming the valid range and `text`.
func parseSeed(_ text: String) throws -> UInt64 {
  guard let seed = UInt64(text) else {
    throw ValidationError(
      "the seed (--seed) must be a whole number from 0 to \(UInt64.max), got \(text)")
  }
  return seed
}

/// Checks a count option against its lower bound, in the CLI's range-check wording.
///
/// - Parameters:
///   - value: The option's value.
///   - minimum: The smallest accepted value.
///   - setting: What the option sets, as the start of a sentence (`the number of folds`).
///   - option: The option as typed (`--folds`).
/// - Throws: `ValidationError`: `<setting> (<option>) must be at least <minimum>, got
///   <value>`.
func checkAtLeast(_ value: Int, _ minimum: Int, setting: String, option: String) throws {
  if value < minimum {
    throw ValidationError("\(setting) (\(option)) must be at least \(minimum), got \(value)")
  }
}

/// `value` as a user would have typed it: whole numbers without a trailing `.0` (`-1`,
/// not `-1.0`), others in Swift's shortest round-tripping form (`0.25`, `nan`, `inf`).
///
/// - Parameter value: The number.
/// - Returns: Its text.
func shownNumber(_ value: Double) -> String {
  if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
    return String(Int64(value))
  }
  return "\(value)"
}

/// `text` or `json` output.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
}

/// Runs a throwing library call, turning its typed error into a `ValidationError` so
/// swift-argument-parser reports it as a usage error (exit 64) with the library's message.
func cliValue<T, E: Error>(_ body: () throws(E) -> T) throws -> T {
  do {
    return try body()
  } catch {
    throw ValidationError("\(error)")
  }
}

/// Parses a comma-separated list, each element with `element`, or fails naming the bad one.
///
/// - Parameters:
///   - text: The list as typed.
///   - element: Parses one element; `nil` for text it cannot read.
/// - Returns: The elements in order.
/// - Throws: `ValidationError` naming the element that `element` could not read.
func commaList<T>(_ text: String, _ element: (String) -> T?) throws -> [T] {
  try commaSeparated(text) { part in
    guard let value = element(part) else {
      throw ValidationError("'\(part)' in '\(text)' is not a valid value")
    }
    return value
  }
}

/// Parses a comma-separated list, each element with a parser that explains its refusals.
///
/// - Parameters:
///   - text: The list as typed.
///   - element: Parses one element, throwing an error that names the problem.
/// - Returns: The elements in order.
/// - Throws: The first error `element` throws.
func commaSeparated<T>(_ text: String, _ element: (String) throws -> T) throws -> [T] {
  try text.split(separator: ",", omittingEmptySubsequences: false).map {
    try element($0.trimmingCharacters(in: .whitespaces))
  }
}
