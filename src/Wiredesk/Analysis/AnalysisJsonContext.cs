using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiredesk.Analysis;

/// <summary>Serialisation code for the stored analysis generated at build time: every ingested report's analysis is
/// written as JSON, and generated writers skip the reflection-built metadata and its indirections. The options are
/// those of <see cref="JsonDefaults.Options"/>, which picks this context up, so the JSON is the same either way.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReportAnalysis))]
[JsonSerializable(typeof(ReportAnalysisJsonConverter.Shape))]
internal sealed partial class AnalysisJsonContext : JsonSerializerContext;
