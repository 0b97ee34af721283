import Foundation

/// The HTML report of `stance tune --format html`: the grid's cross-validated score against
/// C, one line per setting of the other axes with ± one standard deviation over the folds,
/// and the ranked table.
public struct GridSearchHTMLReport: Sendable {
  /// The grid search.
  public var result: GridSearchResult

  /// The most settings drawn as lines; the best ones by their best score.
  public static let drawnSettings = 8

  /// Creates the report of a grid search.
  ///
  /// - Parameter result: The grid search.
  public init(result: GridSearchResult) {
    self.result = result
  }

  /// The entries grouped by setting (every grid value but C), best setting first, each
  /// group sorted by C.
  var settings: [(name: String, entries: [GridSearchEntry])] {
    var order: [String] = []
    var groups: [String: [GridSearchEntry]] = [:]
    for entry in result.entries {
      let name = Self.settingName(entry.point)
      if groups[name] == nil { order.append(name) }
      groups[name, default: []].append(entry)
    }
    return order.map { name in
      (name, (groups[name] ?? []).sorted { $0.point.training.c < $1.point.training.c })
    }
  }

  /// Each setting's name reduced to the grid values that differ between settings
  /// (`ngram=1-2 class_weight=none`), so legend entries can be told apart; `all` when only
  /// C varies.
  ///
  /// - Parameter names: Setting names from ``settingName(_:)``.
  /// - Returns: One short name per setting, in order.
  static func distinguishingNames(_ names: [String]) -> [String] {
    let parts = names.map { $0.split(separator: " ").map(String.init) }
    func key(_ part: String) -> Substring { part.split(separator: "=").first ?? Substring(part) }
    var values: [Substring: Set<String>] = [:]
    for name in parts {
      for part in name { values[key(part), default: []].insert(part) }
    }
    return parts.map { name in
      let varying = name.filter { part in
        (values[key(part)]?.count ?? 0) > 1 || parts.contains { !$0.contains(part) }
      }
      return varying.isEmpty ? "all" : varying.joined(separator: " ")
    }
  }

  /// A point's description without its `C=…` part.
  static func settingName(_ point: GridPoint) -> String {
    let parts = point.description.split(separator: " ").filter { !$0.hasPrefix("C=") }
    return parts.isEmpty ? "all" : parts.joined(separator: " ")
  }

  /// The chart: mean score against C (log scale), ± one standard deviation.
  func chart() -> SVGWriter {
    let groups = settings.prefix(Self.drawnSettings)
    let names = Self.distinguishingNames(groups.map(\.name))
    let cs = Set(result.entries.map(\.point.training.c).filter { $0 > 0 }).sorted()
    let series = groups.enumerated().map { index, group in
      ChartSeries(
        name: names[index], colour: Palette.colour(index),
        points: group.entries.map { (log10(max($0.point.training.c, 1e-12)), $0.score.mean) },
        errors: group.entries.map {
          $0.score.standardDeviation.isFinite ? $0.score.standardDeviation : 0
        },
        markers: true,
        tooltips: group.entries.map { "C=\(GridPoint.format($0.point.training.c)): \($0.score)" })
    }
    let shown =
      settings.count > groups.count ? " (best \(groups.count) of \(settings.count) settings)" : ""
    return Chart.lines(
      title: "Cross-validated \(result.metric) against C\(shown)",
      xLabel: "C (log scale)", yLabel: "\(result.metric), mean ± sd over folds", series: series,
      xTickLabels: cs.map { (log10($0), GridPoint.format($0)) })
  }

  /// The page.
  ///
  /// - Returns: A self-contained HTML document.
  public func html() -> String {
    var page = HTMLPage(title: "Grid search: \(result.metric)")
    page.paragraph(
      "\(result.entries.count) points × \(result.configuration.folds) folds; best: "
        + "\(result.best.point) with \(result.metric) \(result.best.score).", muted: true)
    page.heading("Score against C")
    page.figure(chart(), caption: "Legend: the setting of the other grid axes.")
    page.heading("Ranking")
    let rows = result.entries.enumerated().map { rank, entry -> [Markup] in
      [
        .text(String(rank + 1)), .text(entry.score.description),
        EvaluationHTMLReport.metric(entry.result.accuracy.mean),
        EvaluationHTMLReport.metric(entry.result.macroF1.mean),
        EvaluationHTMLReport.metric(entry.result.logLoss.mean),
        .text(GridPoint.format(entry.point.training.c)), .text(Self.settingName(entry.point)),
      ]
    }
    page.table(
      header: [
        "rank", "\(result.metric) (mean ± sd)", "accuracy", "macro F1", "log loss", "C", "setting",
      ], rows: rows, numeric: [0, 1, 2, 3, 4, 5])
    let work = result.work
    page.paragraph(
      "Work: \(work.vectorizerFits) vectorizer fits (naive: \(work.naiveVectorizerFits)), "
        + "\(work.modelFits) model fits (\(work.warmStartedFits) warm-started), "
        + "\(work.solverIterations) solver iterations.", muted: true)
    return page.render()
  }

  /// The main chart on its own (`--plot`).
  ///
  /// - Returns: A standalone SVG document.
  public func mainChart() -> String {
    chart().render(standalone: true)
  }
}
