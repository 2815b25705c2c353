using System.Text.Json.Nodes;

namespace Tapback.Bench;

/// <summary>Small JSON bodies for the bench's requests, escaped properly.</summary>
internal static class Json
{
    public static string Object(params (string Name, string Value)[] fields)
    {
        var json = new JsonObject();
        foreach (var (name, value) in fields)
        {
            json[name] = value;
        }

        return json.ToJsonString();
    }
}
