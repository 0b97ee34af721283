import Foundation

/// The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008): eight colours that
/// stay distinct under the common forms of colour blindness, plus the one sequential scale
/// the reports use (white to blue).
enum Palette {
  /// The categorical colours, blue first; black is last.
  static let colours = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
  ]

  /// The `index`-th categorical colour, cycling after eight.
  static func colour(_ index: Int) -> String {
    colours[((index % colours.count) + colours.count) % colours.count]
  }

  /// A point of the sequential scale: white at 0, Okabe–Ito blue (#0072B2) at 1, linear in
  /// each channel; the fraction is clamped to [0, 1].
  static func sequential(_ fraction: Double) -> String {
    let t = fraction.isFinite ? min(1, max(0, fraction)) : 0
    let channels = [(255.0, 0.0), (255.0, 114.0), (255.0, 178.0)].map { start, end in
      Int((start + (end - start) * t).rounded())
    }
    return "#" + channels.map { hexByte($0) }.joined()
  }

  /// Two lowercase hexadecimal digits.
  private static func hexByte(_ value: Int) -> String {
    let digits = Array("0123456789abcdef")
    let clamped = min(255, max(0, value))
    return String([digits[clamped / 16], digits[clamped % 16]])
  }
}

/// One line of a line chart: points joined in order, with an optional ± error per point.
struct ChartSeries {
  /// The legend entry.
  var name: String
  /// The stroke colour.
  var colour: String
  /// The points, in drawing order.
  var points: [(x: Double, y: Double)]
  /// A ± half-width per point, drawn as a vertical bar; `nil` for none.
  var errors: [Double]? = nil
  /// Whether to mark each point with a dot.
  var markers = false
  /// A tooltip per point; `nil` for none.
  var tooltips: [String]? = nil
}

/// The plot area of a chart: its box in the drawing and the data ranges it maps.
struct PlotFrame {
  /// Left edge of the plot area.
  let left: Double
  /// Top edge.
  let top: Double
  /// Width of the plot area.
  let width: Double
  /// Height of the plot area.
  let height: Double
  /// The x ticks (their first and last values bound the x range).
  let xTicks: AxisTicks
  /// The y ticks (bounding the y range).
  let yTicks: AxisTicks
  /// The x range, when it is not the ticks' (an axis with labels at given values).
  var xBounds: ClosedRange<Double>? = nil

  /// The drawing x of data value `x`.
  func x(_ value: Double) -> Double {
    guard let xBounds, xBounds.upperBound > xBounds.lowerBound else {
      return left + width * fraction(value, xTicks)
    }
    return left + width * (value - xBounds.lowerBound) / (xBounds.upperBound - xBounds.lowerBound)
  }

  /// The drawing y of data value `y` (larger values higher up).
  func y(_ value: Double) -> Double {
    top + height * (1 - fraction(value, yTicks))
  }

  private func fraction(_ value: Double, _ ticks: AxisTicks) -> Double {
    guard let low = ticks.values.first, let high = ticks.values.last, high > low else {
      return 0
    }
    return (value - low) / (high - low)
  }
}

/// Chart layouts drawn with ``SVGWriter``: every axis labelled, colours from ``Palette``.
enum Chart {
  /// The grey of axes and grid lines.
  static let axisColour = "#555555"
  /// The grey of grid lines.
  static let gridColour = "#dddddd"

  /// A line chart with labelled axes, grid, legend and optional error bars.
  ///
  /// - Parameters:
  ///   - title: The heading drawn above the plot (and the drawing's accessible name).
  ///   - xLabel: The x axis's label.
  ///   - yLabel: The y axis's label.
  ///   - series: The lines.
  ///   - xRange: The x range to show; the data's by default.
  ///   - yRange: The y range to show; the data's (with error bars) by default.
  ///   - xTickLabels: Labels to put at given x values instead of round ticks (the x axis
  ///     of a log-scale chart drawn on log₁₀ values).
  ///   - diagonal: Whether to draw the dashed line y = x (a reliability diagram's ideal).
  /// - Returns: The drawing.
  static func lines(
    title: String, xLabel: String, yLabel: String, series: [ChartSeries],
    xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
    xTickLabels: [(value: Double, label: String)]? = nil, diagonal: Bool = false
  ) -> SVGWriter {
    let xs = series.flatMap { $0.points.map(\.x) }
    let ys = series.flatMap { line in
      line.points.enumerated().flatMap { index, point in
        let error = line.errors.map { $0[index] } ?? 0
        return [point.y - error, point.y + error]
      }
    }
    let xBounds = xRange ?? ((xs.min() ?? 0)...(xs.max() ?? 1))
    let yBounds = yRange ?? ((ys.min() ?? 0)...(ys.max() ?? 1))
    let legendWidth = series.count > 1 || !(series.first?.name.isEmpty ?? true) ? 250.0 : 0
    var svg = SVGWriter(width: 430 + legendWidth, height: 330, title: title)
    var frame = PlotFrame(
      left: 62, top: 36, width: 340, height: 240,
      xTicks: AxisTicks(lower: xBounds.lowerBound, upper: xBounds.upperBound, count: 6),
      yTicks: AxisTicks(lower: yBounds.lowerBound, upper: yBounds.upperBound, count: 5))
    if xTickLabels != nil {
      // Labels at given values: the data's range with a margin of 8% (or ±1 for one value).
      let margin = (xBounds.upperBound - xBounds.lowerBound) * 0.08
      frame.xBounds =
        margin > 0
        ? (xBounds.lowerBound - margin)...(xBounds.upperBound + margin)
        : (xBounds.lowerBound - 1)...(xBounds.upperBound + 1)
    }
    drawAxes(
      &svg, frame: frame, title: title, xLabel: xLabel, yLabel: yLabel, xTickLabels: xTickLabels)
    if diagonal {
      let low = max(frame.xTicks.values.first ?? 0, frame.yTicks.values.first ?? 0)
      let high = min(frame.xTicks.values.last ?? 1, frame.yTicks.values.last ?? 1)
      svg.line(
        x1: frame.x(low), y1: frame.y(low), x2: frame.x(high), y2: frame.y(high),
        stroke: axisColour, dashed: true)
    }
    for line in series {
      drawSeries(&svg, line, frame: frame)
    }
    drawLegend(
      &svg, entries: series.map { ($0.name, $0.colour) },
      x: frame.left + frame.width + 20, y: frame.top)
    return svg
  }

  /// Draws one series: its line, error bars and markers.
  private static func drawSeries(_ svg: inout SVGWriter, _ line: ChartSeries, frame: PlotFrame) {
    svg.polyline(line.points.map { (frame.x($0.x), frame.y($0.y)) }, stroke: line.colour)
    for (index, point) in line.points.enumerated() {
      let x = frame.x(point.x)
      if let error = line.errors?[index], error > 0 {
        let low = frame.y(point.y - error)
        let high = frame.y(point.y + error)
        svg.line(x1: x, y1: low, x2: x, y2: high, stroke: line.colour, width: 1.5)
        svg.line(x1: x - 4, y1: low, x2: x + 4, y2: low, stroke: line.colour, width: 1.5)
        svg.line(x1: x - 4, y1: high, x2: x + 4, y2: high, stroke: line.colour, width: 1.5)
      }
      if line.markers || line.points.count == 1 {
        svg.circle(
          x: x, y: frame.y(point.y), radius: 3.5, fill: line.colour,
          tooltip: line.tooltips?[index])
      }
    }
  }

  /// Draws the title, grid, both axes with their ticks (the y ticks only when
  /// `yTicksShown`) and labels.
  static func drawAxes(
    _ svg: inout SVGWriter, frame: PlotFrame, title: String, xLabel: String, yLabel: String,
    xTickLabels: [(value: Double, label: String)]? = nil, yTicksShown: Bool = true
  ) {
    svg.text(title, x: frame.left, y: 20, size: 14, bold: true)
    let bottom = frame.top + frame.height
    let xTicks = xTickLabels ?? frame.xTicks.values.map { ($0, frame.xTicks.label($0)) }
    for (value, label) in xTicks {
      let x = frame.x(value)
      svg.line(x1: x, y1: frame.top, x2: x, y2: bottom, stroke: gridColour)
      svg.text(label, x: x, y: bottom + 16, anchor: .middle, size: 11)
    }
    for value in frame.yTicks.values where yTicksShown {
      let y = frame.y(value)
      svg.line(x1: frame.left, y1: y, x2: frame.left + frame.width, y2: y, stroke: gridColour)
      svg.text(frame.yTicks.label(value), x: frame.left - 6, y: y + 4, anchor: .end, size: 11)
    }
    svg.line(
      x1: frame.left, y1: bottom, x2: frame.left + frame.width, y2: bottom, stroke: axisColour)
    svg.line(x1: frame.left, y1: frame.top, x2: frame.left, y2: bottom, stroke: axisColour)
    svg.text(
      xLabel, x: frame.left + frame.width / 2, y: bottom + 36, anchor: .middle, size: 12)
    svg.text(
      yLabel, x: 16, y: frame.top + frame.height / 2, anchor: .middle, size: 12, rotate: -90)
  }

  /// Draws a legend: a colour swatch and a name per entry, one per line.
  static func drawLegend(
    _ svg: inout SVGWriter, entries: [(name: String, colour: String)], x: Double, y: Double
  ) {
    for (index, entry) in entries.enumerated() where !entry.name.isEmpty {
      let top = y + Double(index) * 20
      svg.rect(x: x, y: top, width: 14, height: 14, fill: entry.colour)
      svg.text(shortened(entry.name, to: 36), x: x + 20, y: top + 11, size: 12)
    }
  }

  /// `text` cut to `limit` characters with an ellipsis.
  static func shortened(_ text: String, to limit: Int) -> String {
    text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
  }
}
