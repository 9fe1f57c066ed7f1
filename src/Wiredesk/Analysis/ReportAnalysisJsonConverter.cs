using System.Text.Json;
using System.Text.Json.Serialization;

namespace Wiredesk.Analysis;

/// <summary>Writes the stored analysis (every ingested report's) straight to the JSON writer. The serializer's
/// contract-driven path spent more time on its own bookkeeping (a frame per object, a getter call and a converter
/// lookup per property) than on writing; this writes the same properties in the same order with the same writer calls,
/// so the text is byte for byte what the serializer wrote (the preparation digest proves it). Only the options the
/// analysis is stored with (<see cref="JsonDefaults.Options"/>) take this path; any other options, and reading, go to
/// the serializer through <see cref="Shape"/>, a plain copy of the record, exactly as before.</summary>
internal sealed class ReportAnalysisJsonConverter : JsonConverter<ReportAnalysis>
{
    private static readonly JsonEncodedText SentencesName = JsonEncodedText.Encode("sentences");
    private static readonly JsonEncodedText EntitiesName = JsonEncodedText.Encode("entities");
    private static readonly JsonEncodedText QuotesName = JsonEncodedText.Encode("quotes");
    private static readonly JsonEncodedText NumbersName = JsonEncodedText.Encode("numbers");
    private static readonly JsonEncodedText DatesName = JsonEncodedText.Encode("dates");
    private static readonly JsonEncodedText TopicsName = JsonEncodedText.Encode("topics");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText StartName = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText EndName = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText NameName = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TickerName = JsonEncodedText.Encode("ticker");
    private static readonly JsonEncodedText ExchangeName = JsonEncodedText.Encode("exchange");
    private static readonly JsonEncodedText MentionsName = JsonEncodedText.Encode("mentions");
    private static readonly JsonEncodedText SpeakerName = JsonEncodedText.Encode("speaker");
    private static readonly JsonEncodedText EntityIdName = JsonEncodedText.Encode("entityId");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("value");
    private static readonly JsonEncodedText UnitName = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText CodeName = JsonEncodedText.Encode("code");

    /// <summary>The record's properties without the converter: what the serializer reads and writes for any options
    /// other than the stored ones.</summary>
    internal sealed record Shape(
        IReadOnlyList<Sentence> Sentences,
        IReadOnlyList<Entity> Entities,
        IReadOnlyList<Quote> Quotes,
        IReadOnlyList<NumberMention> Numbers,
        IReadOnlyList<DateMention> Dates,
        IReadOnlyList<Topic> Topics);

    public override ReportAnalysis? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<Shape>(ref reader, options) is { } s
            ? new ReportAnalysis(s.Sentences, s.Entities, s.Quotes, s.Numbers, s.Dates, s.Topics)
            : null;

    public override void Write(Utf8JsonWriter writer, ReportAnalysis value, JsonSerializerOptions options)
    {
        if (!ReferenceEquals(options, JsonDefaults.Options))
        {
            JsonSerializer.Serialize(writer, new Shape(value.Sentences, value.Entities, value.Quotes, value.Numbers, value.Dates, value.Topics), options);
            return;
        }

        writer.WriteStartObject();
        WriteList(writer, SentencesName, value.Sentences, WriteSentence);
        WriteList(writer, EntitiesName, value.Entities, WriteEntity);
        WriteList(writer, QuotesName, value.Quotes, WriteQuote);
        WriteList(writer, NumbersName, value.Numbers, WriteNumber);
        WriteList(writer, DatesName, value.Dates, WriteDate);
        WriteList(writer, TopicsName, value.Topics, WriteTopic);
        writer.WriteEndObject();
    }

    private static void WriteList<T>(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<T>? items, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        if (items is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartArray(name);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                write(writer, item);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndArray();
    }

    private static void WriteString(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteSentence(Utf8JsonWriter writer, Sentence s) => WriteSpan(writer, s.Text, s.Start, s.End);

    /// <summary>A sentence or a mention: its text and where it stands in the report.</summary>
    private static void WriteSpan(Utf8JsonWriter writer, string? text, int start, int end)
    {
        writer.WriteStartObject();
        WriteString(writer, TextName, text);
        writer.WriteNumber(StartName, start);
        writer.WriteNumber(EndName, end);
        writer.WriteEndObject();
    }

    private static void WriteEntity(Utf8JsonWriter writer, Entity e)
    {
        writer.WriteStartObject();
        WriteString(writer, IdName, e.Id);
        WriteString(writer, NameName, e.Name);
        writer.WriteString(TypeName, TypeText(e.Type));
        WriteString(writer, TickerName, e.Ticker);
        WriteString(writer, ExchangeName, e.Exchange);
        WriteList(writer, MentionsName, e.Mentions, WriteMention);
        writer.WriteEndObject();
    }

    /// <summary>The names the enum's JsonStringEnumMemberName attributes give.</summary>
    private static string TypeText(EntityType type) => type switch
    {
        EntityType.Person => "person",
        EntityType.Organization => "organization",
        EntityType.Country => "country",
        EntityType.Place => "place",
        EntityType.Company => "company",
        _ => throw new JsonException($"Entity type {(int)type} has no name."),
    };

    private static void WriteMention(Utf8JsonWriter writer, Mention m) => WriteSpan(writer, m.Text, m.Start, m.End);

    private static void WriteQuote(Utf8JsonWriter writer, Quote q)
    {
        writer.WriteStartObject();
        WriteString(writer, TextName, q.Text);
        writer.WriteNumber(StartName, q.Start);
        writer.WriteNumber(EndName, q.End);
        if (q.Speaker is { } speaker)
        {
            writer.WriteStartObject(SpeakerName);
            WriteString(writer, EntityIdName, speaker.EntityId);
            WriteString(writer, NameName, speaker.Name);
            writer.WriteNumber(StartName, speaker.Start);
            writer.WriteNumber(EndName, speaker.End);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(SpeakerName);
        }

        writer.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter writer, NumberMention n)
    {
        writer.WriteStartObject();
        WriteString(writer, TextName, n.Text);
        writer.WriteNumber(ValueName, n.Value);
        WriteString(writer, UnitName, n.Unit);
        writer.WriteNumber(StartName, n.Start);
        writer.WriteNumber(EndName, n.End);
        writer.WriteEndObject();
    }

    private static void WriteDate(Utf8JsonWriter writer, DateMention d)
    {
        writer.WriteStartObject();
        WriteString(writer, TextName, d.Text);
        WriteString(writer, ValueName, d.Value);
        writer.WriteNumber(StartName, d.Start);
        writer.WriteNumber(EndName, d.End);
        writer.WriteEndObject();
    }

    private static void WriteTopic(Utf8JsonWriter writer, Topic t)
    {
        writer.WriteStartObject();
        WriteString(writer, CodeName, t.Code);
        WriteString(writer, NameName, t.Name);
        writer.WriteEndObject();
    }
}
