using Dapper;
using Wiredesk.Storage;
using Wiredesk.Tests.Support;

namespace Wiredesk.Tests.Storage;

public class DatabaseTests
{
    [Fact]
    public async Task Opening_a_new_store_applies_every_migration_once()
    {
        var path = Path.Combine(TestPaths.NewTempFolder(), "store", "wiredesk.db");
        await Database.OpenAsync(path);
        var again = await Database.OpenAsync(path);

        await using var connection = await again.ConnectAsync();
        var versions = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations")).ToList();
        Assert.Equal(versions.Distinct().Count(), versions.Count);
        Assert.Contains(1L, versions);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM sqlite_master WHERE name = 'reports'"));
    }
}
