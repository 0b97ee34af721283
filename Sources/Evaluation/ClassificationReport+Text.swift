extension ClassificationReport {
  /// The report as an aligned plain-text table.
  ///
  /// Layout (two classes, with probabilities):
  ///
  /// ```
  ///                  precision  recall      f1  support
  /// against             1.0000  0.6667  0.8000        3
  /// favor               0.6667  1.0000  0.8000        2
  ///
  /// accuracy                            0.8000        5
  /// macro avg           0.8333  0.8333  0.8000        5
  /// weighted avg        0.8667  0.8000  0.8000        5
  ///
  /// log loss            0.4225
  /// brier               0.2640
  /// roc auc (macro)     1.0000
  ///
  /// confusion matrix (rows: true, columns: predicted)
  ///          against  favor
  /// against        2      1
  /// favor          0      2
  /// ```
  ///
  /// Labels are left-aligned, numbers right-aligned; every column is as wide as its widest
  /// entry and columns are separated by two spaces. Ratios have `decimals` digits after
  /// the point, rounded half away from zero. Supports and counts are whole numbers when
  /// every count is whole, and have two decimals otherwise (weighted data). A value that
  /// is absent or not finite is shown as `-`, never as 0. The digits, point and sign are
  /// ASCII and never depend on the locale. Width is measured in characters, so labels
  /// with double-width characters can misalign. Lines end with `\n`, with no trailing
  /// spaces.
  ///
  /// - Parameter decimals: Digits after the decimal point for ratios; 4 by default.
  /// - Returns: The table, ending with a newline.
  public func renderText(decimals: Int = 4) -> String {
    let decimals = max(0, decimals)
    let wholeCounts =
      confusion.matrix.allSatisfy { row in row.allSatisfy { $0 == $0.rounded() } }
      && classes.allSatisfy { $0.support == $0.support.rounded() }
    func ratio(_ value: Double?) -> String {
      TextFormat.fixed(value, decimals: decimals)
    }
    func count(_ value: Double?) -> String {
      TextFormat.fixed(value, decimals: wholeCounts ? 0 : 2)
    }
    let totalSupport = classes.reduce(0) { $0 + $1.support }
    let supportText = count(totalSupport)

    var metricRows: [[String]] = [["", "precision", "recall", "f1", "support"]]
    for row in classes {
      metricRows.append(
        [row.label, ratio(row.precision), ratio(row.recall), ratio(row.f1), count(row.support)])
    }
    let summaryRows: [[String]] = [
      ["accuracy", "", "", ratio(accuracy), supportText],
      ["macro avg", ratio(macroPrecision), ratio(macroRecall), ratio(macroF1), supportText],
      [
        "weighted avg", ratio(weightedPrecision), ratio(weightedRecall), ratio(weightedF1),
        supportText,
      ],
    ]
    let scoreRows: [[String]] = [
      ["log loss", ratio(logLoss)],
      ["brier", ratio(brier)],
      ["roc auc (macro)", ratio(rocAUCMacro)],
      ["calibration error", ratio(calibration?.expectedCalibrationError)],
    ]
    // The first column is shared by the metric, summary and score blocks.
    let firstWidth = (metricRows + summaryRows + scoreRows).map { $0[0].count }.max() ?? 0
    let metricWidths = TextFormat.columnWidths(metricRows + summaryRows)

    var lines: [String] = []
    for row in metricRows {
      lines.append(TextFormat.line(row, widths: metricWidths, firstWidth: firstWidth))
    }
    lines.append("")
    for row in summaryRows {
      lines.append(TextFormat.line(row, widths: metricWidths, firstWidth: firstWidth))
    }
    lines.append("")
    // Scores sit right-aligned under the precision column (wider if a score needs it).
    let scoreWidths = [firstWidth, max(metricWidths[1], TextFormat.columnWidths(scoreRows)[1])]
    for row in scoreRows {
      lines.append(TextFormat.line(row, widths: scoreWidths, firstWidth: firstWidth))
    }
    if let calibration, calibration.bins.contains(where: { $0.count > 0 }) {
      lines.append("")
      lines.append("reliability (top-class confidence bins)")
      var binRows: [[String]] = [["confidence", "count", "mean confidence", "accuracy"]]
      for bin in calibration.bins where bin.count > 0 {
        binRows.append([
          "\(TextFormat.fixed(bin.lower, decimals: 2))-\(TextFormat.fixed(bin.upper, decimals: 2))",
          String(bin.count), ratio(bin.meanConfidence), ratio(bin.accuracy),
        ])
      }
      let binWidths = TextFormat.columnWidths(binRows)
      for row in binRows {
        lines.append(TextFormat.line(row, widths: binWidths, firstWidth: binWidths[0]))
      }
    }
    lines.append("")
    lines.append("confusion matrix (rows: true, columns: predicted)")
    var matrixRows: [[String]] = [[""] + confusion.labels]
    for (index, label) in confusion.labels.enumerated() {
      let counts = index < confusion.matrix.count ? confusion.matrix[index] : []
      matrixRows.append([label] + counts.map { count($0) })
    }
    let matrixWidths = TextFormat.columnWidths(matrixRows)
    for row in matrixRows {
      lines.append(TextFormat.line(row, widths: matrixWidths, firstWidth: matrixWidths[0]))
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

/// Locale-independent number formatting and column layout for text reports.
enum TextFormat {
  /// Formats `value` with a fixed number of decimals, or `-` when it is missing.
  ///
  /// Exactly `decimals` digits follow the point (rounded half away from zero); `nil` and
  /// non-finite values give `-`. Magnitudes of 1e15 and above use Swift's shortest
  /// round-trip form instead.
  static func fixed(_ value: Double?, decimals: Int) -> String {
    guard let value, value.isFinite else { return "-" }
    var scale: Int64 = 1
    for _ in 0..<decimals { scale *= 10 }
    let scaled = (abs(value) * Double(scale)).rounded(.toNearestOrAwayFromZero)
    guard abs(value) < 1e15 && scaled < 9e18 else { return value.description }
    let units = Int64(scaled)
    let sign = value < 0 && units != 0 ? "-" : ""
    let whole = String(units / scale)
    guard decimals > 0 else { return sign + whole }
    let fraction = String(units % scale)
    return sign + whole + "." + String(repeating: "0", count: decimals - fraction.count)
      + fraction
  }

  /// The width of each column: its widest entry.
  static func columnWidths(_ rows: [[String]]) -> [Int] {
    let columnCount = rows.map(\.count).max() ?? 0
    return (0..<columnCount).map { column in
      rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
    }
  }

  /// One line: the first cell left-aligned to `firstWidth`, the others right-aligned to
  /// their widths, two spaces apart, trailing spaces removed.
  static func line(_ cells: [String], widths: [Int], firstWidth: Int) -> String {
    var text = pad(cells.first ?? "", to: firstWidth, right: false)
    for column in cells.indices.dropFirst() {
      text += "  " + pad(cells[column], to: widths[column], right: true)
    }
    while text.last == " " { text.removeLast() }
    return text
  }

  private static func pad(_ text: String, to width: Int, right: Bool) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
  }
}
