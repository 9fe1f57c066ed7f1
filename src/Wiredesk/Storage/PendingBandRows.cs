using System.Data.Common;
using System.Globalization;
using System.Text;

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

    /// <summary>Writes the rows in key order and forgets them; the caller commits (or rolls back) after. The rows go
    /// in as one JSON array parameter per statement: a multi-row VALUES list with three named parameters per row
    /// costs more to bind than the rows cost to insert (the driver and SQLite look each name up in a list).</summary>
    public async Task WriteAsync(DbConnection connection, DbTransaction tx)
    {
        if (_rows.Count == 0)
        {
            return;
        }

        _rows.Sort();
        var json = new StringBuilder(_rows.Count * 48);
        json.Append('[');
        foreach (var (band, hash, reportId) in _rows)
        {
            json.Append(CultureInfo.InvariantCulture, $"[{band},{hash},{reportId}],");
        }

        json[^1] = ']';
        await connection.RunAsync(tx, Insert, ("@rows", json.ToString()));
        Clear();
    }

    private const string Insert =
        """
        INSERT OR IGNORE INTO report_bands (band, hash, report_id)
        SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(@rows)
        """;
}
