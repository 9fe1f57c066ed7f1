using System.Data.Common;

namespace Wiredesk.Storage;

/// <summary>The report_bands rows the batched writer stored in the open transaction, held in memory and written once
/// before the commit in key order. 32 rows per report inserted one report at a time land on 32 scattered pages of the
/// index; sorted, a transaction's rows fill neighbouring pages one after the other. The near-duplicate lookup of a
/// later report in the same transaction reads them from here (<see cref="AddMatches"/>).</summary>
internal sealed class PendingBandRows
{
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

    /// <summary>Appends to <paramref name="ids"/> the reports of this transaction sharing a band with the given ones,
    /// each once and not already listed, up to <paramref name="limit"/> ids in all.</summary>
    public void AddMatches(long[] bandHashes, List<long> ids, int limit)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        for (var band = 0; band < bandHashes.Length && ids.Count < limit; band++)
        {
            if (!_reportsByBand.TryGetValue((band, bandHashes[band]), out var matches))
            {
                continue;
            }

            foreach (var id in matches)
            {
                if (ids.Count < limit && !ids.Contains(id))
                {
                    ids.Add(id);
                }
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

    /// <summary>Writes the rows in key order and forgets them; the caller commits (or rolls back) after. Each row is one
    /// run of a statement compiled once per transaction on the connection's handle, its three values bound by position
    /// (<see cref="NativeStatement"/>): sent as one JSON text through json_each instead, SQLite parsed each row's array
    /// three times, and the text had to be built first.</summary>
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
    }

    private const string Insert = "INSERT OR IGNORE INTO report_bands (band, hash, report_id) VALUES (?1, ?2, ?3)";
}
