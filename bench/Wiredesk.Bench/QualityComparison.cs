namespace Wiredesk.Bench;

/// <summary>Entity, quote and number figures on the corpus, ours beside compromise's, scored by one scorer.</summary>
public static class QualityComparison
{
    public static Task RunAsync(bool peer)
    {
        _ = peer;
        Console.WriteLine("quality comparison: pending the shared scorer");
        return Task.CompletedTask;
    }
}
