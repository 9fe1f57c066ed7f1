using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Wiredesk.Bench;

/// <summary>The reports the server benchmarks push to `POST /api/reports`: a new event each time (its own place and
/// figures), so each starts its own story and, from a trusted source, is auto-published with every sentence supported.</summary>
public static class WirePush
{
    public const string Source = "Bench Wire";

    public static async Task PushAsync(HttpClient http, string key, string id, string place, int i)
    {
        var body = JsonSerializer.Serialize(new
        {
            id,
            title = $"{place} Opens Terminal Number {i + 7}",
            body = $"The port of {place} opened terminal number {i + 7} on Monday, adding {i + 12}% to its capacity, the port authority said.\n\nThe terminal cost ${i + 100} million and took {i % 5 + 2} years to build.",
            source = Source,
            published = "2026-11-28",
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }
}
