/// The closed word classes behind speaker parsing and sentence splitting.
///
/// All lower case; matched case-insensitively.
enum WordLists {
  static let determiners = ["a", "an", "the", "its", "his", "her", "their", "our", "this", "that"]
  static let pronouns = ["he", "she", "they"]
  /// Stripped from names and kept out of roles.
  static let honorifics = [
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "brig", "sen", "rep", "gov", "cmdr",
    "capt", "sgt", "adm", "prof", "rev", "commodore", "senior", "sheikh", "sir", "dame",
    "lieutenant", "colonel", "major", "brigadier", "admiral", "captain", "sergeant",
    "commander", "general", "judge",
  ]
  /// Capitalised title words that belong to a role (`Foreign Minister`).
  static let titles = [
    "minister", "secretary", "commissioner", "president", "prime", "ambassador", "envoy",
    "director", "chancellor", "governor", "senator", "mayor", "spokesperson", "spokesman",
    "spokeswoman", "chief", "representative", "chairman", "chairwoman", "chair", "speaker",
    "king", "queen", "prince", "pope", "justice", "attorney", "officer", "head", "leader",
    "foreign", "defence", "defense", "trade", "deputy", "vice", "interior", "finance",
    "economy", "state", "undersecretary", "congressman", "congresswoman", "lawmaker",
    "director-general", "secretary-general", "premier",
  ]
  /// Lower-case nouns that head a role and may come right before a name.
  static let roleNouns = [
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "minister", "ambassador",
    "envoy", "official", "analyst", "researcher", "fellow", "economist", "negotiator",
    "commander", "mayor", "imam", "senator", "governor", "president", "director",
    "director-general", "secretary-general", "head", "chief", "secretary", "commissioner",
    "representative", "agency", "ministry", "office", "diplomat", "expert", "headman",
    "adviser", "advisor", "lawyer", "professor", "leader", "general", "colonel", "officer",
    "chairman", "chairwoman", "executive", "coordinator", "activist", "witness", "resident",
    "priest", "bishop", "spokesperson's", "correspondent", "editor", "journalist", "founder",
    "member", "lawmaker", "aide", "broadcaster", "newspaper", "mediator", "deputy",
    "source", "candidate", "campaign", "author", "actor", "actress", "supporter", "team",
    "magazine", "editorial", "businessman", "businesswoman", "pastor", "producer", "narrator",
    "strategist", "pollster", "consultant", "operative", "donor", "voter", "manager",
    "columnist", "host", "anchor", "reporter", "judge", "attorney", "prosecutor", "airline",
  ]
  /// First words of a comma chunk that is not the speaker (time, place, manner, questions).
  static let adverbials = [
    "in", "on", "at", "back", "late", "later", "earlier", "after", "before", "outside",
    "inside", "asked", "speaking", "for", "meanwhile", "however", "also", "then", "separately",
    "elsewhere", "overnight", "today", "yesterday", "since", "during", "while", "when", "as",
    "with", "without", "from", "under", "through", "not", "addressing", "writing", "by",
    "still", "instead", "now", "here", "there", "again", "last", "this", "next", "despite",
    "according", "following", "standing", "showing", "pressed", "interviewed", "like",
  ]
  static let relatives = ["who", "whose", "which", "whom", "where", "what"]
  static let conjunctions = ["and", "but", "so", "yet", "or"]
  /// Words that mark a chunk as a clause rather than a noun phrase.
  static let auxiliaries = [
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "would", "will", "could",
    "should", "can", "may", "might", "must", "did", "does", "do", "shall",
  ]
  static let prepositions = [
    "in", "on", "at", "during", "after", "before", "from", "to", "for", "with", "by", "late",
    "earlier", "later", "last", "this", "outside", "inside", "over", "under", "near",
    "through", "afterwards", "again", "privately", "publicly", "separately", "repeatedly",
    "yesterday", "today", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "recently", "previously", "also", "then", "once", "twice",
  ]
  /// Lower-case parts of names (`Salim bin Nasser`, `Ursula von der Leyen`).
  static let particles = [
    "bin", "bint", "ibn", "de", "da", "van", "von", "der", "du", "dos", "das", "del", "la",
    "le", "al", "el", "abu",
  ]
  /// Capitalised words that usually start a sentence (after a dotted abbreviation).
  static let sentenceStarters = [
    "the", "he", "she", "it", "they", "we", "i", "a", "an", "in", "but", "and", "this",
    "that", "there", "his", "her", "their", "our", "its", "on", "at", "after", "as", "if",
    "when", "what", "who", "officials", "asked",
  ]
  /// Words that make a speaker an organisation.
  static let organisationWords = [
    "ministry", "office", "council", "agency", "department", "commission", "committee",
    "government", "army", "forces", "pentagon", "kremlin", "union", "nations", "bank",
    "court", "parliament", "police", "guard", "institute", "watch", "organisation",
    "organization", "movement", "coalition", "command", "embassy", "administration",
    "cabinet", "presidency", "military", "authority", "authorities", "board", "company",
    "corporation", "group", "party", "secretariat", "mission", "federation", "association",
    "news", "novosti", "xinhua", "reuters", "tass", "press", "television", "radio", "bureau",
    "service", "white", "house", "palace", "junta", "navy", "coast",
  ]
  /// Plural nouns that make a speaker a group.
  static let groupNouns = [
    "officials", "analysts", "diplomats", "residents", "experts", "lawmakers", "protesters",
    "sources", "witnesses", "activists", "critics", "leaders", "ministers", "observers",
    "investors", "economists", "villagers", "negotiators", "soldiers", "rebels", "militants",
    "campaigners", "researchers", "authorities", "people", "families", "doctors",
    "aides", "supporters", "voters", "members", "delegates", "donors", "strategists",
    "pollsters", "candidates", "advisers", "advocates", "opponents", "democrats",
    "republicans", "students", "workers", "surveyed", "respondents",
  ]
  /// Words whose full stop does not end a sentence.
  static let abbreviations = [
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "brig", "sen", "rep", "gov", "cmdr",
    "capt", "sgt", "adm", "prof", "rev", "st", "jr", "sr", "vs", "inc", "corp", "ltd", "co",
    "mt", "ft", "gens", "sens", "reps", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "fig", "vol", "cf", "al",
  ]
  /// Abbreviations only before a number (`No. 5`).
  static let numberAbbreviations = ["no", "nos", "art", "p", "pp"]
  /// Countries and capitals that speak as institutions.
  static let places = [
    "washington", "moscow", "beijing", "kyiv", "tehran", "brussels", "london", "paris",
    "berlin", "tokyo", "seoul", "pyongyang", "ankara", "riyadh", "cairo", "baghdad",
    "damascus", "jerusalem", "manila", "taipei", "kigali", "kinshasa", "bangkok", "hanoi",
    "delhi", "islamabad", "kabul", "bamako", "khartoum", "america", "china", "russia",
    "ukraine", "iran", "iraq", "israel", "syria", "turkey", "france", "germany", "britain",
    "japan", "india", "pakistan", "egypt", "jordan", "lebanon", "yemen", "oman", "qatar",
    "sudan", "mali", "niger", "congo", "rwanda", "uganda", "kenya", "ethiopia", "somalia",
    "nigeria", "taiwan", "philippines", "vietnam", "cambodia", "thailand", "korea",
    "arabia", "emirates", "europe", "nato", "afghanistan", "venezuela", "cuba", "mexico",
    "canada", "brazil", "poland", "lithuania", "slovakia", "hungary", "serbia", "georgia",
  ]
  /// Forms of `be`: before a past participle they make a cue passive (`was told`).
  static let beForms = ["is", "are", "was", "were", "be", "been", "being", "am"]
  /// Words that open a clause as its subject (`warned he would`, `told reporters she was`).
  static let clauseSubjects = ["he", "she", "they", "it", "we", "i", "there"]
  /// Question words that open a reported clause (`explained why …`, `noted what …`).
  static let questionWords = ["what", "how", "why", "whether"]
  /// Cue forms that are also plural nouns (`swing states that …`, `his claims that …`).
  static let nounLikeCues = [
    "states", "claims", "estimates", "notes", "reports", "calls", "promises", "pledges",
    "vows", "replies", "remarks", "comments",
  ]
  /// Nouns that make a source a document rather than a person (`according to the study`).
  static let documentNouns = [
    "report", "reports", "study", "studies", "poll", "polls", "survey", "surveys",
    "statement", "letter", "memo", "analysis", "data", "tally", "figures", "estimate",
    "estimates", "results", "records", "documents", "document", "filing", "filings",
    "complaint", "lawsuit", "indictment", "article", "book", "review", "audit", "census",
    "research", "findings", "transcript", "email", "emails", "post", "tweet", "release",
    "count", "projections", "forecast", "numbers", "accounts",
  ]
}
