import Foundation
import StanceTestSupport
import Testing

/// `--format html` and `--plot` of `eval`, `score` and `tune` through the built binary.
@Suite struct HTMLReportCLITests {
  @Test func evalWritesAPageAndItsMainChart() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = try trainFixtureModel(in: folder)
    let page = folder.appendingPathComponent("report.html")
    let plot = folder.appendingPathComponent("confusion.svg")
    let result = try CLI.run([
      "eval", "--model", model.path, "--data", Fixtures.data("fixtures/parity/test.csv").path,
      "--format", "html", "--out", page.path, "--plot", plot.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    let html = try String(contentsOf: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<h2>Precision–recall curves</h2>"))
    #expect(!html.contains("<script"))
    let svg = try String(contentsOf: plot, encoding: .utf8)
    #expect(svg.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    #expect(svg.contains(">Confusion matrix (counts)</text>"))
  }

  @Test func scoreWritesOnePageForSeveralArticles() throws {
    let articles = [
      "articles/2026-03-ceasefire-talks-geneva.txt", "articles/2026-06-nuclear-talks-muscat.txt",
    ].map { Fixtures.data($0).path }
    let result = try CLI.run(["score", "--no-sentiment", "--format", "html"] + articles)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.components(separatedBy: "<!DOCTYPE html>").count == 2)
    #expect(result.stdout.contains("<h1>Speakers of 2 articles</h1>"))
    #expect(result.stdout.contains("<h2 id=\"a2\">"))
  }

  @Test func tuneChartsTheGridOnStdoutAndInItsPlot() throws {
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let plot = folder.appendingPathComponent("grid.svg")
    let result = try CLI.run([
      "tune", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--c", "1,10",
      "--ngram", "1-1,1-2", "--folds", "2", "--quiet", "--format", "html", "--plot", plot.path,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("<h2>Score against C</h2>"))
    #expect(result.stdout.components(separatedBy: "<tr><td class=\"num\">").count == 5)
    let svg = try String(contentsOf: plot, encoding: .utf8)
    #expect(svg.contains(">C (log scale)</text>"))
    #expect(svg.contains(">ngram=1-1</text>"))
  }

  @Test func cvRefusesHTML() throws {
    let result = try CLI.run([
      "cv", "--data", Fixtures.data("fixtures/parity/train.csv").path, "--format", "html",
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("'stance tune --format html' charts a grid"))
  }
}
