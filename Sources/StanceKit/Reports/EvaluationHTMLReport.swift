public import Evaluation
import Foundation
import LinearAlgebra

/// The HTML report of `stance eval --format html`: metrics table, confusion-matrix heat
/// maps, per-class precision–recall curves, reliability diagram, top features per class,
/// the model's settings and the data files' fingerprints, in one self-contained page.
public struct EvaluationHTMLReport: Sendable {
  /// The model file's path, as given.
  public var modelPath: String
  /// The model's settings, training summary and top features.
  public var summary: ModelSummary
  /// The metrics.
  public var report: ClassificationReport
  /// One precision–recall curve per class, in label order.
  public var curves: [PrecisionRecallCurve]
  /// The evaluation data files.
  public var files: [DataFileFingerprint]

  /// The number of top features drawn per class.
  public static let featureCount = 12

  /// Evaluates a model for the report.
  ///
  /// - Parameters:
  ///   - pipeline: The model.
  ///   - metadata: Its stored metadata.
  ///   - modelPath: Its file, for the page.
  ///   - datasets: Each data file and its examples.
  /// - Throws: What ``Pipeline/evaluate(_:)`` throws (an unknown label, say).
  /// - Complexity: Two prediction passes over the examples, plus O(n log n) per class.
  public init(
    pipeline: Pipeline, metadata: ModelMetadata, modelPath: String,
    datasets: [(file: String, dataset: Dataset)]
  ) throws {
    let report = try pipeline.evaluate(datasets)
    let examples = datasets.flatMap(\.dataset.examples)
    var truth: [Int] = []
    truth.reserveCapacity(examples.count)
    for example in examples {
      truth.append(pipeline.labels.firstIndex(of: example.label) ?? -1)
    }
    let probabilities = pipeline.probabilities(examples.map(\.text))
    self.init(
      modelPath: modelPath,
      summary: ModelSummary(pipeline: pipeline, metadata: metadata, top: Self.featureCount),
      report: report,
      curves: pipeline.labels.indices.map {
        PrecisionRecallCurve(probabilities: probabilities, truth: truth, classIndex: $0)
      },
      files: datasets.map { DataFileFingerprint(path: $0.file, dataset: $0.dataset) })
  }

  /// Creates a report from its parts.
  ///
  /// - Parameters:
  ///   - modelPath: The model file's path.
  ///   - summary: The model's summary.
  ///   - report: The metrics.
  ///   - curves: One precision–recall curve per class.
  ///   - files: The data files' fingerprints.
  public init(
    modelPath: String, summary: ModelSummary, report: ClassificationReport,
    curves: [PrecisionRecallCurve], files: [DataFileFingerprint]
  ) {
    self.modelPath = modelPath
    self.summary = summary
    self.report = report
    self.curves = curves
    self.files = files
  }

  /// The page.
  ///
  /// - Returns: A self-contained HTML document.
  public func html() -> String {
    var page = HTMLPage(title: "Evaluation of \(modelPath)")
    page.paragraph(
      "\(report.n) examples from \(files.map(\.path).joined(separator: ", ")); "
        + "classes \(report.classes.map(\.label).joined(separator: ", ")).", muted: true)
    page.heading("Metrics")
    metricsTables(&page)
    page.heading("Confusion matrix")
    page.figure(confusionChart(normalised: false), caption: "Counts.")
    page.figure(
      confusionChart(normalised: true),
      caption: "Row-normalised: each row (true label) sums to 1; the diagonal is recall.")
    page.heading("Precision–recall curves")
    page.figure(
      precisionRecallChart(),
      caption: "One-vs-rest, one line per class; AP is the step-wise average precision.")
    page.heading("Calibration")
    if let chart = reliabilityChart() {
      page.figure(
        chart,
        caption: "Mean top-class probability against accuracy per bin of 0.1; the dashed "
          + "diagonal is perfect calibration; hover a dot for its count.")
    } else {
      page.paragraph("No probabilities: no reliability diagram.")
    }
    page.heading("Top features per class")
    for (index, entry) in summary.classes.enumerated() {
      page.figure(featureChart(entry, colour: Palette.colour(index)))
    }
    page.heading("Model")
    settingsTable(&page)
    page.heading("Evaluation data")
    dataTable(&page)
    return page.render()
  }

  /// The main chart on its own (`--plot`): the confusion matrix of counts.
  ///
  /// - Returns: A standalone SVG document.
  public func mainChart() -> String {
    confusionChart(normalised: false).render(standalone: true)
  }

  /// Formats a metric with four decimals, `–` when absent or not a number.
  static func metric(_ value: Double?) -> Markup {
    guard let value, value.isFinite else { return .text("–") }
    return .text(fixed(value, 4))
  }

  private func metricsTables(_ page: inout HTMLPage) {
    page.table(
      header: ["class", "precision", "recall", "F1", "support", "ROC-AUC", "AP"],
      rows: report.classes.enumerated().map { index, row in
        [
          .text(row.label), Self.metric(row.precision), Self.metric(row.recall),
          Self.metric(row.f1), .text(SVGWriter.number(row.support)), Self.metric(row.rocAUC),
          Self.metric(index < curves.count ? curves[index].averagePrecision : nil),
        ]
      }, numeric: [1, 2, 3, 4, 5, 6])
    let rows: [(String, Double?)] = [
      ("accuracy", report.accuracy), ("macro precision", report.macroPrecision),
      ("macro recall", report.macroRecall), ("macro F1", report.macroF1),
      ("weighted F1", report.weightedF1), ("micro F1", report.microF1),
      ("log loss", report.logLoss), ("Brier score", report.brier),
      ("macro ROC-AUC", report.rocAUCMacro),
      ("expected calibration error", report.calibration?.expectedCalibrationError),
    ]
    page.table(
      header: ["metric", "value"], rows: rows.map { [.text($0.0), Self.metric($0.1)] },
      numeric: [1])
  }

  private func confusionChart(normalised: Bool) -> SVGWriter {
    let matrix = report.confusion.matrix
    let largest = matrix.flatMap { $0 }.max() ?? 0
    let shades = matrix.map { row -> [Double] in
      let total = row.reduce(0, +)
      return row.map {
        normalised ? (total > 0 ? $0 / total : 0) : (largest > 0 ? $0 / largest : 0)
      }
    }
    let cells =
      normalised
      ? shades.map { $0.map { fixed($0, 2) } } : matrix.map { $0.map { SVGWriter.number($0) } }
    return Chart.heatMap(
      title: normalised ? "Confusion matrix (row-normalised)" : "Confusion matrix (counts)",
      labels: report.confusion.labels, shades: shades, cells: cells, rowAxis: "true label",
      columnAxis: "predicted label")
  }

  private func precisionRecallChart() -> SVGWriter {
    let series = curves.enumerated().compactMap { index, curve -> ChartSeries? in
      guard let ap = curve.averagePrecision, index < report.classes.count else { return nil }
      // Step-wise: from the previous recall at the new precision, as AP sums it.
      // Points closer than 1/500 of the axes to the last drawn one are skipped (the last
      // point always drawn): a thousand thresholds need not be a thousand vertices.
      var points: [(x: Double, y: Double)] = []
      var previousRecall = 0.0
      for (number, point) in curve.points.enumerated() {
        if let last = points.last, number + 1 < curve.points.count,
          abs(point.recall - last.x) < 0.002, abs(point.precision - last.y) < 0.002
        {
          continue
        }
        points.append((previousRecall, point.precision))
        points.append((point.recall, point.precision))
        previousRecall = point.recall
      }
      return ChartSeries(
        name: "\(report.classes[index].label) (AP \(fixed(ap, 3)))",
        colour: Palette.colour(index), points: points)
    }
    return Chart.lines(
      title: "Precision–recall, one-vs-rest", xLabel: "recall", yLabel: "precision",
      series: series, xRange: 0...1, yRange: 0...1)
  }

  private func reliabilityChart() -> SVGWriter? {
    guard let calibration = report.calibration else { return nil }
    let filled = calibration.bins.filter { $0.count > 0 }
    let points = filled.compactMap { bin -> (x: Double, y: Double)? in
      guard let confidence = bin.meanConfidence, let accuracy = bin.accuracy else { return nil }
      return (confidence, accuracy)
    }
    let tooltips = filled.map {
      "\(fixed($0.lower, 1))–\(fixed($0.upper, 1)): \($0.count) examples"
    }
    let ece = calibration.expectedCalibrationError
    return Chart.lines(
      title: "Reliability diagram (ECE \(ece.isFinite ? fixed(ece, 4) : "–"))",
      xLabel: "mean predicted probability of the top class", yLabel: "accuracy",
      series: [
        ChartSeries(
          name: "model", colour: Palette.colour(0), points: points, markers: true,
          tooltips: tooltips)
      ], xRange: 0...1, yRange: 0...1, diagonal: true)
  }

  private func featureChart(_ entry: ModelSummary.ClassFeatures, colour: String) -> SVGWriter {
    Chart.horizontalBars(
      title: "Top features for \(entry.label)", valueLabel: "weight", categoryLabel: "feature",
      bars: entry.topFeatures.map { ChartBar(label: $0.feature, value: $0.weight, colour: colour) })
  }

  private func settingsTable(_ page: inout HTMLPage) {
    let lines = summary.text(path: modelPath).split(separator: "\n")
      .prefix { !$0.hasPrefix("top features") && !$0.isEmpty }
    let rows = lines.map { line -> [Markup] in
      let parts = line.split(separator: " ", maxSplits: 1)
      let key = parts.first.map(String.init) ?? ""
      let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
      return [.text(key), .text(value)]
    }
    page.table(header: ["setting", "value"], rows: rows)
  }

  private func dataTable(_ page: inout HTMLPage) {
    page.table(
      header: ["file", "bytes", "CRC-32C", "rows used", "rows' fingerprint"],
      rows: files.map { file in
        [
          .text(file.path), .text(file.bytes.map { String($0) } ?? "–"),
          .text(file.crc32c.map { hex($0, digits: 8) } ?? "–"), .text(String(file.rows)),
          .text(hex(file.fingerprint, digits: 16)),
        ]
      }, numeric: [1, 3])
    page.paragraph(
      "The rows' fingerprint is the one a model file records for its training data "
        + "(training fingerprint \(hex(summary.data.fingerprint, digits: 16))): equal values "
        + "mean the same texts and labels in the same order.", muted: true)
  }
}

/// `value` in lowercase hexadecimal, zero-padded to `digits`.
func hex<T: BinaryInteger>(_ value: T, digits: Int) -> String {
  let text = String(value, radix: 16)
  return String(repeating: "0", count: max(0, digits - text.count)) + text
}
