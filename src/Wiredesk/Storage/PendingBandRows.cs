using System.Data.Common;

namespace Wiredesk.Storage;

/// <summary>The band rows the batched writer stored in the open transaction, held in memory and written once before the
/// commit in key order into report_bands_recent, a small table whose rows move to report_bands in bulk
/// (<see cref="Write"/>). The near-duplicate lookup of a later report in the same transaction reads them from here
/// (<see cref="AddMatches"/>).</summary>
internal sealed class PendingBandRows(int moveAtRows = PendingBandRows.MoveAtRows)
{
    /// <summary>Rows report_bands_recent holds at most before they move to report_bands: 8,192 reports' worth. Moving
    /// them rewrites each page of the band index once for every 8,192 reports, instead of once for every 512 when each
    /// transaction wrote its rows there (docs/ingest.md, "Writer speed, session 7"); the small table's own pages, a
    /// thousand or so, are what a transaction rewrites.</summary>
    public const int MoveAtRows = 8192 * 32;

    private readonly List<(int Band, long Hash, long ReportId)> _rows = [];
    private readonly Dictionary<(int Band, long Hash), List<long>> _reportsByBand = [];
    private int _reportStart;

    public int Count => _rows.Count;

    public void Add(long reportId, long[] bandHashes)
    {
        for (var band = 0; band < bandHashes.Length; band++)
        {
            _rows.Add((band, bandHashes[band], reportId));
            var key = (band, bandHashes[band]);
            if (!_reportsByBand.TryGetValue(key, out var ids))
            {
                _reportsByBand[key] = ids = [];
            }

            ids.Add(reportId);
        }
    }

    /// <summary>Appends to <paramref name="matches"/> the report of every row of this transaction that shares a band
    /// with the given ones (a report once per band it shares), up to <paramref name="limit"/> entries in all.</summary>
    public void AddMatches(long[] bandHashes, List<long> matches, int limit)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        for (var band = 0; band < bandHashes.Length && matches.Count < limit; band++)
        {
            if (_reportsByBand.TryGetValue((band, bandHashes[band]), out var ids))
            {
                matches.AddRange(ids.Take(limit - matches.Count));
            }
        }
    }

    /// <summary>A report's write starts: its rows can be dropped again (<see cref="UndoReport"/>).</summary>
    public void BeginReport() => _reportStart = _rows.Count;

    /// <summary>Drops the rows of the report whose savepoint was rolled back.</summary>
    public void UndoReport()
    {
        for (var i = _rows.Count - 1; i >= _reportStart; i--)
        {
            var (band, hash, reportId) = _rows[i];
            var ids = _reportsByBand[(band, hash)];
            ids.RemoveAt(ids.LastIndexOf(reportId));
            if (ids.Count == 0)
            {
                _reportsByBand.Remove((band, hash));
            }
        }

        _rows.RemoveRange(_reportStart, _rows.Count - _reportStart);
    }

    public void Clear()
    {
        _rows.Clear();
        _reportsByBand.Clear();
        _reportStart = 0;
    }

    /// <summary>Writes the rows in key order into report_bands_recent and forgets them; when that table then holds
    /// <see cref="MoveAtRows"/> rows or more, moves them all to report_bands, in the same transaction. The caller
    /// commits (or rolls back) after. Each row is one run of a statement compiled once per transaction on the
    /// connection's handle, its three values bound by position (<see cref="NativeStatement"/>).</summary>
    public void Write(DbConnection connection)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        _rows.Sort();
        using (var insert = NativeStatement.Prepare(connection, Insert))
        {
            foreach (var (band, hash, reportId) in _rows)
            {
                insert.Bind(1, band);
                insert.Bind(2, hash);
                insert.Bind(3, reportId);
                insert.Run();
            }
        }

        Clear();
        MoveIfFull(connection, moveAtRows);
    }

    /// <summary>Moves every row of report_bands_recent to report_bands when it holds <paramref name="atRows"/> or more.
    /// Counted, not tracked: another process's batched ingest may have added or moved rows.</summary>
    internal static void MoveIfFull(DbConnection connection, int atRows)
    {
        using (var count = NativeStatement.Prepare(connection, "SELECT count(*) FROM report_bands_recent"))
        {
            if (!count.Next() || count.Int64(0) < atRows)
            {
                return;
            }
        }

        using (var move = NativeStatement.Prepare(
            connection, "INSERT OR IGNORE INTO report_bands (band, hash, report_id) SELECT band, hash, report_id FROM report_bands_recent"))
        {
            move.Run();
        }

        using var empty = NativeStatement.Prepare(connection, "DELETE FROM report_bands_recent");
        empty.Run();
    }

    private const string Insert = "INSERT OR IGNORE INTO report_bands_recent (band, hash, report_id) VALUES (?1, ?2, ?3)";
}
