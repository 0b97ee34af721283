import Foundation

/// A small writer of SVG drawings: shapes and text appended in order, escaped, with numbers
/// written the same way in every locale.
///
/// It knows nothing of charts (see ``Chart``); it only guarantees well-formed XML: every
/// attribute value and text node goes through ``SVGWriter/escape(_:)``, and every number
/// through ``SVGWriter/number(_:)``. The result is either a standalone document (with the
/// SVG namespace, for `--plot FILE.svg`) or an element to inline in HTML, where the
/// namespace is implied and no URL appears at all.
struct SVGWriter {
  /// The drawing's width in user units (CSS pixels).
  let width: Double
  /// The drawing's height in user units.
  let height: Double
  /// The accessible name of the drawing (`aria-label` and `<title>`).
  let title: String
  private var body: [String] = []

  /// Starts an empty drawing.
  ///
  /// - Parameters:
  ///   - width: The width in user units.
  ///   - height: The height in user units.
  ///   - title: What the drawing shows, for screen readers and tooltips.
  init(width: Double, height: Double, title: String) {
    self.width = width
    self.height = height
    self.title = title
  }

  /// `text` with the five XML special characters replaced by entities, and every control
  /// character other than tab and line feed (not allowed in XML 1.0) dropped.
  ///
  /// Safe in text nodes and in quoted attribute values, in SVG and in HTML alike.
  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      case "\r": out += " "
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
          || scalar.value == 0xFFFE || scalar.value == 0xFFFF
        {
          continue
        }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// `value` with at most two decimals and no trailing zeros (`12`, `3.5`, `0.25`), the
  /// same in every locale; `0` for `-0`, NaN and infinities (a drawing has no use for them).
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = (value * 100).rounded()
    if hundredths == 0 { return "0" }
    let text = fixed(abs(hundredths) / 100, 2)
    var trimmed = Substring(text)
    while trimmed.last == "0" { trimmed.removeLast() }
    if trimmed.last == "." { trimmed.removeLast() }
    return (hundredths < 0 ? "-" : "") + trimmed
  }

  /// Appends a rectangle.
  mutating func rect(
    x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
    tooltip: String? = nil
  ) {
    let strokeAttribute = stroke.map { " stroke=\"\(Self.escape($0))\"" } ?? ""
    let open =
      "<rect x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(max(0, width)))\""
      + " height=\"\(Self.number(max(0, height)))\" fill=\"\(Self.escape(fill))\"\(strokeAttribute)"
    body.append(open + Self.closing("rect", tooltip: tooltip))
  }

  /// Appends a straight line.
  mutating func line(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
    dashed: Bool = false
  ) {
    let dash = dashed ? " stroke-dasharray=\"4 3\"" : ""
    body.append(
      "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\""
        + " y2=\"\(Self.number(y2))\" stroke=\"\(Self.escape(stroke))\""
        + " stroke-width=\"\(Self.number(width))\"\(dash)/>")
  }

  /// Appends an open polyline through `points`; nothing for fewer than two points.
  mutating func polyline(
    _ points: [(x: Double, y: Double)], stroke: String, width: Double = 2, dashed: Bool = false
  ) {
    guard points.count >= 2 else { return }
    let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
    let dash = dashed ? " stroke-dasharray=\"6 4\"" : ""
    body.append(
      "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(Self.escape(stroke))\""
        + " stroke-width=\"\(Self.number(width))\"\(dash)/>")
  }

  /// Appends a filled circle.
  mutating func circle(
    x: Double, y: Double, radius: Double, fill: String, stroke: String? = nil,
    tooltip: String? = nil
  ) {
    let strokeAttribute = stroke.map { " stroke=\"\(Self.escape($0))\" stroke-width=\"1.5\"" } ?? ""
    let open =
      "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\""
      + " fill=\"\(Self.escape(fill))\"\(strokeAttribute)"
    body.append(open + Self.closing("circle", tooltip: tooltip))
  }

  /// Where a text's anchor point lies along it.
  enum Anchor: String {
    /// The text starts at the point.
    case start
    /// The text is centred on the point.
    case middle
    /// The text ends at the point.
    case end
  }

  /// Appends one line of text, optionally rotated about its anchor point.
  mutating func text(
    _ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 12,
    fill: String = "#222222", bold: Bool = false, rotate: Double = 0
  ) {
    let transform =
      rotate == 0
      ? ""
      : " transform=\"rotate(\(Self.number(rotate)) \(Self.number(x)) \(Self.number(y)))\""
    let weight = bold ? " font-weight=\"bold\"" : ""
    body.append(
      "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor.rawValue)\""
        + " font-size=\"\(Self.number(size))\" fill=\"\(Self.escape(fill))\"\(weight)\(transform)>"
        + Self.escape(content) + "</text>")
  }

  /// The drawing as an `<svg>` element.
  ///
  /// - Parameter standalone: `true` for a file of its own (XML declaration and the SVG
  ///   namespace); `false` to inline in HTML, where the element carries no URL.
  /// - Returns: The markup, ending in a line break.
  func render(standalone: Bool = false) -> String {
    let namespace = standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : ""
    let prologue = standalone ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : ""
    let size = "width=\"\(Self.number(width))\" height=\"\(Self.number(height))\""
    let viewBox = "viewBox=\"0 0 \(Self.number(width)) \(Self.number(height))\""
    return prologue
      + "<svg\(namespace) \(size) \(viewBox) role=\"img\" aria-label=\"\(Self.escape(title))\""
      + " font-family=\"sans-serif\">\n<title>\(Self.escape(title))</title>\n"
      + body.joined(separator: "\n") + "\n</svg>\n"
  }

  /// `/>` or, with a tooltip, `><title>…</title></NAME>`.
  private static func closing(_ name: String, tooltip: String?) -> String {
    guard let tooltip else { return "/>" }
    return "><title>\(escape(tooltip))</title></\(name)>"
  }
}

/// Round tick values for a chart axis: multiples of 1, 2 or 5 × 10ᵏ that cover a range.
///
/// The step is the smallest of those multiples that gives at most `count` intervals over
/// `[lower, upper]`; the first tick is the largest multiple of the step at or below
/// `lower`, the last the smallest at or above `upper` (Heckbert, "Nice numbers for graph
/// labels", Graphics Gems, 1990, with the step chosen by count instead of rounding).
struct AxisTicks: Equatable {
  /// The tick values, ascending, evenly spaced.
  let values: [Double]
  /// The distance between ticks.
  let step: Double

  /// The ticks of a range.
  ///
  /// - Parameters:
  ///   - lower: The smallest value to show.
  ///   - upper: The largest value to show; a range of zero width is widened by one step
  ///     of its magnitude.
  ///   - count: The most intervals wanted (at least 1).
  init(lower: Double, upper: Double, count: Int = 5) {
    var low = lower.isFinite ? lower : 0
    var high = upper.isFinite ? upper : 1
    if high < low { swap(&low, &high) }
    if high == low {
      let magnitude = low == 0 ? 1 : pow(10, (log10(abs(low))).rounded(.down))
      low -= magnitude
      high += magnitude
    }
    let intervals = Double(max(1, count))
    var power = pow(10, (log10((high - low) / intervals)).rounded(.down))
    var chosen = power
    search: while true {
      for multiple in [1.0, 2, 5] {
        let candidate = multiple * power
        if ((high / candidate).rounded(.up) - (low / candidate).rounded(.down)) <= intervals {
          chosen = candidate
          break search
        }
      }
      power *= 10
    }
    let first = (low / chosen).rounded(.down)
    let last = (high / chosen).rounded(.up)
    step = chosen
    // Fractional steps are rounded to 12 decimals: 3 × 0.1 is 0.30000000000000004.
    values = stride(from: first, through: last, by: 1).map { index in
      chosen < 1 ? (index * chosen * 1e12).rounded() / 1e12 : index * chosen
    }
  }

  /// The label of a tick: as many decimals as the step needs, at most four.
  ///
  /// - Parameter value: One of ``values``.
  /// - Returns: The label (`0.25`, `10`, `0.001`).
  func label(_ value: Double) -> String {
    let decimals = step >= 1 ? 0 : min(4, Int((-log10(step)).rounded(.up)))
    let text = fixed(abs(value), decimals)
    return value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" + text : text
  }
}
