namespace Wiredesk.Tests.Support;

/// <summary>Golden files: expected text output kept beside the tests. Set WIREDESK_UPDATE_GOLDEN=1 to rewrite the
/// expected files from the actual output (then review the diff before committing).</summary>
public static class Golden
{
    /// <summary>Compares with the expected file, a path relative to the repository root.</summary>
    public static void AssertMatches(string expectedPath, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var path = Path.IsPathRooted(expectedPath) ? expectedPath : Path.Combine(TestPaths.RepoRoot, expectedPath);
        var normalised = actual.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n') + "\n";
        if (Environment.GetEnvironmentVariable("WIREDESK_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, normalised);
            return;
        }

        Assert.True(File.Exists(path), $"golden file {expectedPath} is missing; run the tests with WIREDESK_UPDATE_GOLDEN=1 to create it");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, normalised);
    }
}
