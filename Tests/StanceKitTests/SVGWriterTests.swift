import Foundation
import Testing

@testable import StanceKit

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG writer on its own: escaping, numbers, axis ticks, well-formed XML.
@Suite struct SVGWriterTests {
  static let hostile = "</script><img src=x onerror=\"alert('x')\"> & \u{1}\r]]>"

  @Test func escapesTheFiveSpecialCharactersAndDropsControls() {
    #expect(
      SVGWriter.escape(Self.hostile)
        == "&lt;/script&gt;&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp;  ]]&gt;")
    #expect(SVGWriter.escape("Zürich — “quoted”\ttab\nline") == "Zürich — “quoted”\ttab\nline")
  }

  @Test(arguments: [
    (0.0, "0"), (-0.0, "0"), (3.14159, "3.14"), (2.5, "2.5"), (10, "10"), (-1.25, "-1.25"),
    (0.004, "0"), (-0.004, "0"), (Double.nan, "0"), (Double.infinity, "0"), (1234.5, "1234.5"),
    (0.1 + 0.2, "0.3"), (99.999, "100"),
  ])
  func numbersHaveAtMostTwoDecimalsAndNoTrailingZeros(value: Double, text: String) {
    #expect(SVGWriter.number(value) == text)
  }

  @Test func ticksAreRoundStepsThatCoverTheRange() {
    let unit = AxisTicks(lower: 0, upper: 1, count: 5)
    #expect(unit.values == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(unit.values.map(unit.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    let counts = AxisTicks(lower: 0, upper: 1234, count: 4)
    #expect(counts.step == 500)
    #expect(counts.values == [0, 500, 1000, 1500])
    #expect(counts.values.map(counts.label) == ["0", "500", "1000", "1500"])
    let negative = AxisTicks(lower: -0.52, upper: 1, count: 6)
    #expect(negative.values == [-1, -0.5, 0, 0.5, 1])
    #expect(negative.values.map(negative.label) == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
    let scores = AxisTicks(lower: 0.6435, upper: 0.8233, count: 5)
    #expect(scores.step == 0.05)
    #expect(scores.values == [0.6, 0.65, 0.7, 0.75, 0.8, 0.85])
    #expect(scores.label(0.65) == "0.65")
  }

  @Test func aRangeOfZeroWidthIsWidened() {
    let ticks = AxisTicks(lower: 5, upper: 5, count: 5)
    #expect(ticks.values == [4, 4.5, 5, 5.5, 6])
    #expect(AxisTicks(lower: 0, upper: 0, count: 2).values == [-1, 0, 1])
  }

  @Test func thePaletteAndItsSequentialScale() {
    #expect(Palette.colours.count == 8)
    #expect(Palette.colour(9) == Palette.colour(1))
    #expect(Palette.sequential(0) == "#ffffff")
    #expect(Palette.sequential(1) == "#0072b2")
    #expect(Palette.sequential(0.5) == "#80b9d9")
    #expect(Palette.sequential(.nan) == "#ffffff")
  }

  /// A chart of every kind of element, with hostile text everywhere text goes.
  static func hostileChart() -> SVGWriter {
    var svg = Chart.lines(
      title: hostile, xLabel: hostile, yLabel: "y",
      series: [
        ChartSeries(
          name: hostile, colour: "#0072B2", points: [(0, 0.5), (1, 0.75)], errors: [0.1, 0.1],
          markers: true, tooltips: [hostile, "b"])
      ], diagonal: true)
    svg.rect(x: 1, y: 2, width: 3, height: 4, fill: "#000000", tooltip: hostile)
    return svg
  }

  @Test func inlineSVGNamesNoURLAndStandaloneSVGHasItsNamespace() {
    let inline = Self.hostileChart().render()
    #expect(inline.hasPrefix("<svg width="))
    #expect(!inline.contains("http"))
    #expect(!inline.contains("<img"))
    #expect(!inline.contains("<script"))
    let standalone = Self.hostileChart().render(standalone: true)
    #expect(
      standalone.hasPrefix(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "))
  }

  #if canImport(FoundationXML) || canImport(Darwin)
  @Test func everyChartIsWellFormedXML() throws {
    let charts = [
      Self.hostileChart(),
      Chart.heatMap(
        title: Self.hostile, labels: ["a", Self.hostile], shades: [[1, 0], [0.5, 0.5]],
        cells: [["2", "0"], ["1", Self.hostile]], rowAxis: "true label",
        columnAxis: "predicted label"),
      Chart.horizontalBars(
        title: "bars", valueLabel: "weight", categoryLabel: "feature",
        bars: [ChartBar(label: Self.hostile, value: -1.5, colour: "#E69F00")]),
      Chart.intervals(
        title: "speakers", valueLabel: "p", categoryLabel: "speaker",
        rows: [
          ChartInterval(
            label: Self.hostile, point: 0.7, interval: 0.2...0.9, colour: "#009E73",
            tooltip: Self.hostile)
        ], legend: [(Self.hostile, "#009E73")]),
    ]
    for chart in charts {
      let parser = XMLParser(data: Data(chart.render(standalone: true).utf8))
      #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }
  }
  #endif
}
