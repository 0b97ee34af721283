import Foundation

/// One bar of a horizontal bar chart.
struct ChartBar {
  /// The bar's name, drawn left of the axis.
  var label: String
  /// Its value.
  var value: Double
  /// Its fill.
  var colour: String
}

/// One row of an interval chart: a point with an interval around it.
struct ChartInterval {
  /// The row's name, drawn left of the axis.
  var label: String
  /// The point (a dot).
  var point: Double
  /// The interval (a bar), if any.
  var interval: ClosedRange<Double>?
  /// The dot's and bar's colour.
  var colour: String
  /// The row's tooltip.
  var tooltip: String
}

extension Chart {
  /// A heat map of a square matrix, each cell coloured on the sequential scale by its
  /// `shades` value (0 to 1) and labelled with its `cells` text.
  ///
  /// - Parameters:
  ///   - title: The heading.
  ///   - labels: The row and column names (a confusion matrix's classes).
  ///   - shades: One fraction per cell, row by row.
  ///   - cells: One label per cell.
  ///   - rowAxis: The rows' axis label (`true label`).
  ///   - columnAxis: The columns' axis label (`predicted label`).
  /// - Returns: The drawing.
  static func heatMap(
    title: String, labels: [String], shades: [[Double]], cells: [[String]], rowAxis: String,
    columnAxis: String
  ) -> SVGWriter {
    let count = max(1, labels.count)
    let cell = max(36, min(80, 320 / Double(count)))
    let left = 150.0
    let top = 60.0
    let size = cell * Double(count)
    var svg = SVGWriter(width: left + size + 30, height: top + size + 60, title: title)
    svg.text(title, x: 10, y: 20, size: 14, bold: true)
    svg.text(columnAxis, x: left + size / 2, y: 40, anchor: .middle, size: 12)
    svg.text(rowAxis, x: 14, y: top + size / 2, anchor: .middle, size: 12, rotate: -90)
    for (index, label) in labels.enumerated() {
      let middle = Double(index) * cell + cell / 2
      svg.text(
        shortened(label, to: 14), x: left + middle, y: top + size + 16, anchor: .middle,
        size: 11)
      svg.text(shortened(label, to: 18), x: left - 6, y: top + middle + 4, anchor: .end, size: 11)
    }
    for (row, values) in shades.enumerated() {
      for (column, shade) in values.enumerated() {
        let x = left + Double(column) * cell
        let y = top + Double(row) * cell
        let text = cells[row][column]
        let name = "\(labels[row]) → \(labels[column]): \(text)"
        svg.rect(
          x: x, y: y, width: cell, height: cell, fill: Palette.sequential(shade),
          stroke: "#ffffff", tooltip: name)
        svg.text(
          text, x: x + cell / 2, y: y + cell / 2 + 4, anchor: .middle, size: 12,
          fill: shade > 0.5 ? "#ffffff" : "#222222")
      }
    }
    svg.text(
      "rows: \(rowAxis); columns: \(columnAxis)", x: left, y: top + size + 40, size: 11,
      fill: axisColour)
    return svg
  }

  /// A horizontal bar chart with a labelled value axis (and a zero line).
  ///
  /// - Parameters:
  ///   - title: The heading.
  ///   - valueLabel: The value axis's label.
  ///   - categoryLabel: The category axis's label (drawn vertically at the left).
  ///   - bars: The bars, top to bottom.
  /// - Returns: The drawing.
  static func horizontalBars(
    title: String, valueLabel: String, categoryLabel: String, bars: [ChartBar]
  ) -> SVGWriter {
    let rowHeight = 20.0
    let left = 190.0
    let top = 36.0
    let plotHeight = max(rowHeight, rowHeight * Double(bars.count))
    var svg = SVGWriter(width: left + 300, height: top + plotHeight + 56, title: title)
    let values = bars.map(\.value)
    let frame = PlotFrame(
      left: left, top: top, width: 270, height: plotHeight,
      xTicks: AxisTicks(
        lower: min(0, values.min() ?? 0), upper: max(0, values.max() ?? 1), count: 4),
      yTicks: AxisTicks(lower: 0, upper: 1, count: 1))
    svg.text(title, x: 10, y: 20, size: 14, bold: true)
    let bottom = top + plotHeight
    for value in frame.xTicks.values {
      let x = frame.x(value)
      svg.line(x1: x, y1: top, x2: x, y2: bottom, stroke: gridColour)
      svg.text(frame.xTicks.label(value), x: x, y: bottom + 16, anchor: .middle, size: 11)
    }
    for (index, bar) in bars.enumerated() {
      let y = top + Double(index) * rowHeight
      let start = frame.x(min(0, bar.value))
      let end = frame.x(max(0, bar.value))
      svg.rect(
        x: start, y: y + 3, width: end - start, height: rowHeight - 6, fill: bar.colour,
        tooltip: "\(bar.label): \(SVGWriter.number(bar.value))")
      svg.text(shortened(bar.label, to: 26), x: left - 6, y: y + 14, anchor: .end, size: 11)
    }
    svg.line(x1: frame.x(0), y1: top, x2: frame.x(0), y2: bottom, stroke: axisColour)
    svg.line(x1: left, y1: bottom, x2: left + frame.width, y2: bottom, stroke: axisColour)
    svg.text(valueLabel, x: left + frame.width / 2, y: bottom + 36, anchor: .middle, size: 12)
    svg.text(categoryLabel, x: 14, y: top + plotHeight / 2, anchor: .middle, size: 12, rotate: -90)
    return svg
  }

  /// A dot-and-interval chart on [0, 1]: one row per item, a dot at its point and a bar
  /// over its interval.
  ///
  /// - Parameters:
  ///   - title: The heading.
  ///   - valueLabel: The value axis's label.
  ///   - categoryLabel: The category axis's label.
  ///   - rows: The rows, top to bottom.
  ///   - legend: The colour legend (label name and colour).
  /// - Returns: The drawing.
  static func intervals(
    title: String, valueLabel: String, categoryLabel: String, rows: [ChartInterval],
    legend: [(name: String, colour: String)]
  ) -> SVGWriter {
    let rowHeight = 24.0
    let left = 190.0
    let top = 36.0
    let plotHeight = max(rowHeight, rowHeight * Double(rows.count))
    var svg = SVGWriter(
      width: left + 470, height: top + max(plotHeight, Double(legend.count) * 20) + 56,
      title: title)
    let frame = PlotFrame(
      left: left, top: top, width: 300, height: plotHeight,
      xTicks: AxisTicks(lower: 0, upper: 1, count: 5),
      yTicks: AxisTicks(lower: 0, upper: 1, count: 1))
    drawAxes(
      &svg, frame: frame, title: title, xLabel: valueLabel, yLabel: "", yTicksShown: false)
    svg.text(categoryLabel, x: 14, y: top + plotHeight / 2, anchor: .middle, size: 12, rotate: -90)
    for (index, row) in rows.enumerated() {
      let y = top + Double(index) * rowHeight + rowHeight / 2
      if let interval = row.interval {
        svg.rect(
          x: frame.x(interval.lowerBound), y: y - 3,
          width: frame.x(interval.upperBound) - frame.x(interval.lowerBound), height: 6,
          fill: row.colour, tooltip: row.tooltip)
      }
      svg.circle(
        x: frame.x(row.point), y: y, radius: 5.5, fill: row.colour, stroke: "#222222",
        tooltip: row.tooltip)
      svg.text(shortened(row.label, to: 26), x: left - 6, y: y + 4, anchor: .end, size: 11)
    }
    drawLegend(&svg, entries: legend, x: left + frame.width + 20, y: top)
    return svg
  }
}
