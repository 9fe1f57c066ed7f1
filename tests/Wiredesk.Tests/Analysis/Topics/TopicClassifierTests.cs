using Wiredesk.Analysis.Topics;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Analysis.Topics;

public class TopicClassifierTests
{
    private const string Economy = "medtop:04000000";
    private const string Conflict = "medtop:16000000";
    private const string Politics = "medtop:11000000";
    private const string CrimeLaw = "medtop:02000000";

    [Theory]
    [InlineData("Fed cuts rates", "The central bank lowered the federal funds rate by half a point as inflation eased and the economy grew.", Economy)]
    [InlineData("Acme beats estimates", "Acme reported quarterly revenue of $2 billion and raised its dividend; earnings per share rose and shares gained.", Economy)]
    [InlineData("Missiles fired at the coast", "The military said troops came under artillery fire after ballistic missiles struck the port; the army vowed retaliation.", Conflict)]
    [InlineData("Ceasefire talks stall", "Negotiators sought a ceasefire and the release of hostages as the war entered its ninth month.", Conflict)]
    [InlineData("Parliament votes on the budget", "Lawmakers in parliament backed the government after the prime minister won the election and formed a cabinet.", Politics)]
    [InlineData("Banker indicted for fraud", "Prosecutors said the banker was indicted on fraud and money laundering charges and will stand trial in federal court.", CrimeLaw)]
    [InlineData("Quake kills dozens", "An earthquake flattened villages; rescuers searched for survivors as the death toll rose and thousands were evacuated.", "medtop:03000000")]
    [InlineData("Storm brings snow", "Forecasters warned of heavy snowfall and a blizzard, with temperatures falling and rainfall expected to follow.", "medtop:17000000")]
    [InlineData("Vaccine trial succeeds", "The vaccine cut hospital admissions in a clinical trial; doctors said patients with the disease recovered faster.", "medtop:07000000")]
    [InlineData("Champions win the final", "The team's players lifted the trophy after the football championship final in a packed stadium; the coach praised the athletes.", "medtop:15000000")]
    [InlineData("Schools reopen", "Students and teachers returned to schools as the university revised its curriculum and tuition fees.", "medtop:05000000")]
    [InlineData("Jobless rate falls", "The unemployment rate fell as employers added jobs and wages rose; the labor market stayed tight for workers.", "medtop:09000000")]
    public void The_best_topic_is_the_obvious_one(string title, string text, string code)
    {
        var topics = TopicClassifier.Classify(title, text);

        Assert.NotEmpty(topics);
        Assert.Equal(code, topics[0].Code);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("Hello", "A short note with nothing in it.")]
    public void Text_without_subject_words_gets_no_topic(string title, string text)
    {
        Assert.Empty(TopicClassifier.Classify(title, text));
    }

    [Fact]
    public void The_lexicon_names_all_seventeen_top_level_media_topics_with_their_official_codes()
    {
        var topics = TopicClassifier.Scores("", "").Select(s => s.Topic).ToList();

        Assert.Equal(17, topics.Count);
        Assert.Equal(Enumerable.Range(1, 17).Select(i => $"medtop:{i:D2}000000"), topics.Select(t => t.Code));
        Assert.Contains(topics, t => t is { Code: Economy, Name: "economy, business and finance" });
        Assert.Contains(topics, t => t is { Code: Conflict, Name: "conflict, war and peace" });
        Assert.Contains(topics, t => t is { Code: CrimeLaw, Name: "crime, law and justice" });
        Assert.Contains(topics, t => t is { Code: Politics, Name: "politics" });
    }

    [Fact]
    public void Corpus_documents_get_at_most_three_distinct_topics_best_first()
    {
        foreach (var doc in Corpus.Documents)
        {
            var topics = TopicClassifier.Classify(doc.Title, doc.Body);
            var scores = TopicClassifier.Scores(doc.Title, doc.Body).ToDictionary(s => s.Topic.Code, s => s.Score);

            Assert.InRange(topics.Count, 1, 3);
            Assert.Equal(topics.Count, topics.Select(t => t.Code).Distinct().Count());
            Assert.Equal(topics.Select(t => scores[t.Code]).OrderDescending(), topics.Select(t => scores[t.Code]));
        }
    }

    /// <summary>The corpus 'topic' field is a human description; it only checks that assignments make sense.</summary>
    [Theory]
    [InlineData("Central banks", Economy)]
    [InlineData("Corporate", Economy)]
    [InlineData("Macro data", Economy)]
    [InlineData("Ratings", Economy)]
    [InlineData("Regulation", CrimeLaw)]
    [InlineData("Ukraine", Conflict)]
    [InlineData("Middle East", Conflict)]
    [InlineData("UK/US", Politics)]
    public void Corpus_documents_of_a_beat_get_its_topic(string beat, string code)
    {
        var docs = Corpus.Documents.Where(d => d.Topic?.StartsWith(beat, StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(docs);
        Assert.All(docs, d => Assert.Contains(code, TopicClassifier.Classify(d.Title, d.Body).Select(t => t.Code)));
    }

    [Fact]
    public void Corpus_missile_documents_get_conflict_and_sanctions_documents_politics_or_law()
    {
        var missiles = Corpus.Documents.Where(d => d.Topic?.Contains("missile", StringComparison.OrdinalIgnoreCase) == true).ToList();
        var sanctions = Corpus.Documents.Where(d => d.Topic?.StartsWith("Sanctions", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(missiles);
        Assert.NotEmpty(sanctions);
        Assert.All(missiles, d => Assert.Contains(Conflict, TopicClassifier.Classify(d.Title, d.Body).Select(t => t.Code)));
        Assert.All(sanctions, d => Assert.True(TopicClassifier.Classify(d.Title, d.Body).Any(t => t.Code is Politics or CrimeLaw), d.Id));
    }
}
