using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Wiredesk.Analysis;
using Wiredesk.Drafting;
using Wiredesk.Publishing;

namespace Wiredesk.Storage;

/// <summary>Which live stories a list shows: any of the tag filters (all must match) and a full-text query.</summary>
public sealed record ArticleFilter
{
    public string? Ticker { get; init; }
    public string? Company { get; init; }
    public string? Person { get; init; }
    public string? Country { get; init; }
    public string? Topic { get; init; }
    /// <summary>What a reader typed; made safe by <see cref="FullTextQuery"/>.</summary>
    public string? Query { get; init; }

    public static ArticleFilter None { get; } = new();

    /// <summary>The tag filters that are set, as (kind, key).</summary>
    public IEnumerable<(string Kind, string Key)> Tags()
    {
        foreach (var (kind, value) in new[] { (TagKinds.Ticker, Ticker), (TagKinds.Company, Company), (TagKinds.Person, Person), (TagKinds.Country, Country), (TagKinds.Topic, Topic) })
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                yield return (kind, TagKinds.KeyOf(kind, value));
            }
        }
    }

    public bool IsEmpty => !Tags().Any() && string.IsNullOrWhiteSpace(Query);
}

/// <summary>A search result: the story's address, first publication and tickers, and its headline and a snippet of its
/// body with the matched words marked. What a results page shows, and no more: reading each hit's whole article (its
/// draft JSON above all) cost more than the search itself.</summary>
public sealed record SearchHit(long StoryId, string Path, DateTimeOffset FirstPublishedAt, IReadOnlyList<ArticleTag> Tickers, MarkedText Headline, MarkedText Snippet);

/// <summary>Published stories. Publishing and killing take the caller's transaction, so a status change and the
/// publication commit together; after commit the caller publishes a Bus.StoryPublished message.</summary>
public sealed class ArticleStore(Database database)
{
    public Database Database { get; } = database;

    /// <summary>Publishes the story: its first version, or, when it is already published, a new version (a
    /// correction: the old version is kept and the correction note shown). Publishing a killed story again puts it
    /// back on the site. Tags, lead image and the search index are derived here from the draft and its source
    /// reports as stored.</summary>
    public static async Task<Article> PublishAsync(DbConnection connection, DbTransaction tx, Publication publication, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(publication);
        var draft = publication.Draft;
        var draftJson = JsonSerializer.Serialize(draft, JsonDefaults.Options);
        var at = ReportStore.Format(publication.At);
        var reportIds = draft.Sources.Select(s => long.TryParse(s.Report, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (long?)null)
            .OfType<long>().Distinct().ToList();
        var image = await LeadImageAsync(connection, tx, reportIds, ct);
        var analyses = await AnalysesAsync(connection, tx, reportIds, ct);
        var tags = ArticleTagger.Tag(draft, analyses);
        var slug = Slug.From(draft.Headline);

        var existing = await connection.QuerySingleOrDefaultAsync<(long Id, long Version)?>(new CommandDefinition(
            "SELECT id, version FROM articles WHERE story_id = @StoryId", new { publication.StoryId }, tx, cancellationToken: ct));
        var fields = new
        {
            publication.StoryId,
            publication.DraftId,
            slug,
            headline = draft.Headline,
            draft = draftJson,
            editor = publication.EditorName,
            at,
            note = publication.CorrectionNote,
            imageUrl = image?.Url,
            imageCredit = image?.Credit,
        };
        long id;
        long version;
        if (existing is { } current)
        {
            id = current.Id;
            version = current.Version + 1;
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE articles SET version = @version, draft_id = @DraftId, slug = @slug, headline = @headline, draft = @draft,
                    editor_name = @editor, updated_at = @at, status = 'live', correction_note = @note,
                    kill_notice = NULL, killed_by = NULL, killed_at = NULL, image_url = @imageUrl, image_credit = @imageCredit
                WHERE id = @id
                """,
                new { id, version, fields.DraftId, fields.slug, fields.headline, fields.draft, fields.editor, fields.at, fields.note, fields.imageUrl, fields.imageCredit },
                tx, cancellationToken: ct));
        }
        else
        {
            version = 1;
            id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                INSERT INTO articles (story_id, version, draft_id, slug, headline, draft, editor_name, first_published_at, updated_at, status, correction_note, image_url, image_credit)
                VALUES (@StoryId, 1, @DraftId, @slug, @headline, @draft, @editor, @at, @at, 'live', @note, @imageUrl, @imageCredit)
                RETURNING id
                """,
                fields, tx, cancellationToken: ct));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO article_versions (article_id, version, draft_id, headline, draft, editor_name, published_at, correction_note)
            VALUES (@id, @version, @DraftId, @headline, @draft, @editor, @at, @note)
            """,
            new { id, version, fields.DraftId, fields.headline, fields.draft, fields.editor, fields.at, fields.note }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM article_tags WHERE article_id = @id", new { id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO article_tags (kind, key, article_id, name, code, company, live, published_at)
            VALUES (@Kind, @Key, @id, @Name, @Code, @Company, 1, (SELECT first_published_at FROM articles WHERE id = @id))
            """,
            tags.Select(t => new { t.Kind, t.Key, id, t.Name, t.Code, t.Company }), tx, cancellationToken: ct));
        var text = new { id, headline = MarkedText.Strip(draft.Headline), body = MarkedText.Strip(BodyText(draft)) };
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM articles_fts WHERE rowid = @id", new { id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("INSERT INTO articles_fts (rowid, headline, body) VALUES (@id, @headline, @body)", text, tx, cancellationToken: ct));
        await IndexRecentAsync(connection, tx, text.id, text.headline, text.body, ct);
        var article = (await GetAsync(connection, tx, "a.id = @id", new { id }, ct))!;
        await StorePageAsync(connection, tx, article, await VersionsAsync(connection, tx, id, ct), ct);
        return article;
    }

    /// <summary>Withdraws a published story from the site and feeds, keeping it (and every version) in the store;
    /// readers who open its page see the notice. Null when the story was never published.</summary>
    public static async Task<Article?> KillAsync(DbConnection connection, DbTransaction tx, long storyId, string notice, string editorName, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            UPDATE articles SET status = 'killed', kill_notice = @notice, killed_by = @editorName, killed_at = @at, updated_at = @at
            WHERE story_id = @storyId RETURNING id
            """,
            new { storyId, notice, editorName, at = ReportStore.Format(at) }, tx, cancellationToken: ct));
        if (id is null)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition("UPDATE article_tags SET live = 0 WHERE article_id = @id", new { id }, tx, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM articles_fts WHERE rowid = @id; DELETE FROM articles_fts_recent WHERE rowid = @id;", new { id }, tx, cancellationToken: ct));
        return await GetAsync(connection, tx, "a.id = @id", new { id }, ct);
    }

    /// <summary>How many of the newest live stories the recent search index holds (migration 015).</summary>
    public const int RecentSearchStories = 20_000;

    /// <summary>Puts the article's text in the recent search index, keeping what search relies on: the index holds every
    /// live story whose rowid is at least its smallest. A story older than that (an old story corrected or published
    /// again) stays out of it; searches that reach that far read the full index.</summary>
    private static async Task IndexRecentAsync(DbConnection connection, DbTransaction tx, long id, string headline, string body, CancellationToken ct)
    {
        var floor = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT rowid FROM articles_fts_recent ORDER BY rowid LIMIT 1", transaction: tx, cancellationToken: ct));
        if (floor is { } smallest && id < smallest)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM articles_fts_recent WHERE rowid = @id; INSERT INTO articles_fts_recent (rowid, headline, body) VALUES (@id, @headline, @body);",
            new { id, headline, body }, tx, cancellationToken: ct));
        // One story out for each one in, at every publication: with secure-delete each removal rewrites the index pages
        // of its words (about 2 ms a story), so cutting a hundred at once held one publication for 200 ms. The count
        // walks FTS5's own table of document sizes (one row per story, by rowid), not the index.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM articles_fts_recent WHERE rowid < (SELECT id FROM articles_fts_recent_docsize ORDER BY id DESC LIMIT 1 OFFSET @keep)",
            new { keep = RecentSearchStories - 1 }, tx, cancellationToken: ct));
    }

    /// <summary>The current version of the story's published article, live or killed; null if never published.</summary>
    public async Task<Article?> GetByStoryAsync(long storyId, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await GetAsync(connection, null, "a.story_id = @storyId", new { storyId }, ct);
    }

    public async Task<Article?> GetAsync(long articleId, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await GetAsync(connection, null, "a.id = @articleId", new { articleId }, ct);
    }

    /// <summary>Every version of the article, oldest first.</summary>
    public async Task<IReadOnlyList<ArticleVersion>> VersionsAsync(long articleId, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await VersionsAsync(connection, null, articleId, ct);
    }

    /// <summary>What the story's page shows, in one read: the article's state and, when it is live, its page body as
    /// stored for its current version (<see cref="StoryPageBody"/>), with its count of visible comments. A live article
    /// without a stored page for its current version (published before pages were stored) has it rendered from a
    /// consistent read of the article and stored now, once. Null if the story was never published.</summary>
    public async Task<ArticlePage?> PageAsync(long storyId, CancellationToken ct = default)
    {
        await using (var lease = await Database.LeaseReaderAsync(ct))
        {
            var stored = await ReadPageAsync(lease.Connection, null, storyId, ct);
            if (stored is null || stored.Status == ArticleStatus.Killed || stored.Body.Length > 0)
            {
                return stored;
            }
        }

        await using var connection = await Database.ConnectAsync(ct);

        // Read, render and store in one (write) transaction, so the page shows one version whole: a correction being
        // published at the same time commits before or after it, and stores the page of its own version either way.
        await using var tx = await connection.BeginTransactionAsync(ct);
        var page = await ReadPageAsync(connection, tx, storyId, ct);
        if (page is not null && page.Status == ArticleStatus.Live && page.Body.Length == 0)
        {
            var article = (await GetAsync(connection, tx, "a.id = @id", new { id = page.Id }, ct))!;
            var html = StoryPageBody.Render(article, await VersionsAsync(connection, tx, page.Id, ct));
            await StorePageAsync(connection, tx, article.Id, article.Version, html, ct);
            page = page with { Body = Encoding.UTF8.GetBytes(html) };
        }

        await tx.CommitAsync(ct);
        return page;
    }

    /// <summary>Live stories matching the filter, newest first (by first publication: a correction does not move a
    /// story up). <paramref name="limit"/> rows from <paramref name="offset"/>. Each shape of filter is read from the
    /// index that gives its newest rows first: the latest-stories index, the first tag's index (other tags are checked
    /// per row), or the full-text index in id order (ids follow first publication).</summary>
    public async Task<IReadOnlyList<Article>> LatestAsync(ArticleFilter filter, int offset, int limit, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var p = new DynamicParameters();
        p.Add("offset", Math.Max(0, offset));
        p.Add("limit", Math.Clamp(limit, 0, 500));
        var tags = filter.Tags().ToList();
        string? match = null;
        if (!string.IsNullOrWhiteSpace(filter.Query))
        {
            match = FullTextQuery.From(filter.Query);
            if (match is null)
            {
                return [];
            }

            p.Add("match", match);
        }

        string sql;
        if (tags.Count > 0)
        {
            var where = new List<string> { "t0.kind = @kind0", "t0.key = @key0", "t0.live = 1" };
            for (var i = 0; i < tags.Count; i++)
            {
                p.Add($"kind{i}", tags[i].Kind);
                p.Add($"key{i}", tags[i].Key);
                if (i > 0)
                {
                    where.Add($"EXISTS (SELECT 1 FROM article_tags t{i} WHERE t{i}.kind = @kind{i} AND t{i}.key = @key{i} AND t{i}.article_id = a.id)");
                }
            }

            if (match is not null)
            {
                where.Add("a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match)");
            }

            sql = $"{SelectArticle} JOIN article_tags t0 ON t0.article_id = a.id WHERE {string.Join(" AND ", where)} ORDER BY t0.published_at DESC, t0.article_id DESC LIMIT @limit OFFSET @offset";
        }
        else if (match is not null)
        {
            sql = $"{SelectArticle} JOIN articles_fts f ON f.rowid = a.id WHERE articles_fts MATCH @match AND a.status = 'live' ORDER BY f.rowid DESC LIMIT @limit OFFSET @offset";
        }
        else
        {
            sql = $"{SelectArticle} WHERE a.status = 'live' ORDER BY a.first_published_at DESC, a.id DESC LIMIT @limit OFFSET @offset";
        }

        await using var connection = await Database.ConnectAsync(ct);
        var rows = (await connection.QueryAsync<ArticleRow>(new CommandDefinition(sql, p, cancellationToken: ct))).ToList();
        return await WithTagsAsync(connection, null, rows, ct);
    }

    /// <summary>How many of the newest matches search ranks by relevance. Ranking every match of a common word costs
    /// time in proportion to the store (170 ms for a word in a quarter of 100,000 stories); a newsroom's search wants
    /// the best of the recent matches, which costs the same at any size (about 5 ms).</summary>
    public const int SearchWindow = 500;

    /// <summary>Full-text search over live stories: the best matches (BM25, a headline match weighing five times a
    /// body match) among the newest <see cref="SearchWindow"/> matches (more when paging past them). An empty or
    /// word-less query finds nothing.</summary>
    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string? query, int offset, int limit, CancellationToken ct = default)
    {
        if (FullTextQuery.From(query) is not { } match)
        {
            return [];
        }

        offset = Math.Max(0, offset);
        limit = Math.Clamp(limit, 0, 200);
        await using var lease = await Database.LeaseReaderAsync(ct);
        var connection = lease.Connection;
        var (page, index) = await RankedPageAsync(connection, match, offset, limit, ct);
        if (page.Count == 0)
        {
            return [];
        }

        var marked = new Dictionary<long, (string Headline, string Snippet)>(page.Count);
        var (inPage, ids) = InList(page);
        await using (var reader = await connection.ReadAsync(null,
            $"""
            SELECT rowid, highlight({index}, 0, char(2), char(3)), snippet({index}, 1, char(2), char(3), '…', 32)
            FROM {index} WHERE {index} MATCH @match AND rowid IN ({inPage})
            """,
            [("@match", match), .. ids]))
        {
            while (await reader.ReadAsync(ct))
            {
                marked[reader.GetInt64(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        // By primary key only: with a status condition SQLite prefers the status index and reads every live story.
        var stories = new Dictionary<long, (long StoryId, string Slug, DateTimeOffset FirstPublishedAt)>(page.Count);
        await using (var reader = await connection.ReadAsync(null, $"SELECT id, story_id, slug, first_published_at, status FROM articles WHERE id IN ({inPage})", ids))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetString(4) == "live")
                {
                    stories[reader.GetInt64(0)] = (reader.GetInt64(1), reader.GetString(2), Parse(reader.GetString(3)));
                }
            }
        }

        // "+kind": by the article index. On the kind SQLite would take the primary key and read every ticker tag of
        // the store (4 ms at 100,000 stories instead of 0.2).
        var tickers = new Dictionary<long, List<ArticleTag>>();
        await using (var reader = await connection.ReadAsync(null,
            $"SELECT article_id, key, name, code, company FROM article_tags WHERE article_id IN ({inPage}) AND +kind = 'ticker' ORDER BY name", ids))
        {
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                if (!tickers.TryGetValue(id, out var list))
                {
                    tickers[id] = list = [];
                }

                list.Add(new ArticleTag(TagKinds.Ticker, reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        return [.. page.Where(id => marked.ContainsKey(id) && stories.ContainsKey(id)).Select(id =>
        {
            var (storyId, slug, firstPublishedAt) = stories[id];
            return new SearchHit(storyId, $"/stories/{storyId}/{slug}", firstPublishedAt, tickers.TryGetValue(id, out var list) ? list : [],
                MarkedText.Parse(marked[id].Headline), MarkedText.Parse(marked[id].Snippet));
        })];
    }

    /// <summary>The ids of the requested page of matches, best first, and the index they were ranked in. FTS5 walks a
    /// match list newest first (rowids are article ids, which follow first publication) without reading the rest, and
    /// scores each row it passes. The recent index answers when it holds a whole window of matches: it holds every live
    /// story from its smallest rowid up, so its newest matches are then the store's newest matches.</summary>
    private static async Task<(List<long> Page, string Index)> RankedPageAsync(DbConnection connection, string match, int offset, int limit, CancellationToken ct)
    {
        var size = Math.Max(SearchWindow, offset + limit);
        // Counting the recent matches (stopping at a window) costs a small part of ranking them, and ranking them only
        // to find them too few would be wasted.
        var recent = Convert.ToInt64(await connection.ScalarAsync(null,
            "SELECT count(*) FROM (SELECT rowid FROM articles_fts_recent WHERE articles_fts_recent MATCH @match LIMIT @window)",
            ("@match", match), ("@window", size)), CultureInfo.InvariantCulture);
        var index = recent == size ? "articles_fts_recent" : "articles_fts";
        var window = new List<(long Id, double Rank)>(SearchWindow);
        await using (var reader = await connection.ReadAsync(null,
            $"SELECT rowid, bm25({index}, 5.0, 1.0) FROM {index} WHERE {index} MATCH @match ORDER BY rowid DESC LIMIT @window",
            ("@match", match), ("@window", size)))
        {
            while (await reader.ReadAsync(ct))
            {
                window.Add((reader.GetInt64(0), reader.GetDouble(1)));
            }
        }

        return ([.. window.OrderBy(w => w.Rank).ThenByDescending(w => w.Id).Skip(offset).Take(limit).Select(w => w.Id)], index);
    }

    /// <summary>The page's ids as parameters (@i0, @i1, ...): the statements a results page runs then have one text per
    /// page size, and stay compiled on the leased connection for the next search.</summary>
    private static (string Sql, (string Name, object? Value)[] Values) InList(List<long> ids)
    {
        var values = ids.Select((id, i) => (string.Create(CultureInfo.InvariantCulture, $"@i{i}"), (object?)id)).ToArray();
        return (string.Join(',', values.Select(v => v.Item1)), values);
    }

    /// <summary>How many of the newest live stories <see cref="PopularTagsAsync"/> counts tags over.</summary>
    public const int RecentStories = 1000;

    /// <summary>The names most of the newest <see cref="RecentStories"/> live stories carry, per kind: what is in the
    /// news now, for the home page's filter links, at the same cost whatever the size of the store.</summary>
    public async Task<IReadOnlyList<(ArticleTag Tag, long Stories)>> PopularTagsAsync(string kind, int limit, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        // CROSS JOIN keeps the newest stories as the outer loop (SQLite does not reorder it), so only their tags are read.
        var rows = await connection.QueryAsync<(string Key, string Name, string? Code, long Stories)>(new CommandDefinition(
            """
            SELECT t.key, max(t.name), max(t.code), count(*) AS stories
            FROM (SELECT id FROM articles WHERE status = 'live' ORDER BY first_published_at DESC, id DESC LIMIT @recent) r
            CROSS JOIN article_tags t ON t.article_id = r.id AND t.kind = @kind
            GROUP BY t.key ORDER BY stories DESC, t.key LIMIT @limit
            """,
            new { kind, limit, recent = RecentStories }, cancellationToken: ct));
        return [.. rows.Select(r => (new ArticleTag(kind, r.Key, r.Name, r.Code), r.Stories))];
    }

    /// <summary>The name a tag key stands for ("aapl" → "AAPL", "south-korea" → "South Korea"), for page titles.</summary>
    public async Task<string?> TagNameAsync(string kind, string value, CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT name FROM article_tags WHERE kind = @kind AND key = @key LIMIT 1",
            new { kind, key = TagKinds.KeyOf(kind, value) }, cancellationToken: ct));
    }

    public async Task<long> LiveCountAsync(CancellationToken ct = default)
    {
        await using var connection = await Database.ConnectAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM articles WHERE status = 'live'", cancellationToken: ct));
    }

    /// <summary>The words readers search: every sentence of every section, in order.</summary>
    public static string BodyText(Draft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return string.Join("\n", draft.Sections.SelectMany(s => s.Sentences).Select(s => s.Text));
    }

    private const string SelectArticle =
        """
        SELECT a.id AS Id, a.story_id AS StoryId, a.version AS Version, a.slug AS Slug, a.headline AS Headline, a.draft AS Draft,
            a.editor_name AS EditorName, a.first_published_at AS FirstPublishedAt, a.updated_at AS UpdatedAt, a.status AS Status,
            a.correction_note AS CorrectionNote, a.kill_notice AS KillNotice, a.killed_at AS KilledAt,
            a.image_url AS ImageUrl, a.image_credit AS ImageCredit
        FROM articles a
        """;

    private static async Task<IReadOnlyList<ArticleVersion>> VersionsAsync(DbConnection connection, DbTransaction? tx, long articleId, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<VersionRow>(new CommandDefinition(
            """
            SELECT version AS Version, draft_id AS DraftId, headline AS Headline, draft AS Draft, editor_name AS EditorName,
                published_at AS PublishedAt, correction_note AS CorrectionNote
            FROM article_versions WHERE article_id = @articleId ORDER BY version
            """,
            new { articleId }, tx, cancellationToken: ct));
        return [.. rows.Select(r => new ArticleVersion((int)r.Version, r.DraftId, r.Headline, ParseDraft(r.Draft), r.EditorName, Parse(r.PublishedAt), r.CorrectionNote))];
    }

    private static Task StorePageAsync(DbConnection connection, DbTransaction tx, Article article, IReadOnlyList<ArticleVersion> versions, CancellationToken ct) =>
        StorePageAsync(connection, tx, article.Id, article.Version, StoryPageBody.Render(article, versions), ct);

    /// <summary>Keeps the page of the newest version rendered: a late store of an older version's page (rendered from
    /// a read made before a correction committed) leaves the newer page in place.</summary>
    private static async Task StorePageAsync(DbConnection connection, DbTransaction tx, long articleId, int version, string html, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO article_pages (article_id, version, html) VALUES (@articleId, @version, @html)
            ON CONFLICT (article_id) DO UPDATE SET version = excluded.version, html = excluded.html WHERE excluded.version > article_pages.version
            """,
            new { articleId, version, html }, tx, cancellationToken: ct));

    /// <summary>By the story's unique index and the page's primary key; the body is read as the UTF-8 bytes SQLite
    /// holds, which go to the response as they are.</summary>
    private static async Task<ArticlePage?> ReadPageAsync(DbConnection connection, DbTransaction? tx, long storyId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await using var reader = await connection.ReadAsync(tx,
            """
            SELECT a.id, a.story_id, a.version, a.slug, a.headline, a.status, a.first_published_at, a.kill_notice, a.killed_at, CASE WHEN a.status = 'live' THEN p.html END,
                (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.hidden_at IS NULL)
            FROM articles a LEFT JOIN article_pages p ON p.article_id = a.id AND p.version = a.version
            WHERE a.story_id = @storyId
            """,
            ("@storyId", storyId));
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new ArticlePage
        {
            Id = reader.GetInt64(0),
            StoryId = reader.GetInt64(1),
            Version = reader.GetInt32(2),
            Slug = reader.GetString(3),
            Headline = reader.GetString(4),
            Status = reader.GetString(5) == "killed" ? ArticleStatus.Killed : ArticleStatus.Live,
            FirstPublishedAt = Parse(reader.GetString(6)),
            KillNotice = reader.IsDBNull(7) ? null : reader.GetString(7),
            KilledAt = reader.IsDBNull(8) ? null : Parse(reader.GetString(8)),
            Body = reader.IsDBNull(9) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(9),
            VisibleComments = reader.GetInt32(10),
        };
    }

    private static async Task<Article?> GetAsync(DbConnection connection, DbTransaction? tx, string where, object args, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ArticleRow>(new CommandDefinition($"{SelectArticle} WHERE {where}", args, tx, cancellationToken: ct));
        return row is null ? null : (await WithTagsAsync(connection, tx, [row], ct))[0];
    }

    private static async Task<IReadOnlyList<Article>> WithTagsAsync(DbConnection connection, DbTransaction? tx, List<ArticleRow> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await connection.QueryAsync<(long ArticleId, string Kind, string Key, string Name, string? Code, string? Company)>(new CommandDefinition(
                "SELECT article_id, kind, key, name, code, company FROM article_tags WHERE article_id IN @ids ORDER BY kind, name", new { ids }, tx, cancellationToken: ct)))
            .ToLookup(t => t.ArticleId, t => new ArticleTag(t.Kind, t.Key, t.Name, t.Code, t.Company));
        return [.. rows.Select(r => r.ToArticle(tags[r.Id].ToList()))];
    }

    private static async Task<(string Url, string? Credit)?> LeadImageAsync(DbConnection connection, DbTransaction tx, List<long> reportIds, CancellationToken ct)
    {
        if (reportIds.Count == 0)
        {
            return null;
        }

        var images = (await connection.QueryAsync<(long Id, string Url, string? Credit)>(new CommandDefinition(
                "SELECT id, image_url, image_credit FROM reports WHERE id IN @reportIds AND image_url IS NOT NULL AND image_url <> ''",
                new { reportIds }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Id);
        foreach (var id in reportIds)
        {
            if (images.TryGetValue(id, out var image) && IsWebUrl(image.Url))
            {
                return (image.Url, image.Credit);
            }
        }

        return null;
    }

    /// <summary>Only http(s) images reach a page: a javascript: or data: URL from a hostile report never becomes a src.</summary>
    private static bool IsWebUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static async Task<List<ReportAnalysis>> AnalysesAsync(DbConnection connection, DbTransaction tx, List<long> reportIds, CancellationToken ct)
    {
        if (reportIds.Count == 0)
        {
            return [];
        }

        var json = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT analysis FROM report_analyses WHERE report_id IN @reportIds ORDER BY report_id", new { reportIds }, tx, cancellationToken: ct));
        return [.. json.Select(j => JsonSerializer.Deserialize<ReportAnalysis>(j, JsonDefaults.Options)).OfType<ReportAnalysis>()];
    }

    private static Draft ParseDraft(string json) => JsonSerializer.Deserialize<Draft>(json, JsonDefaults.Options)!;

    private static DateTimeOffset Parse(string at) => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed record VersionRow(long Version, long DraftId, string Headline, string Draft, string EditorName, string PublishedAt, string? CorrectionNote);

    private sealed record ArticleRow(
        long Id, long StoryId, long Version, string Slug, string Headline, string Draft, string EditorName, string FirstPublishedAt,
        string UpdatedAt, string Status, string? CorrectionNote, string? KillNotice, string? KilledAt, string? ImageUrl, string? ImageCredit)
    {
        public Article ToArticle(IReadOnlyList<ArticleTag> tags) => new()
        {
            Id = Id,
            StoryId = StoryId,
            Version = (int)Version,
            Slug = Slug,
            Headline = Headline,
            Draft = ParseDraft(Draft),
            EditorName = EditorName,
            FirstPublishedAt = ArticleStore.Parse(FirstPublishedAt),
            UpdatedAt = ArticleStore.Parse(UpdatedAt),
            Status = Status == "killed" ? ArticleStatus.Killed : ArticleStatus.Live,
            CorrectionNote = CorrectionNote,
            KillNotice = KillNotice,
            KilledAt = KilledAt is null ? null : ArticleStore.Parse(KilledAt),
            ImageUrl = ImageUrl,
            ImageCredit = ImageCredit,
            Tags = tags,
        };
    }
}
