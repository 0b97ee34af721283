import NewsQuotes
import Testing

@Suite struct ArticleTests {
  @Test func htmlOffsetsPointIntoTheOriginalBytes() {
    let html = """
      <html><body><h1>Talks &amp; tensions</h1>
      <p>By Ana Writer</p>
      <p>&ldquo;We want talks &amp; a ceasefire,&rdquo; said Foreign Minister Ana P&eacute;rez.<br>She said the army would &quot;hold the line&quot;.</p>
      <script>var x = "“not a quote,” said Nobody";</script>
      <p>Sign up for our newsletter.</p></body></html>
      """
    let article = Article(text: html)
    #expect(article.paragraphs.map(\.role) == [.headline, .byline, .body, .body, .boilerplate])
    let extraction = QuoteExtractor().extract(from: article)
    #expect(
      extraction.quotes.map(\.text) == [
        "We want talks & a ceasefire,", "the army would \"hold the line\"",
      ])
    #expect(extraction.quotes.map(\.speaker.name) == ["Ana Pérez", "Ana Pérez"])
    let bytes = Array(html.utf8)
    func original(_ quote: Quote) -> String {
      String(decoding: bytes[quote.start..<quote.end], as: UTF8.self)
    }
    #expect(original(extraction.quotes[0]) == "We want talks &amp; a ceasefire,")
    #expect(original(extraction.quotes[1]) == "the army would &quot;hold the line&quot;")
  }

  @Test func plainTextParagraphsBySingleOrBlankLines() {
    let text = "Headline without a stop\nFirst paragraph. Second sentence.\r\n\nThird line here."
    let article = Article(text: text, format: .plainText)
    #expect(article.paragraphs.map(\.role) == [.headline, .body, .body])
    let bytes = Array(text.utf8)
    let sentences = article.paragraphs[1].sentences.map {
      String(decoding: bytes[$0.start..<$0.end], as: UTF8.self)
    }
    #expect(sentences == ["First paragraph.", "Second sentence."])
  }

  /// A first line ending with a quotation mark is a headline, and its quotation no quote;
  /// one that ends a quoted sentence (`“We are ready.”`) is body text.
  @Test func aHeadlineMayEndWithAQuotationMark() {
    let headline =
      "Oslo summons envoy; Moscow warns of \u{201C}consequences\u{201D}\n\n"
      + "The ministry said the trawler would stay in port."
    let article = Article(text: headline, format: .plainText)
    #expect(article.paragraphs.map(\.role) == [.headline, .body])
    let extraction = QuoteExtractor().extract(from: article)
    #expect(extraction.quotes.map(\.text) == ["the trawler would stay in port"])
    let quoted = "\u{201C}We are ready.\u{201D}\n\nThe ministry said the trawler would stay."
    #expect(Article(text: quoted, format: .plainText).paragraphs.map(\.role) == [.body, .body])
  }

  @Test func apostrophesAreNotQuotes() {
    let text = """
      Title line
      Kata’ib Hezbollah fighters crossed near Tehran‘s border, officials’ reports said. They don’t agree, and the soldiers’ families weren't told.

      “Our position hasn’t changed,” said Ali Hassan.
      """
    let quotes = QuoteExtractor().extract(text: text).quotes
    #expect(quotes.filter { $0.kind == .direct }.map(\.text) == ["Our position hasn’t changed,"])
    #expect(quotes.count == 1)
  }

  @Test func nestedQuotesStayInsideTheOuterQuote() {
    let text =
      "T\n\n“He told me ‘never again’ and meant it,” said Lina Park. “That “inner” echo stays.”"
    let quotes = QuoteExtractor().extract(text: text).quotes
    #expect(
      quotes.map(\.text) == ["He told me ‘never again’ and meant it,", "That “inner” echo stays."])
  }

  @Test func unattributedScareQuotesAreLeftOut() {
    let text = "T\n\nThe so-called “shadow fleet” keeps growing, and nobody seems able to stop it."
    #expect(QuoteExtractor().extract(text: text).quotes.isEmpty)
  }
}
