using Wiredesk.Analysis;
using Wiredesk.Verification;
using KnowledgeBaseIndex = Wiredesk.Analysis.KnowledgeBase.KnowledgeBase;

namespace Wiredesk.Drafting;

/// <summary>The deterministic, offline draft writer (docs/drafting.md). For every slot of the house style it
/// proposes rewrites of source sentences, boldest first, and keeps the first the verifier supports; a slot with no
/// supported candidate is left out. The finished draft is verified once more as a whole, so its verdicts travel with
/// it, and any sentence that still fails is dropped: faithfulness beats fluency. Read-only state; thread-safe.</summary>
public sealed class DraftWriter(Analyzer analyzer, KnowledgeBaseIndex knowledgeBase, ExposureMap exposures, Verifier verifier) : IDraftWriter
{
    public const string LedeTitle = "Lede";
    public const string WhatHappenedTitle = "What Happened";
    public const string WhyItMattersTitle = "Why It Matters";
    public const int MaxLedeWords = 40;
    public const int MaxWhatHappened = 5;

    public Task<Draft> WriteAsync(DraftRequest request, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        return Task.FromResult(Write(request));
    }

    public Draft Write(DraftRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Reports.Count == 0)
        {
            throw new ArgumentException("a draft needs at least one report", nameof(request));
        }

        var reports = request.Reports
            .Select((r, i) => (Report: Prepare(r), Index: i))
            .OrderBy(x => x.Report.Report.Published ?? DateTimeOffset.MaxValue).ThenBy(x => x.Index)
            .Select(x => x.Report).ToList();
        var composer = new DraftComposer(reports, verifier, knowledgeBase);
        // The earlier reports depend only on the story's entities: chosen first, so that every sentence is checked
        // against the same sources from the start and the finished draft's gate asks the questions already asked.
        var earlier = EarlierReports(composer, request.Earlier ?? []);
        composer.Consult(earlier);
        var lede = composer.Lede();
        var headline = composer.Headline();
        var whatHappened = composer.WhatHappened();
        var why = composer.Context();
        why.AddRange(earlier.SelectMany(composer.Earlier));
        why.AddRange(composer.Facts(MarketFacts(composer)));
        if (why.Count == 0)
        {
            why.AddRange(composer.Remaining(1));
        }

        var draft = new Draft
        {
            Headline = headline,
            Sections =
            [
                new DraftSection { Title = LedeTitle, Sentences = lede is null ? [] : [lede] },
                new DraftSection { Title = WhatHappenedTitle, Sentences = whatHappened },
                new DraftSection { Title = WhyItMattersTitle, Sentences = why },
            ],
            Sources = [.. reports.Concat(earlier.Where(e => composer.Cited.Contains(e.Report.Id))).Select(ToSource)],
        };
        // The gate judges the draft against its own source list (an earlier report that was not cited is not one):
        // what an independent `verify` of the draft would see.
        var cited = reports.Concat(earlier.Where(e => composer.Cited.Contains(e.Report.Id))).ToList();
        return Finish(draft, [.. cited.Select(r => r.Verification)], [.. cited.Select(r => r.Report.Text)]);
    }

    /// <summary>The last gate: verify every sentence, keep verdicts, drop what the verifier rejects, measure copying.</summary>
    private Draft Finish(Draft draft, IReadOnlyList<VerificationSource> sources, IReadOnlyList<string> texts)
    {
        var verified = DraftVerification.Verify(verifier, draft, sources).Draft;
        var kept = verified with
        {
            Sections = [.. verified.Sections.Select(s => s with { Sentences = [.. s.Sentences.Where(x => x.Verdict == Verdicts.Supported)] })],
        };
        return kept with { Metrics = CopyMetrics.Measure(kept.Sections.SelectMany(s => s.Sentences).Select(s => s.Text), texts) };
    }

    private PreparedReport Prepare(SourceReport report)
    {
        var analysis = report.Analysis ?? analyzer.Analyze(report.Title, report.Text, report.Published);
        var source = VerificationSource.FromAnalysis(report.Id, report.Text, analysis, report.Published, report.Source);
        return new PreparedReport(report, analysis, source);
    }

    /// <summary>Earlier reports worth citing: published before the story began and sharing its main entities, where
    /// a country counts half (one named person or body and one country, or three countries), most shared first, at
    /// most two.</summary>
    private List<PreparedReport> EarlierReports(DraftComposer composer, IReadOnlyList<SourceReport> candidates)
    {
        var first = composer.Reports.Select(r => r.Report.Published).Min();
        if (first is null || candidates.Count == 0)
        {
            return [];
        }

        var own = composer.Reports.Select(r => r.Report.Id).ToHashSet(StringComparer.Ordinal);
        var main = composer.MainEntityIds;
        // A report analysed already (stored) is judged by its entities alone; any other is first searched as plain
        // text, so that only reports naming one of the main entities are analysed. Only the two taken are prepared
        // for verification.
        // The names are listed only when a candidate without an analysis needs them.
        List<string>? names = null;
        List<string> Names() => names ??= [.. composer.MainEntities.SelectMany(e => e.Mentions.Select(m => m.Text).Append(e.Name))
            .Where(n => n.Length >= 3).Distinct(StringComparer.Ordinal)];
        return [.. candidates
            .Where(c => c.Published is { } p && p < first && !own.Contains(c.Id) && (c.Analysis is not null || NamesAny(c.Text, Names())))
            .Select(c => (Report: c, Analysis: c.Analysis ?? analyzer.Analyze(c.Title, c.Text, c.Published)))
            .Select(x => (x.Report, x.Analysis, Shared: Shared(x.Analysis, main)))
            .Where(x => x.Shared >= 1.5)
            .OrderByDescending(x => x.Shared).ThenByDescending(x => x.Report.Published)
            .Take(2)
            .OrderBy(x => x.Report.Published)
            .Select(x => Prepare(x.Report with { Analysis = x.Analysis }))];
    }

    /// <summary>How many of the main entities a report names, a country counting half.</summary>
    private static double Shared(ReportAnalysis analysis, HashSet<string> main)
    {
        // Every earlier-report candidate of every draft comes through here: an index loop, not the list interface's
        // enumerator (an allocation and two interface calls per entity).
        var shared = 0.0;
        var entities = analysis.Entities;
        for (var i = 0; i < entities.Count; i++)
        {
            var e = entities[i];
            if (main.Contains(e.Id))
            {
                shared += e.Type == EntityType.Country ? 0.5 : 1;
            }
        }

        return shared;
    }

    private static bool NamesAny(string text, List<string> names) => names.Exists(n => text.Contains(n, StringComparison.Ordinal));

    /// <summary>Market relevance: exposure-map themes (at most two), the story's listed companies (at most two), and
    /// the main countries' markets (at most two).</summary>
    private List<DraftFact> MarketFacts(DraftComposer composer)
    {
        var text = string.Join("\n", composer.Reports.Select(r => r.Report.Title + "\n" + r.Report.Text));
        var matched = exposures.Match(composer.MainEntityIds, text);
        var facts = new List<DraftFact>();
        facts.AddRange(matched.Where(f => f.Kind != ExposureKinds.Country).Take(2).Select(f => new DraftFact(f.Id, f.Text)));
        foreach (var company in composer.MainEntities.Where(e => e.Type == EntityType.Company && e.Ticker is not null).Take(2))
        {
            if (CompanyFact(company) is { } fact)
            {
                facts.Add(fact);
            }
        }

        facts.AddRange(matched.Where(f => f.Kind == ExposureKinds.Country)
            .Where(f => f.Triggers.Entities.Any(composer.MainCountryIds.Contains))
            .Take(2).Select(f => new DraftFact(f.Id, f.Text)));
        return facts;
    }

    /// <summary>A listed company's ticker, exchange and sector, as the knowledge base records them.</summary>
    private DraftFact? CompanyFact(Entity company)
    {
        if (knowledgeBase.Find(company.Id) is not { Ticker: { } ticker } entry)
        {
            return null;
        }

        var exchange = entry.Exchange is { } x ? $" on the {x}" : "";
        var sector = entry.Sector is { } s ? $" and belongs to the {s} sector" : "";
        return new DraftFact("kb:" + entry.Id, $"{entry.Name} trades under the ticker {ticker}{exchange}{sector}.");
    }

    private static DraftSource ToSource(PreparedReport r) => new()
    {
        Report = r.Report.Id,
        Title = r.Report.Title,
        Source = r.Report.Source,
        Url = r.Report.Url,
        Published = r.Report.Published,
    };
}

/// <summary>A report with its analysis and its verification form, made once per draft.</summary>
internal sealed record PreparedReport(SourceReport Report, ReportAnalysis Analysis, VerificationSource Verification);
