/// The closed word classes behind speaker parsing and sentence splitting.
///
/// All lower case; matched case-insensitively.
enum WordLists {
  static let determiners = ["a", "an", "the", "its", "his", "her", "their", "our", "this", "that"]
  static let pronouns = ["he", "she", "they", "it"]
  /// Stripped from names and kept out of roles.
  static let honorifics = [
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "brig", "sen", "rep", "gov", "cmdr",
    "capt", "sgt", "adm", "prof", "rev", "commodore", "senior", "sheikh", "sir", "dame",
    "lieutenant", "colonel", "major", "brigadier", "admiral", "captain", "sergeant",
    "commander", "general", "judge", "cpl", "const", "cst", "supt", "insp", "det", "coun",
    "cllr", "pte", "pvt", "hon", "ald", "constable", "corporal", "detective", "superintendent",
  ]
  /// Capitalised title words that belong to a role (`Foreign Minister`).
  static let titles = [
    "minister", "secretary", "commissioner", "president", "prime", "ambassador", "envoy",
    "director", "chancellor", "governor", "senator", "mayor", "spokesperson", "spokesman",
    "spokeswoman", "chief", "representative", "chairman", "chairwoman", "chair", "speaker",
    "king", "queen", "prince", "pope", "justice", "attorney", "officer", "head", "leader",
    "foreign", "defence", "defense", "trade", "deputy", "vice", "interior", "finance",
    "economy", "state", "undersecretary", "congressman", "congresswoman", "lawmaker",
    "director-general", "secretary-general", "premier", "democrat", "republican", "ranking",
    "councillor", "councilor", "councilmember", "mp", "mpp", "mla", "reeve", "whip", "alderman",
    "alderwoman", "treasurer", "secretary-treasurer", "comptroller", "controller", "auditor",
    "clerk", "sheriff", "inspector", "coroner", "chairperson", "provost", "ombudsman",
    "ombudsperson", "vice-president", "vice-chair", "co-chair", "ceo", "councilman",
    "councilwoman", "assemblyman", "assemblywoman", "trustee",
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
    "teacher", "nominee", "counsel", "boss", "delegate", "friend", "brother", "sister", "wife",
    "husband", "son", "daughter", "mother", "father", "colleague", "neighbour", "neighbor",
    "partner", "woman", "man", "person", "user", "student", "doctor", "nurse", "engineer",
    "owner", "insider", "organizer", "organiser", "moderator", "star", "tycoon", "developer",
    "employee", "worker", "historian", "scientist", "physician", "chef", "farmer", "officer",
    "defenceman", "defenseman", "coach", "player", "captain", "councillor", "councilor",
    "councilmember", "trustee", "principal", "critic", "advocate", "organizer", "surgeon",
    "president-elect", "frontrunner", "front-runner", "challenger", "incumbent", "rival",
    "confidant", "ally", "socialist", "republican", "democrat", "politician", "official's",
    "justice", "admiral", "prince", "princess", "mogul", "veteran", "nominee", "attorney",
    "hopeful", "contender", "magnate", "billionaire", "mogul", "chair", "chairperson",
    "co-chair", "vice-chair", "treasurer", "comptroller", "clerk", "auditor", "superintendent",
    "inspector", "detective", "constable", "sheriff", "whip", "alderman", "councilman",
    "councilwoman", "assemblyman", "assemblywoman", "dean", "coroner", "lobbyist",
    "administrator", "ombudsman", "firefighter", "paramedic", "sergeant", "corporal",
    "lieutenant", "planner", "ceo",
  ]
  /// First words of a comma chunk that is not the speaker (time, place, manner, questions).
  static let adverbials = [
    "in", "on", "at", "back", "late", "later", "earlier", "after", "before", "outside",
    "inside", "asked", "speaking", "for", "meanwhile", "however", "also", "then", "separately",
    "elsewhere", "overnight", "today", "yesterday", "since", "during", "while", "when", "as",
    "with", "without", "from", "under", "through", "not", "addressing", "writing", "by",
    "still", "instead", "now", "here", "there", "again", "last", "this", "next", "despite",
    "according", "following", "standing", "showing", "pressed", "interviewed", "like",
    "contrary",
    // Sentence adverbs and discourse words that open a sentence before its subject
    // (`Rather, he said, …`, `Significantly, the judge said …`): never a speaker.
    "rather", "indeed", "significantly", "moreover", "furthermore", "notably", "importantly",
    "nonetheless", "nevertheless", "thus", "hence", "therefore", "otherwise", "similarly",
    "likewise", "specifically", "interestingly", "ironically", "unfortunately", "fortunately",
    "surprisingly", "obviously", "apparently", "reportedly", "allegedly", "frankly",
    "honestly", "overall", "anyway", "besides", "consequently", "accordingly", "ultimately",
    "eventually", "initially", "previously", "recently", "privately", "publicly",
    "personally", "perhaps", "maybe", "certainly", "clearly", "just", "among", "amid", "let",
    "yes", "well", "okay", "oh", "finally", "first", "second", "third", "lastly", "plus",
  ]
  static let relatives = ["who", "whose", "which", "whom", "where", "what"]
  /// Common first names that tell a person's gender, for pronoun agreement (`he`/`she`).
  ///
  /// Deliberately short: frequent English-language first names in North American and
  /// British news, and only names that are not often given to both sexes. A name not listed
  /// leaves the gender unknown, which agrees with either pronoun; honorifics (`Mr.`, `Ms.`)
  /// and the pronouns already used for the speaker decide it otherwise.
  static let maleFirstNames: Set<String> = [
    "john", "james", "robert", "michael", "william", "david", "richard", "joseph", "thomas",
    "charles", "christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul",
    "andrew", "joshua", "kenneth", "kevin", "brian", "george", "edward", "ronald", "timothy",
    "jason", "jeffrey", "ryan", "jacob", "gary", "eric", "stephen", "jonathan", "larry", "justin",
    "scott", "frank", "brandon", "benjamin", "samuel", "gregory", "patrick", "jack", "dennis",
    "jerry", "tyler", "aaron", "peter", "henry", "douglas", "doug", "adam", "nathan", "zachary",
    "kyle", "walter", "harold", "jeremy", "carl", "keith", "roger", "gerald", "ethan", "arthur",
    "terry", "sean", "lawrence", "joe", "noah", "jesse", "albert", "bryan", "billy", "bruce",
    "willie", "dylan", "alan", "ralph", "gabriel", "roy", "juan", "wayne", "eugene", "logan",
    "randy", "louis", "russell", "vincent", "philip", "bobby", "johnny", "bradley", "bill",
    "bernie", "mike", "jim", "tom", "tim", "ted", "ben", "rick", "dan", "chris", "steve", "jeb",
    "marco", "mitt", "barack", "vladimir", "pierre", "jagmeet", "hugh", "ian", "neil", "graham",
    "colin", "martin", "simon", "nick", "jake", "tony",
  ]
  /// Common female first names (see `maleFirstNames` for the rules of the list).
  static let femaleFirstNames: Set<String> = [
    "mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah",
    "karen", "lisa", "nancy", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna",
    "michelle", "carol", "amanda", "dorothy", "melissa", "deborah", "stephanie", "rebecca",
    "sharon", "laura", "cynthia", "kathleen", "amy", "angela", "shirley", "anna", "brenda",
    "pamela", "emma", "nicole", "helen", "samantha", "katherine", "christine", "debra", "rachel",
    "carolyn", "janet", "catherine", "maria", "heather", "diane", "ruth", "julie", "olivia",
    "joyce", "virginia", "victoria", "lauren", "christina", "joan", "evelyn", "judith", "megan",
    "andrea", "cheryl", "hannah", "jacqueline", "martha", "gloria", "teresa", "ann", "sara",
    "frances", "kathryn", "janice", "abigail", "alice", "judy", "sophia", "grace", "denise",
    "amber", "doris", "marilyn", "danielle", "beverly", "isabella", "theresa", "diana", "natalie",
    "brittany", "charlotte", "marie", "kayla", "lori", "hillary", "chelsea", "dianne", "nikki",
    "kellyanne", "carly", "kamala", "chrystia", "melania", "ivanka", "huma", "jane", "kate",
    "claire", "priya",
  ]
  /// Words with an agent ending (`-er`, `-or`, `-ian`, `-ee`, `-ant`, `-dent`) that name
  /// things or qualities, not people: never the head of a described speaker (singular
  /// form; a plural is looked up without its `s`).
  static let notAgentNouns: Set<String> = [
    "power", "paper", "letter", "number", "water", "order", "border", "matter", "corner",
    "inner", "outer", "upper", "merger", "megamerger", "sooner", "former", "latter", "furor",
    "fervor",
    "center", "centre", "chapter", "dinner", "winter", "summer", "quarter", "answer", "other",
    "whether", "after", "never", "ever", "either", "neither", "rather", "together", "however",
    "under", "over", "later", "earlier", "better", "bigger", "larger", "higher", "lower",
    "greater", "further", "tighter", "stronger", "weaker", "longer", "error", "mirror",
    "favor", "favour", "honor", "honour", "labor", "labour", "color", "colour", "rumor",
    "rumour", "behavior", "behaviour", "floor", "door", "major", "minor", "motor", "sector",
    "factor", "terror", "horror", "median", "guardian", "committee", "fee", "coffee",
    "guarantee", "degree", "human", "german", "incident", "accident", "plant", "grant",
    "restaurant", "want", "chant", "pant", "computer", "newsletter", "manner",
    "character", "monster", "disaster", "register", "trigger", "offer", "cover", "shower",
    "tower", "powder", "lawn", "poster", "banner", "cancer", "filter", "theater", "theatre",
    "meter", "liter", "percent", "precedent", "trident",
  ]
  /// Words that open a subordinate clause or a consequence; dropped from the start of a
  /// speaker chunk and never part of a name (`If Surrey …`, `Though Kaine said`).
  static let subordinators = [
    "if", "though", "although", "because", "unless", "whether", "therefore", "thus", "hence",
    "even", "once", "whereas",
  ]
  /// Quantifiers and pronoun-like determiners: never part of a name, dropped from the start
  /// of a description (`some estimates` → `estimates`, `One …`, `About four …`).
  static let quantifiers = [
    "one", "some", "many", "most", "both", "all", "several", "few", "other", "another",
    "each", "every", "those", "these", "about", "nearly", "almost", "roughly", "around",
    "more", "half", "such", "any",
  ]
  /// Words for a share of a group in poll results (`52 percent of voters`).
  static let shareWords: Set<String> = [
    "percent", "percentage", "per", "cent", "%", "majority", "minority", "plurality", "half",
    "third",
    "thirds", "quarter", "quarters", "fifth", "fifths", "two-thirds", "three-quarters",
    "three-fourths", "proportion", "share", "number", "fraction", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "dozen", "dozens", "hundreds",
    "thousands", "array", "handful", "couple", "slew", "host", "variety", "range", "bunch",
    "scores",
  ]
  /// Words that open the reporter's own clause inside a subject chunk; the cue's subject
  /// follows the last of them.
  static let clauseOpeners: Set<String> = [
    "when", "while", "because", "although", "though", "whereas", "unless", "where", "why",
  ]
  /// Verbs that make their object speak (`drives the mayor to say`, `prompted Ortiz to
  /// warn`): the cue's subject starts after them.
  static let causativeVerbs: Set<String> = [
    "drives", "drove", "driven", "forces", "forced", "prompts", "prompted", "pushes",
    "pushed", "compels", "compelled", "leads", "led", "causes", "caused", "spurs", "spurred",
    "moves", "moved",
  ]
  /// Offices written as titles before a name (`Mayor Dana Ortiz`, `Senator Tom Okafor`),
  /// besides the abbreviations of `TitleDescriptors.titles`: a person who holds one is no
  /// `the governor` unless it is that office.
  static let offices: Set<String> = [
    "senator", "governor", "mayor", "president", "representative", "congressman",
    "congresswoman", "secretary", "minister", "premier", "chancellor", "judge", "justice",
    "general", "admiral", "speaker", "ambassador", "sheriff",
  ]
  /// Nouns for ordinary people that open a sentence capitalised before a full name
  /// (`Resident Kim Tran said …`, `Voter Ana Ruiz …`): a description, not part of the name.
  static let personDescriptors: Set<String> = [
    "resident", "residents", "voter", "teacher", "student", "nurse", "farmer", "worker",
    "owner", "activist", "volunteer", "parent", "veteran", "witness", "neighbour", "neighbor",
    "commuter", "driver", "shopper", "retiree", "supporter", "protester", "employee",
    "economist", "historian", "pastor", "coach", "paddler", "homeowner", "tenant", "landlord",
    "teammate", "defenceman", "defenseman", "goaltender", "goalie", "winger", "striker",
    "midfielder", "quarterback", "pitcher", "rookie", "skier", "runner", "swimmer", "player",
  ]
  /// Role nouns that usually stand for someone the article does not name (`the spokesman
  /// said`, `the official added`): a definite description with one of them as its head is
  /// not taken for the person named just before.
  static let anonymousRoleNouns: Set<String> = [
    "spokesman", "spokeswoman", "spokesperson", "official", "aide", "source", "adviser",
    "advisor", "staffer", "person", "moderator", "reporter", "user", "interviewer",
    "narrator", "officer", "agent", "lawyer", "attorney", "inspector", "analyst", "expert",
  ]
  /// Role nouns that tell a woman, for pronoun agreement.
  static let femaleRoleNouns: Set<String> = [
    "congresswoman", "spokeswoman", "chairwoman", "businesswoman", "councilwoman",
    "assemblywoman", "congresswomen", "actress", "mother", "wife", "daughter", "sister",
    "grandmother", "widow", "queen", "princess", "duchess", "aunt", "niece", "girl", "woman",
    "mrs", "ms", "madam", "stateswoman", "anchorwoman", "policewoman", "sportswoman",
  ]
  /// Role nouns that tell a man, for pronoun agreement.
  static let maleRoleNouns: Set<String> = [
    "congressman", "spokesman", "chairman", "businessman", "councilman", "assemblyman",
    "actor", "father", "husband", "son", "brother", "grandfather", "widower", "king",
    "prince", "duke", "uncle", "nephew", "boy", "man", "mr", "statesman", "anchorman",
    "policeman", "sportsman",
  ]
  /// Number words: a capitalised one opening a subject is a count, never a name.
  static let numberWords: Set<String> = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundreds", "thousands", "dozens",
  ]
  /// Common irregular past tenses that end a described speaker's modifier.
  static let pastTenseVerbs: Set<String> = [
    "went", "came", "found", "showed", "shows", "finds", "says", "said", "told", "made",
    "took", "gave", "saw", "thought", "knew", "wrote", "began", "became", "got", "left",
    "tried", "spoke", "put", "ran", "won", "lost", "met", "sent", "held", "felt", "kept",
  ]
  /// Suffixes that end a person's name (`Jr.`, `III`).
  static let nameSuffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv"]
  /// Auxiliaries that are also first names (`Will Hurd`, `May Okafor`).
  static let auxiliariesThatAreNames: Set<String> = ["will", "may"]
  /// Weekdays: never part of a name.
  static let weekdays = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  ]
  /// Months (`May` and `March` count only after a preposition or next to a
  /// number, since they are also names and verbs).
  static let timeNames = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec",
  ]
  /// Lower-case time words: a phrase made of them and of `timeNames` (with prepositions,
  /// `the` and numbers) at the end of a speaker chunk is not part of the speaker (`the
  /// Pentagon on Monday`, `at the time`, `last week`).
  static let timeWords = [
    "today", "yesterday", "tonight", "tomorrow", "morning", "afternoon", "evening", "night",
    "week", "weekend", "weeks", "month", "months", "year", "years", "day", "days", "time",
    "earlier", "later", "ago", "recently", "moment", "hour", "hours",
  ]
  /// Time units and adverbs that make `after`/`before`/`since` open a clause (`three days
  /// after Ortiz told …`, `shortly before she said …`).
  static let timeUnits: Set<String> = [
    "minutes", "minute", "hours", "hour", "days", "day", "weeks", "week", "months", "month",
    "years", "year", "moments", "shortly", "soon", "just", "long", "hours", "ever",
  ]
  /// Adverbs that trail a speaker before the cue (`the mayor also said`); words in `-ly` are
  /// treated the same way.
  static let trailingAdverbs = [
    "also", "too", "again", "then", "now", "still", "often", "first", "once", "already",
    "instead", "soon", "later", "earlier", "himself", "herself", "themselves", "itself",
    "alone", "further", "last", "later", "just", "only", "yet",
  ]
  static let conjunctions = ["and", "but", "so", "yet", "or"]
  /// Short words left lower case in a title (`State of the Union`, `Meet the Press`).
  static let titleFunctionWords: Set<String> = [
    "of", "the", "a", "an", "and", "or", "with", "in", "on", "at", "to", "for", "by", "from",
  ]
  /// Words that mark a chunk as a clause rather than a noun phrase.
  static let auxiliaries =
    [
      "is", "are", "was", "were", "be", "been", "has", "have", "had", "would", "will", "could",
      "should", "can", "may", "might", "must", "did", "does", "do", "shall",
    ] + negatedAuxiliaries + subjectContractions
  /// An auxiliary with `n't` (`aren't`, `won’t`), with either apostrophe: as much a verb
  /// as the auxiliary itself (`…, undeclared voters aren't likely to …, Smith said`).
  static let negatedAuxiliaries = bothApostrophes([
    "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "won't",
    "wouldn't", "can't", "couldn't", "shouldn't", "didn't", "doesn't", "don't", "mustn't",
  ])
  /// A subject pronoun joined to its auxiliary (`he's`, `they’re`): it opens a clause
  /// (`told the Post he’s already received …`) and holds its verb.
  static let subjectContractions = bothApostrophes([
    "he's", "she's", "it's", "they're", "we're", "i'm", "he'd", "she'd", "they'd", "we'd",
    "i'd", "he'll", "she'll", "they'll", "we'll", "i'll", "they've", "we've", "i've",
    "there's",
  ])

  /// Each word as written with a straight and with a typographic apostrophe.
  static func bothApostrophes(_ words: [String]) -> [String] {
    words.flatMap { word in [word, String(word.map { $0 == "'" ? "\u{2019}" : $0 })] }
  }
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
    "service", "white", "house", "palace", "junta", "navy", "coast", "campaign", "newspaper",
    "paper", "network", "magazine", "website", "firm", "station", "university", "college",
    "school", "company's", "ministry's", "networks", "newspapers", "outlets", "companies",
    "firms", "chiefs", "departments", "ministries", "agencies", "governments", "town", "city",
    "county", "province", "municipality", "district",
  ]
  /// Plural nouns that make a speaker a group.
  static let groupNouns = [
    "officials", "analysts", "diplomats", "residents", "experts", "lawmakers", "protesters",
    "sources", "witnesses", "activists", "critics", "leaders", "ministers", "observers",
    "investors", "economists", "villagers", "negotiators", "soldiers", "rebels", "militants",
    "campaigners", "researchers", "authorities", "people", "families", "doctors",
    "aides", "supporters", "voters", "members", "delegates", "donors", "strategists",
    "pollsters", "candidates", "advisers", "advocates", "opponents", "democrats",
    "republicans", "students", "workers", "surveyed", "respondents", "friends", "insiders",
    "sources", "groups", "allies", "confidants", "organizers", "organisers", "parents",
    "teachers", "owners", "employees", "executives", "scientists", "conservatives",
    "liberals", "progressives", "moderates", "veterans", "commentators", "reporters",
    "associates", "attorneys", "lawyers", "officers", "faction", "staff", "staffers", "team",
    "camp",
  ]
  /// Words whose full stop does not end a sentence.
  static let abbreviations = [
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "brig", "sen", "rep", "gov", "cmdr",
    "capt", "sgt", "adm", "prof", "rev", "st", "jr", "sr", "vs", "inc", "corp", "ltd", "co",
    "mt", "ft", "gens", "sens", "reps", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "approx", "dept", "est", "fig", "vol", "cf", "al",
    "cpl", "const", "cst", "supt", "insp", "det", "coun", "cllr", "pte", "pvt", "hon", "ald",
    "atty", "asst", "alta", "sask", "ont", "que", "nfld",
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
  /// US states and Canadian provinces and territories, lower case: as a whole name run they
  /// are places (`Hudson, New Hampshire`), never a speaker.
  static let statesAndProvinces: Set<String> = [
    "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut",
    "delaware", "florida", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
    "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
    "mississippi", "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey",
    "new mexico", "north carolina", "north dakota", "ohio", "oklahoma", "oregon",
    "pennsylvania", "rhode island", "south carolina", "south dakota", "tennessee", "texas",
    "utah", "vermont", "west virginia", "wisconsin", "wyoming", "ontario", "quebec",
    "british columbia", "alberta", "saskatchewan", "manitoba", "nova scotia",
    "new brunswick", "newfoundland", "newfoundland and labrador", "prince edward island",
    "yukon", "nunavut", "northwest territories",
  ]
  /// Forms of `be`: before a past participle they make a cue passive (`was told`).
  static let beForms =
    ["is", "are", "was", "were", "be", "been", "being", "am"]
    + bothApostrophes(["isn't", "aren't", "wasn't", "weren't"])
  /// Words that open a clause as its subject (`warned he would`, `told reporters she was`).
  static let clauseSubjects = ["he", "she", "they", "it", "we", "i", "there"] + subjectContractions
  /// Question words that open a reported clause (`explained why …`, `noted what …`).
  static let questionWords = ["what", "how", "why", "whether"]
  /// Manners of speaking: cues for a quotation beside them (`“Q,” Ortiz barked`) that report
  /// a clause only with `that` (`shot back that …`).
  static let mannersOfSpeaking = [
    "joked", "quipped", "mused", "retorted", "snapped", "shouted", "yelled", "exclaimed",
    "barked", "boomed", "shot back",
  ]
  /// Cue forms that are also plural nouns (`swing states that …`, `his claims that …`).
  static let nounLikeCues = [
    "states", "claims", "estimates", "notes", "reports", "calls", "promises", "pledges",
    "vows", "replies", "remarks", "comments", "note", "claim", "show", "shows",
  ]
  /// Nouns that make a source a document rather than a person (`according to the study`).
  static let documentNouns = [
    "report", "reports", "study", "studies", "poll", "polls", "survey", "surveys",
    "statement", "letter", "memo", "analysis", "data", "tally", "figures", "estimate",
    "estimates", "results", "records", "documents", "document", "filing", "filings",
    "complaint", "lawsuit", "indictment", "article", "book", "review", "audit", "census",
    "research", "findings", "transcript", "email", "emails", "post", "tweet", "release",
    "count", "projections", "forecast", "numbers", "accounts", "speech", "excerpts", "ad",
    "ads", "advertisement", "video", "petition", "biography", "memoir", "headline", "message",
    "interview", "interviews", "readout", "opinion", "returns", "average", "editorial",
    "notice", "guidance", "ruling", "decision", "order", "note", "quiz", "summary", "index",
    "schedule", "agreement", "timeline", "website", "affidavit", "statistics", "database",
    "playbook", "memorandum", "testimony", "calculations", "projection", "minutes", "tallies",
    "copy", "copies", "polling",
  ]
}
