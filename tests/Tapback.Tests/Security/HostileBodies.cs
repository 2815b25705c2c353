using System.Text;
using System.Text.Json.Nodes;

namespace Tapback.Tests.Security;

/// <summary>
/// A seeded generator of malformed and hostile bodies, derived from a valid body of the surface so
/// most cases get past the first parse and reach the validation and store code behind it.
/// </summary>
internal sealed class HostileBodies(int seed)
{
    /// <summary>Above the JSON APIs' body limit (1 MiB, Tapback:Http:MaxJsonBodyBytes) and the transport webhooks' (1 MiB): a 413.</summary>
    private const int OversizeBytes = (1024 * 1024) + 1;

    private readonly Random _random = new(seed);

    public HostileBody Next(string validJson)
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 40 => MutateField(validJson),
            < 48 => Truncated(validJson),
            < 54 => DeepNesting(),
            < 62 => InvalidUtf8(validJson),
            < 68 => RandomBytes(),
            < 74 => WrongContentType(validJson),
            < 80 => WrongRootType(),
            < 86 => HugeString(validJson),
            < 92 => DuplicateAndExtraKeys(validJson),
            < 93 => Oversize(),
            _ => Json("empty", ""),
        };
    }

    private HostileBody MutateField(string validJson)
    {
        var root = JsonNode.Parse(validJson)!.AsObject();
        var node = root;
        var path = "";
        // Mostly a nested field goes bad, so hostile values reach what sits under "data", "params" or
        // "arguments" (an MCP tool's own arguments are two levels down).
        while (_random.Next(3) != 0 && node.Where(pair => pair.Value is JsonObject).Select(pair => pair.Key).ToList() is { Count: > 0 } nested)
        {
            var step = nested[_random.Next(nested.Count)];
            node = node[step]!.AsObject();
            path += step + ".";
        }

        var keys = node.Select(pair => pair.Key).ToList();
        if (keys.Count == 0)
        {
            return WrongRootType();
        }

        var key = keys[_random.Next(keys.Count)];
        if (node[key] is JsonArray array && _random.Next(2) == 0)
        {
            // A null (or a wrong type) among good elements: "attachments":[{…}, null] once ended in a 500.
            array.Insert(_random.Next(array.Count + 1), _random.Next(3) == 0 ? HostileValue() : null);
            return Json($"element of '{path}{key}'", root.ToJsonString());
        }

        node[key] = HostileValue();
        // Sometimes a second field goes bad too, so combinations of errors are tried.
        if (_random.Next(3) == 0)
        {
            node[keys[_random.Next(keys.Count)]] = HostileValue();
        }

        return Json($"field '{path}{key}'", root.ToJsonString());
    }

    private JsonNode? HostileValue() => _random.Next(10) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.NextDouble() * 1e300 * (_random.Next(2) == 0 ? 1 : -1)),
        3 => JsonValue.Create(long.MinValue),
        4 => _random.Next(2) == 0 ? new JsonArray(JsonValue.Create(Pick()), JsonValue.Create(1)) : new JsonArray(null, new JsonObject()),
        5 => new JsonObject { ["$where"] = Pick(), ["nested"] = new JsonObject() },
        6 => JsonValue.Create(new string('x', _random.Next(1, 70_000))),
        _ => JsonValue.Create(Pick()),
    };

    private string Pick() => HostileStrings.All[_random.Next(HostileStrings.All.Length)];

    private HostileBody Truncated(string validJson) =>
        Json("truncated", validJson[.._random.Next(validJson.Length)]);

    private HostileBody DeepNesting()
    {
        var depth = _random.Next(65, 20_000);
        var open = _random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var text = string.Concat(Enumerable.Repeat(open, depth)) + "1" + (_random.Next(2) == 0 ? string.Concat(Enumerable.Repeat(close, depth)) : "");
        return Json($"nesting {depth}", text);
    }

    private HostileBody InvalidUtf8(string validJson)
    {
        var bytes = Encoding.UTF8.GetBytes(validJson).ToList();
        byte[][] bad = [[0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0xBC], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x00]];
        // Inside a string value when there is one, where a lenient parser would pass it on to the store.
        var quote = validJson.IndexOf(":\"", StringComparison.Ordinal);
        var at = quote >= 0 ? Encoding.UTF8.GetByteCount(validJson[..(quote + 2)]) : _random.Next(bytes.Count + 1);
        bytes.InsertRange(at, bad[_random.Next(bad.Length)]);
        return new HostileBody("invalid UTF-8", [.. bytes], "application/json");
    }

    private HostileBody RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 4096)];
        _random.NextBytes(bytes);
        return new HostileBody("random bytes", bytes, "application/json");
    }

    private HostileBody WrongContentType(string validJson)
    {
        string[] types = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=utf-16", "application/json; charset=nonsense", "*/*", "application/octet-stream", ""];
        return new HostileBody("content type", Encoding.UTF8.GetBytes(validJson), types[_random.Next(types.Length)]);
    }

    private HostileBody WrongRootType()
    {
        string[] roots = ["null", "[]", "[{}]", "\"text\"", "42", "true", "{}", "{\"\":null}", "{", "}", "[", "\uFEFF{}"];
        return Json("root", roots[_random.Next(roots.Length)]);
    }

    private HostileBody HugeString(string validJson)
    {
        var node = JsonNode.Parse(validJson)!.AsObject();
        var keys = node.Select(pair => pair.Key).ToList();
        var key = keys.Count == 0 ? "x" : keys[_random.Next(keys.Count)];
        var unit = Pick();
        var length = _random.Next(10_000, 400_000);
        node[key] = new StringBuilder(length + unit.Length).Insert(0, unit.Length == 0 ? "y" : unit, Math.Max(1, length / Math.Max(1, unit.Length))).ToString();
        return Json($"huge '{key}'", node.ToJsonString());
    }

    private static HostileBody DuplicateAndExtraKeys(string validJson)
    {
        var inner = validJson.Trim().TrimStart('{').TrimEnd('}');
        var text = "{" + inner + (inner.Length > 0 ? "," : "") + inner + (inner.Length > 0 ? "," : "") + "\"__proto__\":{\"admin\":true},\"extra\":[1,2,3]}";
        return Json("duplicate keys", text);
    }

    private static HostileBody Oversize() =>
        new("oversize", Encoding.UTF8.GetBytes("{\"text\":\"" + new string('o', OversizeBytes) + "\"}"), "application/json");

    private static HostileBody Json(string kind, string text) => new(kind, Encoding.UTF8.GetBytes(text), "application/json");
}
