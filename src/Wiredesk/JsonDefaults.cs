using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Wiredesk;

/// <summary>The JSON conventions of every public output (CLI --json, stored analyses, later the HTTP API):
/// camelCase names, nulls kept (a null speaker is information), readable non-ASCII text.</summary>
public static class JsonDefaults
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Output is data, never embedded in HTML by us without escaping at render time; keep quotes and accents readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        // The analysis (stored for every ingested report) through generated code; everything else by reflection as before.
        TypeInfoResolver = JsonTypeInfoResolver.Combine(Analysis.AnalysisJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}
