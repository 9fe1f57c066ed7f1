using Wiredesk.Ingest.Cleaning;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Ingest.Cleaning;

public class BoilerplateCleanerTests
{
    [Theory]
    [InlineData("Image Via Shutterstock")]
    [InlineData("Photo: Jane Example / Example Images")]
    [InlineData("(Photo by Jane Example/Example Images)")]
    [InlineData("Credit: Staff photographer, Example Agency")]
    [InlineData("Photo of Jane Example, Minister for Roads")]
    [InlineData("CITY - MAY 1: Workers repair the bridge on May 1, 2025 in City. (Photo by Jane Example/Example Images)")]
    [InlineData("This story was generated using an automated tool and edited by a staff writer")]
    [InlineData("© 2025 Example News. Example News does not provide investment advice. All rights reserved.")]
    [InlineData("Copyright 2025 Example Media Group")]
    [InlineData("This article is for informational purposes only and is not investment advice.")]
    [InlineData("An official website of the Example Republic Government Here's how you know")]
    [InlineData("Official websites use .gov")]
    [InlineData("Secure .gov websites use HTTPS")]
    [InlineData("Comments")]
    [InlineData("12 Comments")]
    [InlineData("Be the first to comment on this story.")]
    [InlineData("Share")]
    [InlineData("Share this article")]
    [InlineData("Facebook Twitter LinkedIn Email")]
    [InlineData("Subscribe to our newsletter for breaking news alerts.")]
    [InlineData("Trade smarter with real-time alerts and free reports on the stocks you follow.")]
    [InlineData("Get the next $ABC alert in real time by email")]
    [InlineData("Alert me about stories like this")]
    [InlineData("Follow us on Twitter")]
    [InlineData("Terms of use | Privacy policy | Cookie settings")]
    [InlineData("HomeNewsSportWeather")]
    [InlineData("Your email:")]
    [InlineData("Post my comment")]
    [InlineData("For Immediate Release")]
    [InlineData("For release at 2:00 p.m. EDT")]
    [InlineData("Cite this document")]
    [InlineData("Example Agency (2025, March 3). Press release. https://news.example.org/releases/2025/03/03")]
    [InlineData("March 3, 2025 | 4:15 pm ET")]
    [InlineData("3/5/25 4:05:43 PM ET")]
    [InlineData("Published 15 January 2025")]
    [InlineData("By Marta Olsen")]
    [InlineData("By Marta Olsen and Lena Brandt")]
    [InlineData("$ABC")]
    [InlineData("REF: 250103-X-AB123-0042")]
    [InlineData("class=\"article-body article-body--wide\">")]
    [InlineData("• Market News")]
    [InlineData("Related Articles")]
    [InlineData("Example Ministry of Transport")]
    public void Removes_page_furniture(string line)
    {
        var (text, removed) = BoilerplateCleaner.Clean(line);
        Assert.Equal("", text);
        Assert.Equal([line], removed);
    }

    [Theory]
    [InlineData("The minister said the plan would cost $4 million.")]
    [InlineData("“We will not back down,” the minister said.")]
    [InlineData("\"Share prices will recover,\" the analyst said.")]
    [InlineData("Shares of the company fell 3% on Monday.")]
    [InlineData("The agency said it would send alerts by email to residents in the flood zone.")]
    [InlineData("Follow-up talks are planned for next week.")]
    [InlineData("What Happened: The council voted 7-2 to approve the budget.")]
    [InlineData("The following is attributable to Spokesperson Jane Example:")]
    [InlineData("– Raises full-year outlook –")]
    [InlineData("By Friday, the river had fallen below its flood mark.")]
    [InlineData("Copyright law was at the centre of the dispute, the court said.")]
    [InlineData("WASHINGTON — The Senate passed the bill on Tuesday.")]
    [InlineData("The committee will publish its report on May 3, 2025.")]
    [InlineData("Prices rose in the period, to 4.2%.")]
    public void Keeps_story_text(string line)
    {
        var (text, removed) = BoilerplateCleaner.Clean(line);
        Assert.Equal(line, text);
        Assert.Empty(removed);
    }

    [Fact]
    public void Normalises_whitespace_inside_paragraphs_and_keeps_odd_characters()
    {
        var (text, _) = BoilerplateCleaner.Clean("  The\tbank’s  rate rose\u00A0to 5%   on Tuesday.  \n\n\n\n  It was the first\u2011ever rise. ");
        Assert.Equal("The bank’s rate rose\u00A0to 5% on Tuesday.\n\nIt was the first\u2011ever rise.", text);
    }

    [Fact]
    public void Joins_soft_wrapped_lines_and_keeps_one_line_per_paragraph_otherwise()
    {
        var wrapped = "The harbour authority approved a six-month trial of night\nshipping on Friday, after years of requests.\nOperators welcomed the decision.";
        var (text, _) = BoilerplateCleaner.Clean(wrapped);
        Assert.Equal("The harbour authority approved a six-month trial of night shipping on Friday, after years of requests.\n\nOperators welcomed the decision.", text);
    }

    /// <summary>The shared example page: its story paragraphs come first and its furniture lines last (five of
    /// them: credit, generated-by note, copyright/disclaimer, "Comments", a trading promo).</summary>
    [Fact]
    public void Example_page_loses_every_furniture_line_and_keeps_every_story_paragraph()
    {
        var path = Path.Combine(TestPaths.ExamplesFolder, "published-story-with-page-boilerplate.txt");
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).Select(l => l.Trim()).ToList();
        const int FurnitureLines = 5;
        var story = lines.Take(lines.Count - FurnitureLines).ToList();
        var furniture = lines.Skip(lines.Count - FurnitureLines).ToList();

        var (text, removed) = BoilerplateCleaner.Clean(File.ReadAllText(path));

        Assert.Equal(furniture, removed);
        Assert.Equal(story, text.Split("\n\n"));
    }
}
