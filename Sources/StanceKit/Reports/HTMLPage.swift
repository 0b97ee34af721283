import Foundation

/// A fragment of HTML that is safe to insert: either escaped text or markup this module
/// built itself.
///
/// Text from data (labels, quotes, file names, speaker names) only enters a page through
/// ``Markup/text(_:)``, so it can never close a tag or open a script.
struct Markup: Equatable {
  /// The markup.
  let html: String

  /// Escaped text.
  static func text(_ text: String) -> Markup { Markup(html: SVGWriter.escape(text)) }

  /// Markup written by this module (tags around escaped text, an inline SVG).
  static func trusted(_ html: String) -> Markup { Markup(html: html) }

  /// A link to an anchor of the same page; `id` is made of ASCII letters, digits and `-`.
  static func link(_ text: String, to id: String) -> Markup {
    Markup(html: "<a href=\"#\(SVGWriter.escape(id))\">\(SVGWriter.escape(text))</a>")
  }

  /// `content` in an element with a class (`<span class="…">`).
  static func element(_ name: String, class className: String, _ content: Markup) -> Markup {
    Markup(html: "<\(name) class=\"\(SVGWriter.escape(className))\">\(content.html)</\(name)>")
  }
}

/// A self-contained HTML page: one file with its style inline, no script, no external
/// resource of any kind, readable with JavaScript off.
///
/// Its Content-Security-Policy forbids every fetch (`default-src 'none'`) and allows only
/// the inline style, so even a browser asked to load something would refuse. Sections are
/// appended in order; charts are inline `<svg>` elements from ``SVGWriter``.
struct HTMLPage {
  /// The page title (`<title>` and the first heading).
  let title: String
  private var body: [String] = []

  /// Starts a page with its first heading.
  ///
  /// - Parameter title: The title.
  init(title: String) {
    self.title = title
    body.append("<h1>\(SVGWriter.escape(title))</h1>")
  }

  /// The style sheet every report shares (system fonts only), with one class per palette
  /// colour (`l0`…`l7`, and `lx` for no label) for highlighted text.
  static let style =
    baseStyle + "\n"
    + Palette.colours.enumerated().map { index, colour in
      ".l\(index){background:\(colour)40;border-bottom:3px solid \(colour)}"
    }.joined(separator: "\n") + "\n.lx{background:#eeeeee;border-bottom:3px solid #999999}"

  private static let baseStyle = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;\
    max-width:1100px;padding:0 1em;color:#222;background:#fff;line-height:1.45}
    h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ccc}
    table{border-collapse:collapse;margin:0.6em 0}
    th,td{border:1px solid #ccc;padding:0.25em 0.6em;text-align:left;vertical-align:top}
    td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    figure{display:inline-block;margin:0.6em 1.2em 0.6em 0}figcaption{font-size:0.9em;color:#555}
    .article{white-space:pre-wrap;border-left:4px solid #ccc;padding-left:1em;max-width:52em}
    .quote{border-radius:3px;padding:0 1px}.who{font-size:0.8em;font-weight:bold;margin:0 0.2em}
    .swatch{display:inline-block;width:0.9em;height:0.9em;vertical-align:middle;margin-right:0.3em}
    .muted{color:#555}code,pre{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:0.9em}
    tr:target{outline:3px solid #E69F00}
    """

  /// Appends a heading.
  ///
  /// - Parameters:
  ///   - text: The heading.
  ///   - level: 2 for a section, 3 for a subsection.
  ///   - id: An anchor (ASCII letters, digits and `-`), if the heading is linked to.
  mutating func heading(_ text: String, level: Int = 2, id: String? = nil) {
    let anchor = id.map { " id=\"\(SVGWriter.escape($0))\"" } ?? ""
    body.append("<h\(level)\(anchor)>\(SVGWriter.escape(text))</h\(level)>")
  }

  /// Appends a paragraph of plain text.
  mutating func paragraph(_ text: String, muted: Bool = false) {
    paragraph(.text(text), muted: muted)
  }

  /// Appends a paragraph of markup.
  mutating func paragraph(_ content: Markup, muted: Bool = false) {
    body.append((muted ? "<p class=\"muted\">" : "<p>") + content.html + "</p>")
  }

  /// Appends markup as it is.
  mutating func append(_ content: Markup) {
    body.append(content.html)
  }

  /// Appends a chart as a figure with a caption.
  mutating func figure(_ chart: SVGWriter, caption: String? = nil) {
    let text = caption.map { "<figcaption>\(SVGWriter.escape($0))</figcaption>" } ?? ""
    body.append("<figure>\n" + chart.render() + text + "</figure>")
  }

  /// Appends a table.
  ///
  /// - Parameters:
  ///   - header: The column names.
  ///   - rows: The cells, row by row.
  ///   - numeric: The columns aligned right.
  ///   - rowIDs: An anchor per row (or `nil`), for links to a row.
  mutating func table(
    header: [String], rows: [[Markup]], numeric: Set<Int> = [], rowIDs: [String?]? = nil
  ) {
    func cellClass(_ column: Int) -> String { numeric.contains(column) ? " class=\"num\"" : "" }
    var lines = ["<table>", "<thead><tr>"]
    for (column, name) in header.enumerated() {
      lines.append("<th\(cellClass(column))>\(SVGWriter.escape(name))</th>")
    }
    lines.append("</tr></thead><tbody>")
    for (index, row) in rows.enumerated() {
      let id = rowIDs?[index].map { " id=\"\(SVGWriter.escape($0))\"" } ?? ""
      let cells = row.enumerated().map { column, cell in "<td\(cellClass(column))>\(cell.html)</td>"
      }
      lines.append("<tr\(id)>" + cells.joined() + "</tr>")
    }
    lines.append("</tbody></table>")
    body.append(lines.joined(separator: "\n"))
  }

  /// The whole document.
  ///
  /// - Returns: The HTML, ending in a line break.
  func render() -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="StanceKit">
    <title>\(SVGWriter.escape(title))</title>
    <style>
    \(Self.style)
    </style>
    </head>
    <body>
    \(body.joined(separator: "\n"))
    </body>
    </html>

    """
  }
}
