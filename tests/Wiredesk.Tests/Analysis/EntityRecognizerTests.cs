using Wiredesk.Analysis;
using Wiredesk.Analysis.Entities;

namespace Wiredesk.Tests.Analysis;

public sealed class EntityRecognizerTests
{
    private static readonly EntityRecognizer Recognizer = new(TestKnowledgeBase.Instance);

    [Theory]
    // Knowledge-base names, longest first, possessives and trailing punctuation left out.
    [InlineData("Vladimir Putin's visit ended on Tuesday.", "Vladimir Putin", EntityType.Person)]
    [InlineData("They met Vladimir Putin.", "Vladimir Putin", EntityType.Person)]
    [InlineData("They met Vladimir Putin, who smiled.", "Vladimir Putin", EntityType.Person)]
    [InlineData("Officials praised South Korea’s resolve.", "South Korea", EntityType.Country)]
    [InlineData("The Democratic People's Republic of Korea fired a missile.", "Democratic People's Republic of Korea", EntityType.Country)]
    [InlineData("The Democratic People’s Republic of Korea fired a missile.", "Democratic People’s Republic of Korea", EntityType.Country)]
    [InlineData("Talks with the United States resumed.", "United States", EntityType.Country)]
    [InlineData("Prices rose in the U.S. last year.", "U.S.", EntityType.Country)]
    [InlineData("The talks were held in Seoul on Monday.", "Seoul", EntityType.Place)]
    [InlineData("SEOUL — Officials met on Monday.", "SEOUL", EntityType.Place)]
    [InlineData("Tension rose on the Korean peninsula again.", "Korean peninsula", EntityType.Place)]
    [InlineData("Elections in Guinea\u2011Bissau were delayed.", "Guinea\u2011Bissau", EntityType.Country)]
    [InlineData("Shares of Apple Inc. rose.", "Apple Inc.", EntityType.Company)]
    [InlineData("The Russia-Ukraine war entered its third year.", "Ukraine", EntityType.Country)]
    [InlineData("The Russia-Ukraine war entered its third year.", "Russia", EntityType.Country)]
    [InlineData("Shares of Apple Inc. rose, and Apple Corp. fell.", "Apple Corp.", EntityType.Company)]
    [InlineData("She studied at Seoul University in the 1990s.", "Seoul University", EntityType.Organization)]
    [InlineData("It is registered as Apple Russia Limited in Moscow.", "Apple Russia Limited", EntityType.Company)]
    // Titles and roles before names the knowledge base lacks.
    [InlineData("Deputy Secretary of State Kurt Campbell arrived on Monday.", "Kurt Campbell", EntityType.Person)]
    [InlineData("The statement came from the vice foreign minister, Kim Hong-kyun.", "Kim Hong-kyun", EntityType.Person)]
    [InlineData("Secretary Blinken spoke to reporters.", "Blinken", EntityType.Person)]
    [InlineData("Foreign Minister Park Jin met his counterpart.", "Park Jin", EntityType.Person)]
    [InlineData("President Yoon Suk Yeol opened the summit.", "Yoon Suk Yeol", EntityType.Person)]
    [InlineData("Secretary of State Antony J. Blinken met the emir.", "Antony J. Blinken", EntityType.Person)]
    [InlineData("Secretary of Defense Lloyd J. Austin III ordered the strikes.", "Lloyd J. Austin III", EntityType.Person)]
    [InlineData("Air Force Maj. Gen. Pat Ryder briefed reporters.", "Pat Ryder", EntityType.Person)]
    [InlineData("Air Force Maj. Gen. Pat Ryder briefed reporters.", "Air Force", EntityType.Organization)]
    [InlineData("North Korean leader Kim Jong Un watched the launch.", "Kim Jong Un", EntityType.Person)]
    // "said X" and "X said", and common given names.
    [InlineData("The plan is sound, said Jane Doe.", "Jane Doe", EntityType.Person)]
    [InlineData("Creola Mbeki said the plan is sound.", "Creola Mbeki", EntityType.Person)]
    [InlineData("The report was written by Margaret Okafor and colleagues.", "Margaret Okafor", EntityType.Person)]
    [InlineData("The fund hired Tomasz Wrzesniak, a former minister, last year.", "Tomasz Wrzesniak", EntityType.Person)]
    [InlineData("The leaders met on Friday. (Photo by Margot Lindqvist/Example Images)", "Margot Lindqvist", EntityType.Person)]
    // Organisation patterns.
    [InlineData("The Ministry of Foreign Affairs issued a statement.", "Ministry of Foreign Affairs", EntityType.Organization)]
    [InlineData("Analysts at the Federal Reserve Board disagreed.", "Federal Reserve Board", EntityType.Organization)]
    [InlineData("Acme Widget Holdings shares rose.", "Acme Widget Holdings", EntityType.Company)]
    [InlineData("Talks with Nordwind Shipping Group, Inc. failed.", "Nordwind Shipping Group, Inc.", EntityType.Company)]
    [InlineData("The U.S. Central Command confirmed the strike.", "U.S. Central Command", EntityType.Organization)]
    [InlineData("Nordwind Shipping Corp. (NYSE: NWS) reported results.", "NYSE", EntityType.Organization)]
    [InlineData("The Office of Foreign Assets Control (OFAC) acted today.", "OFAC", EntityType.Organization)]
    [InlineData("The Bank of Japan held rates.", "Bank of Japan", EntityType.Organization)]
    // Places the knowledge base lacks.
    [InlineData("The leaders spoke in the Rose Garden.", "Rose Garden", EntityType.Place)]
    [InlineData("Ships crossed the Gulf of Aden.", "Gulf of Aden", EntityType.Place)]
    [InlineData("Risks grow across the Indo-Pacific region.", "Indo-Pacific region", EntityType.Place)]
    [InlineData("WASHINGTON, D.C., May 7 — The company reported.", "WASHINGTON, D.C.", EntityType.Place)]
    [InlineData("Shares of Acme Widget Holdings rose, and the shares of rivals fell.", "Acme Widget Holdings", EntityType.Company)]
    public void Finds_the_name_with_its_exact_span(string text, string expected, EntityType type)
    {
        var entities = Recognizer.Recognize(text);

        var mention = entities.Where(e => e.Type == type).SelectMany(e => e.Mentions).FirstOrDefault(m => m.Text == expected);
        Assert.True(mention is not null, $"no {type} '{expected}' in: {Describe(entities)}");
        Assert.Equal(expected, text[mention.Start..mention.End]);
    }

    [Theory]
    [InlineData("Meanwhile, prices rose. Analysts expect more. Following the talks, Officials left.")]
    [InlineData("South Korean officials met Russian diplomats.")]
    [InlineData("Let us begin. Today we talk. Recently, the weather turned.")]
    [InlineData("Press Release. Press Releases. Analyst Ratings and Insider Trading.")]
    [InlineData("He met the Chief Cabinet Secretary later.")]
    [InlineData("CONTACT: Media Relations, press office, +1 555 0100")]
    [InlineData("The Private Securities Litigation Reform Act applies.")]
    [InlineData("They signed the Comprehensive Strategic Partnership Agreement.")]
    [InlineData("Good afternoon, everyone. I wanted to say I’m so pleased.")]
    public void Finds_nothing_in_common_words(string text)
    {
        var entities = Recognizer.Recognize(text);

        Assert.True(entities.Count == 0, Describe(entities));
    }

    [Theory]
    [InlineData("Vladimir Putin arrived. Later Putin spoke to reporters.", "Vladimir Putin", "Putin")]
    [InlineData("Deputy Secretary Kurt Campbell spoke first. Campbell said little.", "Kurt Campbell", "Campbell")]
    [InlineData("North Korean leader Kim Jong Un arrived. Kim smiled.", "Kim Jong Un", "Kim")]
    [InlineData("The Office of Foreign Assets Control (OFAC) acted. OFAC said more would follow.", "Office of Foreign Assets Control", "OFAC")]
    [InlineData("The Ministry of Defence confirmed the strike. The ministry said two ships were hit.", "Ministry of Defence", "ministry")]
    [InlineData("The Federal Open Market Committee met. The Committee decided to wait.", "Federal Open Market Committee", "Committee")]
    [InlineData("Nordwind Shipping Corp. (NYSE: NWS) reported. NWS shares rose.", "Nordwind Shipping Corp.", "NWS")]
    [InlineData("Brightwater Robotics, Inc. reported results. Brightwater shares rose.", "Brightwater Robotics, Inc.", "Brightwater")]
    [InlineData("Brightwater Robotics, Inc. reported results. The company said demand was strong.", "Brightwater Robotics, Inc.", "company")]
    [InlineData("DEPUTY SECRETARY CAMPBELL: Welcome.\n\nLater, Secretary Campbell left.", "CAMPBELL", "Campbell")]
    public void Later_mentions_link_to_the_same_entity(string text, string first, string later)
    {
        var entities = Recognizer.Recognize(text);

        var entity = entities.SingleOrDefault(e => e.Mentions.Any(m => m.Text == first));
        Assert.True(entity is not null, Describe(entities));
        Assert.Contains(entity.Mentions, m => m.Text == later && m.Start > entity.Mentions[0].Start);
    }

    [Fact]
    public void Ticker_and_exchange_attach_to_the_company()
    {
        var entities = Recognizer.Recognize("Nordwind Shipping Corp. (NASDAQ: NWS) reported record revenue.");

        var company = Assert.Single(entities, e => e.Type == EntityType.Company);
        Assert.Equal("NWS", company.Ticker);
        Assert.Equal("NASDAQ", company.Exchange);
    }

    [Fact]
    public void A_person_named_in_full_in_the_title_lends_the_full_name()
    {
        var entities = Recognizer.Recognize("Campbell welcomed the delegation.", "Remarks by Deputy Secretary Kurt M. Campbell");

        var person = Assert.Single(entities, e => e.Type == EntityType.Person);
        Assert.Equal("Kurt M. Campbell", person.Name);
        Assert.Equal("Campbell", Assert.Single(person.Mentions).Text);
    }

    [Fact]
    public void Knowledge_base_entities_keep_their_ids_and_spans()
    {
        const string Text = "Apple Inc. and the UN met in Seoul.";
        var entities = Recognizer.Recognize(Text);

        Assert.Equal(["company:AAPL", "org:un", "place:seoul"], entities.Select(e => e.Id));
        Assert.Equal("AAPL", entities[0].Ticker);
        foreach (var m in entities.SelectMany(e => e.Mentions))
        {
            Assert.Equal(m.Text, Text[m.Start..m.End]);
        }
    }

    private static string Describe(IReadOnlyList<Entity> entities) =>
        string.Join("; ", entities.Select(e => $"{e.Type} {e.Name}: {string.Join(", ", e.Mentions.Select(m => m.Text))}"));
}
