namespace Wiredesk.Storage;

/// <summary>The SQL that differs between SQLite and PostgreSQL, kept in one place so the stores stay plain SQL.</summary>
public sealed record SqlDialect(string Name, string InsertReturningId)
{
    public static SqlDialect Sqlite { get; } = new("sqlite", "RETURNING id");
}
