// The compiled examples of the StanceKit library, one per public workflow, each in its own
// file and each using nothing but `import StanceKit`. `make test` builds this executable
// and StanceCLITests runs every example (ExamplesTests), so an example that stops compiling
// or working fails the tests.
//
// One executable with subcommands rather than one per example: one link instead of four
// on a shared build machine, and one place that lists them.
//
//   StanceExamples readme
//   StanceExamples train-and-save DATA.csv MODEL.stance
//   StanceExamples load-and-predict MODEL.stance TEXT...
//   StanceExamples score-article ARTICLE.txt [STANCE_MODEL]

import Foundation

/// The usage line, printed for an unknown or missing example name.
let usage = """
  usage: StanceExamples readme
         StanceExamples train-and-save DATA.csv MODEL.stance
         StanceExamples load-and-predict MODEL.stance TEXT...
         StanceExamples score-article ARTICLE.txt [STANCE_MODEL]

  """

let arguments = Array(CommandLine.arguments.dropFirst())
do {
  switch (arguments.first, arguments.count) {
  case ("readme", 1):
    try readmeExample()
  case ("train-and-save", 3):
    try trainAndSave(data: arguments[1], model: arguments[2])
  case ("load-and-predict", 3...):
    try loadAndPredict(model: arguments[1], texts: Array(arguments[2...]))
  case ("score-article", 2...3):
    try scoreArticle(path: arguments[1], stanceModel: arguments.count == 3 ? arguments[2] : nil)
  default:
    FileHandle.standardError.write(Data(usage.utf8))
    exit(64)
  }
} catch {
  FileHandle.standardError.write(Data("StanceExamples: \(error)\n".utf8))
  exit(1)
}
