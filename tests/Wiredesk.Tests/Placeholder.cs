namespace Wiredesk.Tests;

public class StorageSmokeTests
{
    [Fact]
    public async Task Opening_a_new_store_applies_the_migrations()
    {
        var folder = Directory.CreateTempSubdirectory("wd-test-");
        var db = await Wiredesk.Storage.Database.OpenAsync(Path.Combine(folder.FullName, "x.db"));
        Assert.True(File.Exists(db.Path));
    }
}
