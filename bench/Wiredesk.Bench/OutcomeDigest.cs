using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Wiredesk.Bench;

/// <summary>One SHA-256 over what became of every report, in order (verdict, report id, story id): equal digests before
/// and after a change to the writer mean it decided and stored the same.</summary>
public sealed class OutcomeDigest
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _count;

    public void Add(string verdict, long? reportId, long? storyId)
    {
        _hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{verdict} {reportId} {storyId}\n")));
        _count++;
    }

    public override string ToString() => $"{Convert.ToHexString(_hash.GetCurrentHash())[..16]} ({_count:N0} reports)";
}
