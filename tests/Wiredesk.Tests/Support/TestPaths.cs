namespace Wiredesk.Tests.Support;

/// <summary>Where the repository and the shared corpus are, found from the test binary's folder so that
/// a clone anywhere works (the corpus sits in ../shared beside the repository).</summary>
public static class TestPaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string SharedFolder => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string CorpusFolder => Path.Combine(SharedFolder, "corpus");

    public static string ExamplesFolder => Path.Combine(SharedFolder, "examples");

    /// <summary>A fresh folder for one test's data; each test owns its data.</summary>
    public static string NewTempFolder()
    {
        return Directory.CreateTempSubdirectory("wiredesk-test-").FullName;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Wiredesk.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Wiredesk.slnx not found above the test binaries");
    }
}
