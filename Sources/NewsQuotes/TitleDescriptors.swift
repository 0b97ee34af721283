/// What a name's titles and tags say about a person, in the words a later description uses.
///
/// `Sen. Bernie Sanders (I-Vt.)` is later `the Vermont senator`; `Florida Gov. Jeb Bush` is
/// `the Florida governor`; `Gov. John Kasich of Ohio` is `the Ohio governor`. An abbreviated
/// title is spelled out (`Sen.` → `senator`, `Rep.` → `representative`, `congressman`,
/// `congresswoman`, `lawmaker`), and a party–state tag gives the party and the state
/// (`R-Fla.` → `republican`, `florida`). The resolver matches a definite description's head
/// noun and capitalised modifiers against these words as well as against the role.
enum TitleDescriptors {
  /// Spelled-out forms of abbreviated titles (lower case, without the dot).
  static let titles: [String: [String]] = [
    "sen": ["senator"], "rep": ["representative", "congressman", "congresswoman", "lawmaker"],
    "gov": ["governor"], "gen": ["general"], "adm": ["admiral"], "lt": ["lieutenant"],
    "col": ["colonel"], "capt": ["captain"], "cmdr": ["commander"], "sgt": ["sergeant"],
    "prof": ["professor"], "rev": ["reverend", "pastor"], "dr": ["doctor"],
    "pres": ["president"], "sec": ["secretary"], "atty": ["attorney"],
  ]

  /// US states as news copy abbreviates them (AP style and postal codes), lower case.
  static let states: [String: String] = {
    let pairs: [(String, [String])] = [
      ("alabama", ["ala", "al"]), ("alaska", ["alaska", "ak"]), ("arizona", ["ariz", "az"]),
      ("arkansas", ["ark", "ar"]), ("california", ["calif", "ca"]),
      ("colorado", ["colo", "co"]), ("connecticut", ["conn", "ct"]), ("delaware", ["del", "de"]),
      ("florida", ["fla", "fl"]), ("georgia", ["ga"]), ("hawaii", ["hawaii", "hi"]),
      ("idaho", ["idaho", "id"]), ("illinois", ["ill", "il"]), ("indiana", ["ind", "in"]),
      ("iowa", ["iowa", "ia"]), ("kansas", ["kan", "kans", "ks"]), ("kentucky", ["ky"]),
      ("louisiana", ["la"]), ("maine", ["maine", "me"]), ("maryland", ["md"]),
      ("massachusetts", ["mass", "ma"]), ("michigan", ["mich", "mi"]),
      ("minnesota", ["minn", "mn"]), ("mississippi", ["miss", "ms"]), ("missouri", ["mo"]),
      ("montana", ["mont", "mt"]), ("nebraska", ["neb", "nebr", "ne"]), ("nevada", ["nev", "nv"]),
      ("new hampshire", ["n.h", "nh"]), ("new jersey", ["n.j", "nj"]),
      ("new mexico", ["n.m", "nm"]),
      ("new york", ["n.y", "ny"]), ("north carolina", ["n.c", "nc"]),
      ("north dakota", ["n.d", "nd"]), ("ohio", ["ohio", "oh"]), ("oklahoma", ["okla", "ok"]),
      ("oregon", ["ore", "or"]), ("pennsylvania", ["pa"]), ("rhode island", ["r.i", "ri"]),
      ("south carolina", ["s.c", "sc"]), ("south dakota", ["s.d", "sd"]),
      ("tennessee", ["tenn", "tn"]), ("texas", ["texas", "tex", "tx"]), ("utah", ["utah", "ut"]),
      ("vermont", ["vt"]), ("virginia", ["va"]), ("washington", ["wash", "wa"]),
      ("west virginia", ["w.va", "wv"]), ("wisconsin", ["wis", "wisc", "wi"]),
      ("wyoming", ["wyo", "wy"]),
    ]
    var table: [String: String] = [:]
    for (state, abbreviations) in pairs {
      for abbreviation in abbreviations { table[abbreviation] = state }
    }
    return table
  }()

  /// Canadian provinces as news copy abbreviates them (Canadian Press style), lower case,
  /// without the final dot.
  static let provinces: Set<String> = [
    "b.c", "alta", "sask", "man", "ont", "que", "n.b", "n.s", "p.e.i", "nfld", "n.l",
  ]

  /// The words a title word stands for: its spelled-out forms, or itself.
  static func words(ofTitle word: String) -> [String] {
    titles[word] ?? [word]
  }

  /// The party and state words of a tag such as `r-fla` or `d-n.y` (lower case, no final
  /// dot), or none when it is not one.
  static func words(ofTag tag: String) -> [String] {
    let parts = tag.split(separator: "-", maxSplits: 1).map(String.init)
    guard parts.count == 2,
      let party = ["r": "republican", "d": "democrat", "i": "independent"][parts[0]]
    else { return [] }
    var words = [party]
    if party == "democrat" { words.append("democratic") }
    if let state = states[parts[1]] { words += state.split(separator: " ").map(String.init) }
    return words
  }
}
