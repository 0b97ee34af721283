import ArgumentParser
import Foundation
import StanceKit

extension Train {
  /// `train --cache FOLDER`: trains from the out-of-core cache, building it first when it
  /// is missing or stale (see `TrainingCache`).
  func trainCached(
    folder: String, vectorizer: VectorizerConfiguration, training: TrainingConfiguration,
    started: DispatchTime
  ) throws {
    if self.training.c == nil { throw TrainingCacheError.needsC }
    if calibrating.calibrate != nil { throw TrainingCacheError.unsupportedOption("--calibrate") }
    let terminal = output.terminal
    let reading = [
      "text-column=\(data.textColumn)", "label-column=\(data.labelColumn)",
      "input=\(data.input?.rawValue ?? "-")", "where=\(data.filter?.description ?? "-")",
      "invalid-utf8=\(data.encoding.invalidUTF8)",
    ].joined(separator: " ")
    let key = TrainingCache.Key(files: data.files, reading: reading, vectorizer: vectorizer)
    let outcome = try TrainingCache.train(
      folder: folder, key: key,
      read: {
        let dataset = try data.read()
        return (dataset.texts, dataset.labels)
      }, examples: streamedExamples(), files: data.files, training: training, writingTo: out,
      started: started,
      progress: terminal.progress, fitted: terminal.endProgress)
    terminal.summary(outcome.summary())
    if let warning = outcome.convergenceWarning { Terminal.writeError("stance: \(warning)\n") }
  }

  /// Reads every `--data` file again on each call, with the data options applied (as
  /// `DataOptions.read()`, same examples in the same order), handing each example on; the
  /// invalid UTF-8 counts are reported after the first reading only.
  private func streamedExamples() -> TrainingCache.ExampleSource {
    var readings = 0
    return { [data] body in
      readings += 1
      var invalidUTF8: [InvalidUTF8Summary?] = []
      for file in data.files {
        var stream = try ExampleStream(
          path: file, format: data.input?.format, textColumn: data.textColumn,
          labelColumn: data.labelColumn, speakerColumn: "speaker", filter: data.filter,
          invalidUTF8: data.encoding.invalidUTF8)
        while let example = try stream.next() { try body(example.text, example.label) }
        invalidUTF8.append(stream.invalidUTF8)
      }
      if readings == 1 { data.encoding.report(invalidUTF8) }
    }
  }
}
