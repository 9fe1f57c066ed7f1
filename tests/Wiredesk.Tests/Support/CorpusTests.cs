namespace Wiredesk.Tests.Support;

public class CorpusTests
{
    [Fact]
    public void The_shared_corpus_is_found_with_its_annotations()
    {
        Assert.True(Corpus.Documents.Count >= 30, $"only {Corpus.Documents.Count} corpus documents under {TestPaths.CorpusFolder}");
        Assert.All(Corpus.Documents, d => Assert.NotNull(d.Gold));
    }
}
