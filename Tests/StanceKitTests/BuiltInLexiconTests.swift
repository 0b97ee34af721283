import StanceKit
import StanceTestSupport
import Testing
import TextFeatures

/// The lexicons compiled into StanceKit are the files of data/lexicons/, word for word.
@Suite struct BuiltInLexiconTests {
  @Test(arguments: ["sentiment", "stance"])
  func theCompiledListIsTheFile(name: String) throws {
    let file = try LexiconFile.read(path: Fixtures.data("lexicons/\(name).csv").path)
    let builtIn = try #require(BuiltInLexicons.lexicon(named: name))
    // After an edit of the file, `make lexicons` regenerates the compiled list.
    #expect(builtIn == file)
    #expect(builtIn.name == name)
    #expect(try LexiconFile.read(path: "builtin:\(name)") == file)
  }

  @Test func anUnknownNameIsRefusedWithTheNamesThatExist() {
    #expect(BuiltInLexicons.names == ["sentiment", "stance"])
    #expect(BuiltInLexicons.lexicon(named: "emotion") == nil)
    #expect(throws: LexiconFileError.unknownBuiltIn("emotion")) {
      try LexiconFile.read(path: "builtin:emotion")
    }
    #expect(
      LexiconFileError.unknownBuiltIn("emotion").description
        == "there is no built-in lexicon 'emotion'; use builtin:sentiment or builtin:stance "
        + "or the path of a `term,valence` CSV file")
  }
}
