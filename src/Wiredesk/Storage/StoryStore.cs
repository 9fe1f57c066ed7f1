using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Wiredesk.Stories;

namespace Wiredesk.Storage;

/// <summary>Stories, their timelines and the key index candidates are found through. The static queries take the
/// ingest's open transaction, so a report and its story membership are written together or not at all.</summary>
public sealed class StoryStore(Database database)
{
    /// <summary>Stories read per key: the most recently active ones in the window. Bounds a lookup by a key that
    /// thousands of stories carry (a country) while a specific key (a person) returns all of its few stories.</summary>
    public const int StoriesPerKey = 32;

    public Database Database { get; } = database;

    public static async Task<long?> StoryOfAsync(DbConnection connection, DbTransaction? tx, long reportId) =>
        (long?)await connection.ScalarAsync(tx, "SELECT story_id FROM story_reports WHERE report_id = @reportId", ("@reportId", reportId));

    /// <summary>The highest story id: the story count IDF needs, read from the primary key's end instead of counted.</summary>
    public static async Task<long> StoryCountAsync(DbConnection connection, DbTransaction? tx)
    {
        var cache = StoryStateCache.Of(connection);
        await cache.CheckAsync(connection, tx);
        return cache.StoryCount ??= (long?)await connection.ScalarAsync(tx, "SELECT max(id) FROM stories") ?? 0;
    }

    /// <summary>How many stories carry each of the given keys (absent keys carry none).</summary>
    public static async Task<Dictionary<string, long>> KeyCountsAsync(DbConnection connection, DbTransaction? tx, IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var counts = new Dictionary<string, long>(keys.Count, StringComparer.Ordinal);
        var cache = StoryStateCache.Of(connection);
        await cache.CheckAsync(connection, tx);
        var missing = new List<string>();
        foreach (var key in keys)
        {
            if (!cache.TryGetKeyCount(key, out var count))
            {
                missing.Add(key);
            }
            else if (count > 0)
            {
                counts[key] = count;
            }
        }

        if (missing.Count == 0)
        {
            return counts;
        }

        var found = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await connection.ReadAsync(
            tx, InList("SELECT key, stories FROM story_key_counts WHERE key IN ({0})", missing.Count), Values(missing)))
        {
            while (await reader.ReadAsync())
            {
                found[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        foreach (var key in missing)
        {
            // Absent keys are kept as 0 too: most of a new report's pairs are on no story yet.
            var count = found.GetValueOrDefault(key);
            cache.SetKeyCount(key, count);
            if (count > 0)
            {
                counts[key] = count;
            }
        }

        return counts;
    }

    /// <summary>Stories sharing a key with the report whose span of event days for that key meets [from, to]: one
    /// index search per key (story_keys_recent), each bounded by <see cref="StoriesPerKey"/>. The batched writer
    /// answers from its copy of the index in memory (<see cref="StoryKeyIndex"/>), which gives the same rows.</summary>
    public static async Task<IReadOnlyList<(long StoryId, string Key)>> CandidatesForAsync(
        DbConnection connection, DbTransaction? tx, IReadOnlyList<string> keys, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var cache = StoryStateCache.Of(connection);
        if (cache.KeyIndex is { } index)
        {
            await cache.CheckAsync(connection, tx);
            if (index.Covers(from.DayNumber))
            {
                return await CandidatesInMemoryAsync(connection, tx, index, keys, from, to);
            }
        }

        return await CandidatesBySqlAsync(connection, tx, keys, from, to);
    }

    /// <summary>The candidate lookup in SQL, whatever the connection keeps in memory.</summary>
    public static async Task<IReadOnlyList<(long StoryId, string Key)>> CandidatesBySqlAsync(
        DbConnection connection, DbTransaction? tx, IReadOnlyList<string> keys, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }

        var hits = new List<(long StoryId, string Key)>();
        await using var reader = await connection.ReadAsync(
            tx, CandidateQuery(keys.Count), [("@from", Day(from)), ("@to", Day(to)), ("@perKey", StoriesPerKey), .. Values(keys, "@k")]);
        while (await reader.ReadAsync())
        {
            hits.Add((reader.GetInt64(0), keys[reader.GetInt32(1)]));
        }

        return hits;
    }

    private static async Task<IReadOnlyList<(long StoryId, string Key)>> CandidatesInMemoryAsync(
        DbConnection connection, DbTransaction? tx, StoryKeyIndex index, IReadOnlyList<string> keys, DateOnly from, DateOnly to)
    {
        var cache = StoryStateCache.Of(connection);
        var missing = new List<string>();
        foreach (var key in keys)
        {
            if (index.IsLoaded(key))
            {
                continue;
            }

            // A key no story carries (its count, kept since the report's weights were computed, is 0) has no rows:
            // most of a new report's entity pairs are such keys, and they need no query.
            if (cache.TryGetKeyCount(key, out var count) && count == 0)
            {
                index.Load(key, []);
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            var rows = missing.ToDictionary(k => k, _ => new List<(long, int, int)>(), StringComparer.Ordinal);
            var floor = DateOnly.FromDayNumber(index.Floor!.Value);
            await using (var reader = await connection.ReadAsync(
                tx,
                InList("SELECT key, story_id, first_seen, last_seen FROM story_keys WHERE key IN ({0}) AND last_seen >= @floor", missing.Count),
                [("@floor", Day(floor)), .. Values(missing)]))
            {
                while (await reader.ReadAsync())
                {
                    rows[reader.GetString(0)].Add((reader.GetInt64(1), DayNumber(reader.GetString(2)), DayNumber(reader.GetString(3))));
                }
            }

            foreach (var (key, keyRows) in rows)
            {
                index.Load(key, keyRows);
            }
        }

        // Sized for a few stories per key: the list otherwise grows (and is copied) several times per report.
        var hits = new List<(long StoryId, string Key)>(keys.Count * 4);
        var stories = new List<long>(StoriesPerKey);
        foreach (var key in keys)
        {
            // Loading the last keys may have started the index over; a key dropped so is read again.
            if (!index.IsLoaded(key))
            {
                return await CandidatesBySqlAsync(connection, tx, keys, from, to);
            }

            stories.Clear();
            index.Candidates(key, from.DayNumber, to.DayNumber, StoriesPerKey, stories);
            foreach (var story in stories)
            {
                hits.Add((story, key));
            }

        }

        return hits;
    }

    public static string CandidateQuery(int keys)
    {
        lock (CandidateQueries)
        {
            if (!CandidateQueries.TryGetValue(keys, out var sql))
            {
                var parts = Enumerable.Range(0, keys).Select(i =>
                    $"SELECT * FROM (SELECT story_id, {i} FROM story_keys WHERE key = @k{i} AND last_seen >= @from AND first_seen <= @to ORDER BY last_seen DESC, first_seen DESC, story_id DESC LIMIT @perKey)");
                CandidateQueries[keys] = sql = string.Join("\nUNION ALL\n", parts);
            }

            return sql;
        }
    }

    /// <summary>The profiles and lead times of the given stories, by id. States read on a connection are kept with
    /// it (see <see cref="StoryStateCache"/>), so a long-running ingest parses a busy story's profile once.</summary>
    public static async Task<Dictionary<long, StoryState>> StatesAsync(DbConnection connection, DbTransaction? tx, IReadOnlyCollection<long> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var cache = StoryStateCache.Of(connection);
        await cache.CheckAsync(connection, tx);
        var states = new Dictionary<long, StoryState>(ids.Count);
        var missing = new List<long>();
        foreach (var id in ids)
        {
            if (cache.TryGet(id, out var state))
            {
                states[id] = state;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return states;
        }

        await using var reader = await connection.ReadAsync(
            tx, InList("SELECT id, lead_at, first_seen, last_updated, profile FROM stories WHERE id IN ({0})", missing.Count), Values(missing));
        while (await reader.ReadAsync())
        {
            var state = new StoryState(
                reader.GetInt64(0), Parse(reader.GetString(1)), Parse(reader.GetString(2)), Parse(reader.GetString(3)),
                JsonSerializer.Deserialize<StoryProfile>(reader.GetString(4), ProfileJson)!);
            states[state.Id] = state;
            cache.Set(state);
        }

        return states;
    }

    /// <summary>Drops the story states kept with the connection: after a rollback they may hold what was undone.</summary>
    public static void ForgetKeptStates(DbConnection connection) => StoryStateCache.Of(connection).Clear();

    /// <summary>Makes the connection a batched ingest's writer: it keeps the candidate index in memory and writes the
    /// rows of the stories its reports join once per transaction. The caller must run <see cref="WritePendingAsync"/>
    /// before every commit and <see cref="UndoReportAsync"/> after rolling back one report's savepoint.</summary>
    public static void KeepWriterState(DbConnection connection) => StoryStateCache.Of(connection).KeepWriterState();

    /// <summary>A report's write starts (writer only): what is kept is dropped if another connection has committed
    /// since the transaction began (before de-duplication reads the kept shingles), and the report's changes to kept
    /// stories can be undone from here.</summary>
    public static async Task BeginReportAsync(DbConnection connection, DbTransaction tx)
    {
        var cache = StoryStateCache.Of(connection);
        await cache.CheckAsync(connection, tx);
        cache.BeginReport();
    }

    /// <summary>Writes the rows of the stories joined since the last call (their kept state, once each) and the report
    /// band rows held for the transaction.</summary>
    public static async Task WritePendingAsync(DbConnection connection, DbTransaction tx)
    {
        var cache = StoryStateCache.Of(connection);
        foreach (var (id, pending) in cache.Pending.OrderBy(p => p.Key).ToList())
        {
            cache.TryGet(id, out var state);
            UpdateRow(connection, state, pending);
            cache.Written(id);
        }

        cache.PendingBands?.Write(connection);
    }

    /// <summary>After the savepoint of one report was rolled back: the stories the reports before it joined get
    /// their rows written as those reports left them, and everything else kept is dropped.</summary>
    public static async Task UndoReportAsync(DbConnection connection, DbTransaction tx)
    {
        var cache = StoryStateCache.Of(connection);
        cache.UndoReport();
        await WritePendingAsync(connection, tx);
        cache.Clear();
    }

    /// <summary>Starts a story with the report as its first and lead report.</summary>
    public static async Task<long> AddAsync(DbConnection connection, DbTransaction tx, long reportId, StoryFeatures report, StoryProfile profile)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(profile);
        var at = ReportStore.Format(report.At);
        var id = (long)(await connection.ScalarAsync(
            tx,
            """
            INSERT INTO stories (title, lead_report_id, lead_at, first_seen, last_updated, report_count, entities, profile)
            VALUES (@title, @reportId, @at, @at, @at, 1, @entities, @profile)
            RETURNING id
            """,
            ("@title", report.Title),
            ("@reportId", reportId),
            ("@at", at),
            ("@entities", EntitiesJson(profile)),
            ("@profile", JsonSerializer.Serialize(profile, ProfileJson))))!;
        var cache = StoryStateCache.Of(connection);
        cache.Set(new StoryState(id, report.At, report.At, report.At, profile));
        if (cache.StoryCount is { } count && id > count)
        {
            cache.StoryCount = id;
        }

        AddToTimeline(connection, id, reportId, report, null);
        IndexKeys(connection, id, report, isNewStory: true);
        return id;
    }

    /// <summary>Adds the report to the story: timeline, times, profile and key index. An earlier report becomes the
    /// story's lead and gives it its title.</summary>
    public static async Task JoinAsync(DbConnection connection, DbTransaction tx, StoryState story, long reportId, StoryFeatures report, double score)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(report);
        var profile = story.Profile.With(report);
        var leads = report.At < story.LeadAt;
        // The same state the row holds once written: first and last times as min/max, as the UPDATE computes them.
        var state = new StoryState(
            story.Id,
            leads ? report.At : story.LeadAt,
            report.At < story.FirstSeen ? report.At : story.FirstSeen,
            report.At > story.LastUpdated ? report.At : story.LastUpdated,
            profile);
        var cache = StoryStateCache.Of(connection);
        if (cache.KeepsWriterState)
        {
            // The writer rewrites the row (its profile is most of it) once per transaction, not once per report.
            cache.Joined(state, leads ? report.Title : null, leads ? reportId : null);
        }
        else
        {
            UpdateRow(connection, state, new PendingStory(1, leads ? report.Title : null, leads ? reportId : null));
            cache.Set(state);
        }

        AddToTimeline(connection, story.Id, reportId, report, score);
        IndexKeys(connection, story.Id, report, isNewStory: false);
    }

    /// <summary>Brings the story's row to its state: the reports joined since the row was written are counted, the
    /// last of them that became the lead gives the title. The profile (about 20 KB of JSON) is serialised straight to
    /// UTF-8 and bound as text on the connection's handle (<see cref="NativeStatement"/>): the same text as the string
    /// form, without building a 40 KB string and encoding it back to UTF-8 for every row written.</summary>
    private static void UpdateRow(DbConnection connection, StoryState state, PendingStory change)
    {
        var update = NativeStatement.Kept(
            connection,
            """
            UPDATE stories SET
                title = coalesce(?2, title),
                lead_report_id = coalesce(?3, lead_report_id),
                lead_at = CASE WHEN ?2 IS NULL THEN lead_at ELSE ?4 END,
                first_seen = min(first_seen, ?5), last_updated = max(last_updated, ?6),
                report_count = report_count + ?7, entities = ?8, profile = ?9
            WHERE id = ?1
            """);
        update.Bind(1, state.Id);
        update.Bind(2, change.LeadTitle);
        if (change.LeadReportId is { } leadReportId)
        {
            update.Bind(3, leadReportId);
        }
        else
        {
            update.Bind(3, (string?)null);
        }

        update.Bind(4, ReportStore.Format(state.LeadAt));
        update.Bind(5, ReportStore.Format(state.FirstSeen));
        update.Bind(6, ReportStore.Format(state.LastUpdated));
        update.Bind(7, change.Joined);
        update.Bind(8, EntitiesJson(state.Profile));
        update.BindText(9, JsonSerializer.SerializeToUtf8Bytes(state.Profile, ProfileJson));
        update.Run();
    }

    /// <summary>A new version of a report already on a story: it stays there; keys it now names are indexed too.</summary>
    public static async Task RefreshAsync(DbConnection connection, DbTransaction tx, long storyId, long reportId, StoryFeatures report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var cache = StoryStateCache.Of(connection);
        if (cache.Pending.TryGetValue(storyId, out var pending) && cache.TryGet(storyId, out var state))
        {
            // The row is read back below (the state is forgotten): it must hold the story's kept state first.
            UpdateRow(connection, state, pending);
            cache.Written(storyId);
        }

        var at = ReportStore.Format(report.At);
        await connection.RunAsync(tx, "UPDATE story_reports SET at = @at WHERE report_id = @reportId", ("@at", at), ("@reportId", reportId));
        await connection.RunAsync(tx, "UPDATE stories SET last_updated = max(last_updated, @at) WHERE id = @storyId", ("@at", at), ("@storyId", storyId));
        cache.Forget(storyId);
        IndexKeys(connection, storyId, report, isNewStory: false);
    }

    public async Task<Story?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StoryRow>(
            new CommandDefinition($"{SelectStory} WHERE id = @id", new { id }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var timeline = await connection.QueryAsync<TimelineRow>(new CommandDefinition(
            """
            SELECT sr.report_id AS Report, sr.at AS At, r.published_at AS Published, r.received_at AS Received, r.title AS Title, r.source AS Source
            FROM story_reports sr JOIN reports r ON r.id = sr.report_id
            WHERE sr.story_id = @id ORDER BY sr.at, sr.report_id
            """,
            new { id },
            cancellationToken: ct));
        return row.ToStory([.. timeline.Select(t => t.ToEntry())]);
    }

    /// <summary>The most recently updated stories first, without their timelines.</summary>
    public async Task<IReadOnlyList<Story>> ListAsync(int limit, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        var rows = await connection.QueryAsync<StoryRow>(
            new CommandDefinition($"{SelectStory} ORDER BY last_updated DESC, id DESC LIMIT @limit", new { limit }, cancellationToken: ct));
        return [.. rows.Select(r => r.ToStory([]))];
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM stories", cancellationToken: ct));
    }

    private const string SelectStory =
        "SELECT id, title, report_count AS ReportCount, first_seen AS FirstSeen, last_updated AS LastUpdated, entities FROM stories";

    private static readonly Dictionary<int, string> CandidateQueries = [];

    private static readonly JsonSerializerOptions ProfileJson = new(JsonDefaults.Options) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>The report's row on the story's timeline. Compiled once on the connection's handle and bound by position
    /// (<see cref="NativeStatement"/>), as the key rows below: every report writes one.</summary>
    private static void AddToTimeline(DbConnection connection, long storyId, long reportId, StoryFeatures report, double? score)
    {
        var insert = NativeStatement.Kept(connection, "INSERT INTO story_reports (report_id, story_id, at, score) VALUES (?1, ?2, ?3, ?4)");
        insert.Bind(1, reportId);
        insert.Bind(2, storyId);
        insert.Bind(3, ReportStore.Format(report.At));
        insert.Bind(4, score);
        insert.Run();
    }

    /// <summary>Upserts the report's keys (figures excepted: too common to find candidates by) and its entity pairs
    /// with the span of its event days, and counts the story once more for each key it did not carry before.
    /// One row at a time through statements compiled once on the connection's handle (<see cref="NativeStatement"/>):
    /// one statement with a list of a few dozen keys cost more to bind (by name, each name looked up in the list of all
    /// of them) than its rows cost to write.</summary>
    private static void IndexKeys(DbConnection connection, long storyId, StoryFeatures report, bool isNewStory)
    {
        var keys = KeysToIndex(report);
        if (keys.Count == 0)
        {
            return;
        }

        var cache = StoryStateCache.Of(connection);
        var index = cache.KeyIndex;
        var first = report.FirstEventDay.DayNumber;
        var last = report.LastEventDay.DayNumber;
        var firstDay = Day(report.FirstEventDay);
        var lastDay = Day(report.LastEventDay);
        // The keys the story did not carry are inserted (an insert that is ignored changes no row). A key the writer's
        // index shows on the story already has its row: inserting it would be ignored.
        var added = new List<string>(keys.Count);
        var insert = NativeStatement.Kept(connection, "INSERT OR IGNORE INTO story_keys (key, story_id, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4)");
        var carried = isNewStory ? null : new List<string>(keys.Count);
        foreach (var key in keys)
        {
            if (!isNewStory && index is not null && index.Carries(key, storyId))
            {
                carried!.Add(key);
                continue;
            }

            insert.Bind(1, key);
            insert.Bind(2, storyId);
            insert.Bind(3, firstDay);
            insert.Bind(4, lastDay);
            if (insert.Run() == 1)
            {
                added.Add(key);
                index?.Apply(key, storyId, first, last);
            }
            else
            {
                carried?.Add(key);
            }
        }

        // The keys it carried already widen their span to the report's days, unless the writer knows they span them.
        if (carried is { Count: > 0 })
        {
            var widen = NativeStatement.Kept(
                connection,
                "UPDATE story_keys SET first_seen = min(first_seen, ?3), last_seen = max(last_seen, ?4) WHERE key = ?1 AND story_id = ?2 RETURNING first_seen, last_seen");
            foreach (var key in carried)
            {
                if (index?.AlreadySpans(key, storyId, first, last) == true)
                {
                    continue;
                }

                widen.Bind(1, key);
                widen.Bind(2, storyId);
                widen.Bind(3, firstDay);
                widen.Bind(4, lastDay);
                while (widen.Next())
                {
                    index?.Apply(key, storyId, DayNumber(widen.Text(0)), DayNumber(widen.Text(1)));
                }
            }
        }

        cache.CountOneMore(added);
        var count = NativeStatement.Kept(
            connection, "INSERT INTO story_key_counts (key, stories) VALUES (?1, 1) ON CONFLICT (key) DO UPDATE SET stories = stories + 1");
        foreach (var key in added)
        {
            count.Bind(1, key);
            count.Run();
        }
    }

    /// <summary>The keys a report is indexed under, each once, in the report's order: its keys but figures, then its pairs.</summary>
    private static List<string> KeysToIndex(StoryFeatures report)
    {
        var pairs = report.PairKeys;
        var keys = new List<string>(report.Keys.Count + pairs.Count);
        var seen = new HashSet<string>(report.Keys.Count + pairs.Count, StringComparer.Ordinal);
        foreach (var key in report.Keys)
        {
            if (key.Kind != KeyKind.Figure && seen.Add(key.Key))
            {
                keys.Add(key.Key);
            }
        }

        foreach (var pair in pairs)
        {
            if (seen.Add(pair))
            {
                keys.Add(pair);
            }
        }

        return keys;
    }

    /// <summary>SQL with a list of <paramref name="count"/> items, item i naming parameter @vi (an IN list, or the rows
    /// of a multi-row VALUES), built once per count.</summary>
    private static string InList(string sqlWithList, int count, string item = "@v{0}")
    {
        lock (InLists)
        {
            if (!InLists.TryGetValue((sqlWithList, count), out var sql))
            {
                var items = Enumerable.Range(0, count).Select(i => string.Format(CultureInfo.InvariantCulture, item, i));
                InLists[(sqlWithList, count)] = sql = string.Format(CultureInfo.InvariantCulture, sqlWithList, string.Join(", ", items));
            }

            return sql;
        }
    }

    private static readonly Dictionary<(string, int), string> InLists = [];

    private static (string Name, object? Value)[] Values<TValue>(IEnumerable<TValue> values, string prefix = "@v") =>
        [.. values.Select((v, i) => (ParameterName(prefix, i), (object?)v))];

    /// <summary>"@v0", "@k3", ...: built once, not once per statement run (a report's writes bind a few hundred).</summary>
    private static string ParameterName(string prefix, int i)
    {
        var names = prefix == "@k" ? KeyNames : prefix == "@v" ? ValueNames : null;
        return names is not null && i < names.Length ? names[i] : string.Create(CultureInfo.InvariantCulture, $"{prefix}{i}");
    }

    private static readonly string[] ValueNames = [.. Enumerable.Range(0, 256).Select(i => string.Create(CultureInfo.InvariantCulture, $"@v{i}"))];
    private static readonly string[] KeyNames = [.. Enumerable.Range(0, 64).Select(i => string.Create(CultureInfo.InvariantCulture, $"@k{i}"))];

    private static string EntitiesJson(StoryProfile profile) => JsonSerializer.Serialize(profile.MainEntities(MainEntityCount), JsonDefaults.Options);

    private const int MainEntityCount = 6;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int DayNumber(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record StoryRow(long Id, string Title, long ReportCount, string FirstSeen, string LastUpdated, string Entities)
    {
        public Story ToStory(IReadOnlyList<TimelineEntry> timeline) => new(
            Id, Title, (int)ReportCount, Parse(FirstSeen), Parse(LastUpdated),
            JsonSerializer.Deserialize<StoryEntity[]>(Entities, JsonDefaults.Options) ?? [], timeline);
    }

    private sealed record TimelineRow(long Report, string At, string? Published, string Received, string Title, string? Source)
    {
        public TimelineEntry ToEntry() => new(Report, StoryStore.Parse(At), Published is null ? null : StoryStore.Parse(Published), StoryStore.Parse(Received), Title, Source);
    }
}

/// <summary>A candidate story as assignment needs it: its profile and the times a joining report is compared with.</summary>
public sealed record StoryState(long Id, DateTimeOffset LeadAt, DateTimeOffset FirstSeen, DateTimeOffset LastUpdated, StoryProfile Profile);
