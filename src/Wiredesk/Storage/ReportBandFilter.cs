using System.Data.Common;
using System.Numerics;

namespace Wiredesk.Storage;

/// <summary>A Bloom filter over every (band, hash) row of report_bands and report_bands_recent, kept by the batched
/// writer so that the near-duplicate lookup runs its SQL only when one of the report's bands may be stored: most
/// reports share no band with anything, and for them the 32-term index search is skipped. The filter never says "absent" for a stored band
/// (it only answers "maybe" too often), so the candidates are always the table's.
/// It is loaded from the table on the first lookup, then kept current: the writer adds the bands it inserts, and when
/// another connection has committed it reads the bands of the versions stored since (report_versions' rowid grows with
/// every version; nothing deletes reports). A rolled-back insert leaves bits set, which only costs a lookup.
/// Memory: 16 bits per stored band, 64 bytes per stored report, doubled as the store grows, 64 MB at most (past that,
/// about a million reports, it answers "maybe" more often; the answers stay right).</summary>
internal sealed class ReportBandFilter
{
    private const int BitsPerBand = 16;
    private const int Probes = 4;
    private const int MinBits = 1 << 20;
    private const int MaxBits = 1 << 29;

    private ulong[] _bits = [];
    private long _capacity;
    private long _count;

    /// <summary>The highest report_versions rowid whose bands are in the filter (from the store's side); null until loaded.</summary>
    private long? _seenVersion;
    private DbTransaction? _checkedIn;
    private bool _othersCommitted;

    /// <summary>Another connection has committed: the bands it stored are read before the next lookup.</summary>
    public void OthersCommitted() => _othersCommitted = true;

    /// <summary>Whether any of the bands may be stored (false: none is). Loads or brings the filter up to date once
    /// per transaction, before the writer's own writes in it.</summary>
    public async Task<bool> MayHoldAnyAsync(DbConnection connection, DbTransaction? tx, long[] bandHashes)
    {
        await CatchUpAsync(connection, tx);
        for (var band = 0; band < bandHashes.Length; band++)
        {
            if (MayHold(band, bandHashes[band]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The bands the writer just inserted.</summary>
    public void Add(long[] bandHashes)
    {
        if (_seenVersion is null)
        {
            // Not loaded: the load will read them from the table.
            return;
        }

        for (var band = 0; band < bandHashes.Length; band++)
        {
            Set(band, bandHashes[band]);
        }
    }

    private async Task CatchUpAsync(DbConnection connection, DbTransaction? tx)
    {
        if (tx is not null && ReferenceEquals(tx, _checkedIn))
        {
            return;
        }

        var latest = (long?)await connection.ScalarAsync(tx, "SELECT max(rowid) FROM report_versions") ?? 0;
        if (_seenVersion is not { } seen || (_count > _capacity && _bits.Length * 64L < MaxBits))
        {
            await LoadAsync(connection, tx, latest);
        }
        else if (_othersCommitted && latest > seen)
        {
            // The versions stored since the last look (some may be the writer's own: adding a band twice is harmless).
            await using var reader = await connection.ReadAsync(
                tx,
                """
                SELECT b.band, b.hash FROM report_versions v JOIN report_bands b ON b.report_id = v.report_id WHERE v.rowid > @seen
                UNION ALL
                SELECT b.band, b.hash FROM report_versions v JOIN report_bands_recent b ON b.report_id = v.report_id WHERE v.rowid > @seen
                """,
                ("@seen", seen));
            while (await reader.ReadAsync())
            {
                Set(reader.GetInt32(0), reader.GetInt64(1));
            }
        }

        // The rows up to latest are committed and in the filter (the writer's own were added as it wrote them); this
        // runs before the writer writes in this transaction, so a rolled-back version never moves it.
        _seenVersion = latest;
        _othersCommitted = false;
        _checkedIn = tx;
    }

    private async Task LoadAsync(DbConnection connection, DbTransaction? tx, long versions)
    {
        var bands = Math.Max(versions, _count) * 32 * 2;
        var bits = MinBits;
        while (bits < MaxBits && bits < bands * BitsPerBand)
        {
            bits <<= 1;
        }

        _bits = new ulong[bits / 64];
        _capacity = bits / BitsPerBand;
        _count = 0;
        await using var reader = await connection.ReadAsync(tx, "SELECT band, hash FROM report_bands UNION ALL SELECT band, hash FROM report_bands_recent");
        while (await reader.ReadAsync())
        {
            Set(reader.GetInt32(0), reader.GetInt64(1));
        }
    }

    private bool MayHold(int band, long hash)
    {
        var (h1, h2) = Hashes(band, hash);
        var mask = (ulong)(_bits.Length * 64) - 1;
        for (var i = 0; i < Probes; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) & mask;
            if ((_bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    private void Set(int band, long hash)
    {
        var (h1, h2) = Hashes(band, hash);
        var mask = (ulong)(_bits.Length * 64) - 1;
        for (var i = 0; i < Probes; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) & mask;
            _bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }

        _count++;
    }

    /// <summary>Two hashes of the row for double hashing; the band hash is already a good hash, mixed with the band.</summary>
    private static (ulong, ulong) Hashes(int band, long hash)
    {
        var x = (ulong)hash ^ ((ulong)(band + 1) * 0x9E3779B97F4A7C15UL);
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return (x, BitOperations.RotateLeft(x, 32) | 1);
    }
}
