using System.Collections.Frozen;
using System.Text.Json;

namespace Wiredesk.Analysis.KnowledgeBase;

/// <summary>The entities Wiredesk knows by name: the data files shipped inside the library plus any files
/// the user adds (same format, docs/knowledge-base.md). Immutable once loaded; safe to share across threads.</summary>
public sealed class KnowledgeBase
{
    private const string ResourcePrefix = "Wiredesk.Analysis.KnowledgeBase.Data.";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    private readonly FrozenDictionary<string, KnowledgeBaseEntry> _entries;
    private readonly NameTrie _names = new();
    private readonly List<NameTarget> _targets = [];
    private readonly Dictionary<string, KnowledgeBaseEntry?> _peopleBySurname = new(StringComparer.OrdinalIgnoreCase);

    private KnowledgeBase(IEnumerable<KnowledgeBaseEntry> entries)
    {
        _entries = entries.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);
        BuildNameIndex();
    }

    public IReadOnlyCollection<KnowledgeBaseEntry> Entries => _entries.Values;

    public int Count => _entries.Count;

    public KnowledgeBaseEntry? Find(string id) => _entries.GetValueOrDefault(id);

    /// <summary>Loads the shipped data, then each user file in order; a user entry replaces a shipped (or
    /// earlier) entry with the same id. Throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static KnowledgeBase LoadDefault(IEnumerable<string>? extraFiles = null)
    {
        var byId = new Dictionary<string, KnowledgeBaseEntry>(StringComparer.Ordinal);
        var order = new List<string>();
        var assembly = typeof(KnowledgeBase).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            AddAll(byId, order, Parse(stream, resource[ResourcePrefix.Length..]));
        }

        foreach (var file in extraFiles ?? [])
        {
            using var stream = OpenUserFile(file);
            AddAll(byId, order, Parse(stream, file));
        }

        AddCapitals(byId, order);
        return new KnowledgeBase(order.Select(id => byId[id]));
    }

    /// <summary>A knowledge base of exactly these entries (capitals derived as for the shipped data); for tests and tools.</summary>
    public static KnowledgeBase FromEntries(IEnumerable<KnowledgeBaseEntry> entries)
    {
        var byId = new Dictionary<string, KnowledgeBaseEntry>(StringComparer.Ordinal);
        var order = new List<string>();
        AddAll(byId, order, entries);
        AddCapitals(byId, order);
        return new KnowledgeBase(order.Select(id => byId[id]));
    }

    /// <summary>The longest known name starting at <paramref name="start"/>: the entry (null for a demonym,
    /// which is recognised only so that it is not mistaken for something else) and the end of the name.</summary>
    internal bool TryMatch(string text, int start, out int end, out KnowledgeBaseEntry? entry)
    {
        entry = null;
        if (!_names.TryMatch(text, start, out end, out var target))
        {
            return false;
        }

        var t = _targets[target];
        entry = t.EntryId is null ? null : _entries[t.EntryId];
        return true;
    }

    /// <summary>The one person whose surname this is ("Blinken"), for a surname written after a title
    /// ("Secretary Blinken"); null when no person or several people have it.</summary>
    internal KnowledgeBaseEntry? FindPersonBySurname(string surname) => _peopleBySurname.GetValueOrDefault(surname);

    private static FileStream OpenUserFile(string file)
    {
        try
        {
            return File.OpenRead(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"Knowledge-base file '{file}': cannot be read ({e.Message})", e);
        }
    }

    private static List<KnowledgeBaseEntry> Parse(Stream stream, string name)
    {
        List<KnowledgeBaseEntry>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<KnowledgeBaseEntry>>(stream, JsonOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new InvalidDataException($"Knowledge-base file '{name}': invalid JSON{where}: {e.Message}", e);
        }

        if (entries is null)
        {
            throw new InvalidDataException($"Knowledge-base file '{name}': expected a JSON array of entries, found null");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            var problem = e is null ? "is null"
                : string.IsNullOrWhiteSpace(e.Id) ? "has an empty id"
                : string.IsNullOrWhiteSpace(e.Name) ? $"('{e.Id}') has an empty name"
                : !Enum.IsDefined(e.Type) ? $"('{e.Id}') has an unknown type"
                : !seen.Add(e.Id) ? $"('{e.Id}') repeats an id used earlier in the file"
                : e.Aliases is null || e.Demonyms is null || e.Aliases.Any(string.IsNullOrWhiteSpace) || e.Demonyms.Any(string.IsNullOrWhiteSpace) ? $"('{e.Id}') has a null or empty alias or demonym"
                : null;
            if (problem is not null)
            {
                throw new InvalidDataException($"Knowledge-base file '{name}': entry {i + 1} {problem}");
            }
        }

        return entries;
    }

    private static void AddAll(Dictionary<string, KnowledgeBaseEntry> byId, List<string> order, IEnumerable<KnowledgeBaseEntry> entries)
    {
        foreach (var e in entries)
        {
            if (!byId.ContainsKey(e.Id))
            {
                order.Add(e.Id);
            }

            byId[e.Id] = e;
        }
    }

    /// <summary>Each country's capital becomes a place of its own unless an entry for it already exists.</summary>
    private static void AddCapitals(Dictionary<string, KnowledgeBaseEntry> byId, List<string> order)
    {
        var knownPlaces = new HashSet<string>(byId.Values.Where(e => e.Type == EntityType.Place).SelectMany(e => e.Aliases.Prepend(e.Name)).Select(NameText.Normalize), StringComparer.Ordinal);
        foreach (var country in byId.Values.Where(e => e.Type == EntityType.Country && !string.IsNullOrWhiteSpace(e.Capital)).ToList())
        {
            var capital = country.Capital!;
            var id = "place:" + NameText.Slug(capital);
            if (byId.ContainsKey(id) || !knownPlaces.Add(NameText.Normalize(capital)))
            {
                continue;
            }

            byId[id] = new KnowledgeBaseEntry
            {
                Id = id,
                Type = EntityType.Place,
                Name = capital,
                Country = country.Country ?? CountryCode(country.Id),
                Role = "capital",
            };
            order.Add(id);
        }
    }

    private static string? CountryCode(string id) => id.StartsWith("country:", StringComparison.Ordinal) ? id["country:".Length..] : null;

    private void BuildNameIndex()
    {
        // Types in the order their names win when two entries share a name: countries first, then places,
        // organisations, companies, people. Demonyms last: a demonym never displaces a name.
        EntityType[] precedence = [EntityType.Country, EntityType.Place, EntityType.Organization, EntityType.Company, EntityType.Person];
        foreach (var type in precedence)
        {
            foreach (var e in _entries.Values.Where(e => e.Type == type))
            {
                var target = _targets.Count;
                _targets.Add(new NameTarget(e.Id));
                _names.Add(IndexForm(e.Name, e.Type), target);
                foreach (var alias in e.Aliases)
                {
                    _names.Add(IndexForm(alias, e.Type), target);
                }
            }
        }

        foreach (var person in _entries.Values.Where(e => e.Type == EntityType.Person))
        {
            var words = person.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length < 2)
            {
                continue;
            }

            var surname = words[^1].TrimEnd('.') is "Jr" or "Sr" or "II" or "III" or "IV" && words.Length > 2 ? words[^2] : words[^1];
            // A surname shared by two people names neither.
            _peopleBySurname[surname] = _peopleBySurname.ContainsKey(surname) ? null : person;
        }

        var demonym = _targets.Count;
        _targets.Add(new NameTarget(null));
        foreach (var e in _entries.Values)
        {
            foreach (var d in e.Demonyms)
            {
                _names.Add(d, demonym);
            }
        }

        _names.Freeze();
    }

    /// <summary>A leading article is not part of a name as news annotation marks it ("the United States" is a
    /// mention of "United States"), except where "The" is part of an organisation's own name ("The Home Depot").</summary>
    private static string IndexForm(string name, EntityType type)
    {
        if (name.StartsWith("the ", StringComparison.Ordinal) || type == EntityType.Country && name.StartsWith("The ", StringComparison.Ordinal))
        {
            return name[4..];
        }

        return name;
    }

    private sealed record NameTarget(string? EntryId);
}
