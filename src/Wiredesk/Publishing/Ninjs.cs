using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Serialization;

namespace Wiredesk.Publishing;

/// <summary>A published story as an IPTC ninjs 3.x news object (see docs/publishing.md for the mapping). Standard
/// version 3.1, the first 3.x version with <c>digitalSourceType</c>; every other property used is a 3.0 property.
/// Absent values are left out (the schema allows no nulls).</summary>
public sealed record NinjsItem
{
    public required string Uri { get; init; }
    public string Type { get; init; } = "text";
    public required string Version { get; init; }
    public required DateTimeOffset FirstCreated { get; init; }
    public required DateTimeOffset VersionCreated { get; init; }
    /// <summary>"usable" for a live story, "canceled" for a killed one.</summary>
    public required string PubStatus { get; init; }
    public string Language { get; init; } = "en";
    public required string Slugline { get; init; }
    public required string By { get; init; }
    public required IReadOnlyList<NinjsText> Headlines { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<NinjsBody>? Bodies { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<NinjsText>? Descriptions { get; init; }
    public IReadOnlyList<NinjsConcept> Subjects { get; init; } = [];
    public IReadOnlyList<NinjsOrganisation> Organisations { get; init; } = [];
    public IReadOnlyList<NinjsConcept> People { get; init; } = [];
    public IReadOnlyList<NinjsConcept> Places { get; init; } = [];
    public IReadOnlyList<NinjsInfoSource> InfoSources { get; init; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<NinjsAssociation>? Associations { get; init; }
    public required NinjsConcept DigitalSourceType { get; init; }
    public required NinjsRights RightsInfo { get; init; }
    public required string UsageTerms { get; init; }
    public NinjsStandard Standard { get; init; } = NinjsStandard.Current;
}

/// <summary>A headline or description: role, media type, text.</summary>
public sealed record NinjsText(string Role, string ContentType, string Value);

public sealed record NinjsBody(string Role, string ContentType, string Value, int CharCount, int WordCount);

/// <summary>A subject, person, place or digital source type: name, and a URI or a literal identifier.</summary>
public sealed record NinjsConcept
{
    public required string Name { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Rel { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Uri { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Literal { get; init; }
}

public sealed record NinjsOrganisation
{
    public required string Name { get; init; }
    public string Rel { get; init; } = "about";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Literal { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<NinjsSymbol>? Symbols { get; init; }
}

public sealed record NinjsSymbol
{
    public required string Ticker { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Exchange { get; init; }
}

public sealed record NinjsInfoSource
{
    public required string Name { get; init; }
    public string Role { get; init; } = "source";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Uri { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Literal { get; init; }
}

/// <summary>The lead image, as an associated picture object.</summary>
public sealed record NinjsAssociation
{
    public required string Name { get; init; }
    public required string Uri { get; init; }
    public string Type { get; init; } = "picture";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? By { get; init; }
    public required IReadOnlyList<NinjsRendition> Renditions { get; init; }
}

public sealed record NinjsRendition(string Name, string Href);

public sealed record NinjsRights(string LinkedRights);

public sealed record NinjsStandard(string Name, string Version, string Schema)
{
    public static NinjsStandard Current { get; } = new("ninjs", "3.1", "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#");
}

/// <summary>Maps a published story to ninjs. Pure: the site's base address is passed in, so the output is stable.</summary>
public static class Ninjs
{
    /// <summary>IPTC digital source type for text produced by code from data (here: wire reports) — the deterministic
    /// draft writer; the human edit is stated in <c>by</c> and in the story's credit line.</summary>
    public static NinjsConcept MachineDraftedHumanEdited { get; } = new()
    {
        Name = "Data-driven media: drafted by software from wire reports, checked and edited by a human editor",
        Uri = "http://cv.iptc.org/newscodes/digitalsourcetype/dataDrivenMedia",
    };

    public const string UsageTerms =
        "Summaries of third-party wire reports with links to each source; quotations remain their speakers' and sources'. Not investment advice.";

    public static NinjsItem From(Article article, Uri site)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(site);
        var killed = article.Status == ArticleStatus.Killed;
        var descriptions = new List<NinjsText>();
        if (article.CorrectionNote is { } note)
        {
            descriptions.Add(new NinjsText("correction", "text/plain", note));
        }

        if (killed && article.KillNotice is { } notice)
        {
            descriptions.Add(new NinjsText("kill-notice", "text/plain", notice));
        }

        var plain = PlainBody(article);
        return new NinjsItem
        {
            Uri = new Uri(site, $"stories/{article.StoryId}").ToString(),
            Version = article.Version.ToString(CultureInfo.InvariantCulture),
            FirstCreated = article.FirstPublishedAt,
            VersionCreated = killed && article.KilledAt is { } at ? at : article.UpdatedAt,
            PubStatus = killed ? "canceled" : "usable",
            Slugline = article.Slug,
            By = $"Wiredesk, edited by {article.EditorName}",
            Headlines = [new NinjsText("main", "text/plain", article.Headline)],
            // A killed story is withdrawn: its text no longer travels, only the notice.
            Bodies = killed ? null : [new NinjsBody("main", "text/plain", plain, plain.Length, WordCount(plain)), new NinjsBody("richtext", "text/html", HtmlBody(article), plain.Length, WordCount(plain))],
            Descriptions = descriptions.Count == 0 ? null : descriptions,
            Subjects = [.. article.TagsOf(TagKinds.Topic).Select(t => new NinjsConcept { Name = t.Name, Rel = "about", Uri = MediaTopicUri(t.Code), Literal = t.Code })],
            Organisations =
            [
                .. article.TagsOf(TagKinds.Company).Select(c => new NinjsOrganisation { Name = c.Name, Literal = c.Code, Symbols = Symbols(article, c) }),
                .. article.TagsOf(TagKinds.Organization).Select(o => new NinjsOrganisation { Name = o.Name, Literal = o.Code }),
            ],
            People = [.. article.TagsOf(TagKinds.Person).Select(p => new NinjsConcept { Name = p.Name, Rel = "about", Literal = p.Code })],
            Places = [.. article.TagsOf(TagKinds.Country).Select(c => new NinjsConcept { Name = c.Name, Rel = "about", Uri = CountryUri(c.Code), Literal = c.Code })],
            InfoSources = [.. article.Draft.Sources.Select(s => new NinjsInfoSource
            {
                Name = s.Source ?? s.Title ?? $"report {s.Report}",
                Uri = IsWebUrl(s.Url) ? s.Url : null,
                Literal = $"report:{s.Report}",
            })],
            Associations = article.ImageUrl is { } image && !killed
                ? [new NinjsAssociation { Name = "leadimage", Uri = image, By = article.ImageCredit, Renditions = [new NinjsRendition("original", image)] }]
                : null,
            DigitalSourceType = MachineDraftedHumanEdited,
            RightsInfo = new NinjsRights(new Uri(site, "rights").ToString()),
            UsageTerms = UsageTerms,
        };
    }

    /// <summary>The story as plain text: each section's title on its own line, then its sentences as one paragraph.</summary>
    public static string PlainBody(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var text = new StringBuilder();
        foreach (var section in article.Draft.Sections.Where(s => s.Sentences.Count > 0))
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            if (!string.IsNullOrWhiteSpace(section.Title))
            {
                text.Append(section.Title).Append('\n');
            }

            text.AppendJoin(' ', section.Sentences.Select(s => s.Text));
        }

        return text.ToString();
    }

    /// <summary>The story as HTML; every piece of text is HTML-encoded.</summary>
    public static string HtmlBody(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var html = new StringBuilder();
        foreach (var section in article.Draft.Sections.Where(s => s.Sentences.Count > 0))
        {
            if (!string.IsNullOrWhiteSpace(section.Title))
            {
                html.Append("<h2>").Append(WebUtility.HtmlEncode(section.Title)).Append("</h2>");
            }

            html.Append("<p>").AppendJoin(' ', section.Sentences.Select(s => WebUtility.HtmlEncode(s.Text))).Append("</p>");
        }

        return html.ToString();
    }

    private static List<NinjsSymbol>? Symbols(Article article, ArticleTag company)
    {
        var symbols = article.TagsOf(TagKinds.Ticker).Where(t => t.Company == company.Key)
            .Select(t => new NinjsSymbol { Ticker = t.Name, Exchange = t.Code }).ToList();
        return symbols.Count == 0 ? null : symbols;
    }

    private static string? MediaTopicUri(string? code) =>
        code is not null && code.StartsWith("medtop:", StringComparison.Ordinal) ? $"http://cv.iptc.org/newscodes/mediatopic/{code["medtop:".Length..]}" : null;

    private static string? CountryUri(string? code) =>
        code is not null && code.StartsWith("country:", StringComparison.Ordinal) && code.Length == "country:".Length + 2
            ? $"http://cvx.iptc.org/iso3166-1a2/{code["country:".Length..].ToLowerInvariant()}"
            : null;

    private static bool IsWebUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
