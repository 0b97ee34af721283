import Testing

/// The top-level help lists every subcommand; it is what a new user sees first.
@Suite struct HelpTests {
  @Test func versionPrintsToStdout() throws {
    let result = try CLI.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout == "0.1.0\n")
    #expect(result.stderr.isEmpty)
  }
}
