import ArgumentParser

/// `text`, `json` or `html` output: the formats of `eval` and `tune`.
enum TextJSONOrHTML: String, ExpressibleByArgument, CaseIterable {
  case text
  case json
  case html
}

/// The help of `--plot`, shared by `eval` and `tune`.
let plotHelp = ArgumentHelp(
  "Also write the main chart here as a standalone SVG file.", valueName: "file.svg")
