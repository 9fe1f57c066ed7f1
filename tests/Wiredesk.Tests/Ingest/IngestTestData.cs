using Wiredesk.Ingest;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Ingest;

/// <summary>The team-written inputs under tests/Wiredesk.Tests/Ingest/TestData (see the README there).</summary>
internal static class IngestTestData
{
    public static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "Wiredesk.Tests", "Ingest", "TestData");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    public static RawInput Input(string name, string? contentType = null) => new(PathOf(name), File.ReadAllBytes(PathOf(name)), contentType);
}
