using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tapback.Tests.AgentLink;
using Tapback.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tapback.Tests.Security;

/// <summary>
/// Hostile frames on the agent WebSocket: the gateway answers with an error frame or ends the
/// connection, never with an internal error, and a well-behaved agent can always connect again.
/// </summary>
public sealed class HostileFrameTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Phone = "+15550180001";

    // Frame types are short words; an error frame repeats the client's type only up to this length.
    private const int MaxEchoedTypeChars = 64;

    private const int MaxErrorFrameChars = 4096;

    /// <summary>Valid frames of each kind the agent may send; the generator derives the hostile ones.</summary>
    private static readonly string[] ValidFrames =
    [
        """{"type":"send_message","data":{"chatId":"conv_x","parts":[{"type":"text","value":"hi"}],"clientMessageId":"c1"}}""",
        """{"type":"send_reaction","data":{"messageId":"msg_x","operation":"add","reactionType":"like","partIndex":0}}""",
        """{"type":"mark_read","data":{"chatId":"conv_x"}}""",
        """{"type":"start_typing","data":{"chatId":"conv_x"}}""",
        """{"type":"stop_typing","data":{"chatId":"conv_x"}}""",
        """{"type":"ack","data":{"seq":1}}""",
        """{"type":"upload_attachment","data":{"filename":"a.png","contentType":"image/png","sizeBytes":10}}""",
        """{"type":"ready","data":{"acks":true}}""",
    ];

    private TapbackTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await TapbackTestHost.StartAsync();
        _token = await GatewayScript.PairAsync(_host, Phone);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task AgentSocket_HostileFrames_EachAnsweredOrClosedWithAStatusAndAlwaysReconnects()
    {
        var cases = FuzzBudget.Cases(normal: 600);
        var bodies = new HostileBodies(FuzzBudget.Seed);
        var random = new Random(FuzzBudget.Seed);
        var closes = new Dictionary<string, int>();
        var failures = new List<string>();
        var answered = 0;
        var socket = await DrainingSocket.ConnectAsync(_host.BaseAddress, Phone, _token);
        try
        {
            for (var index = 0; index < cases; index++)
            {
                var body = bodies.Next(ValidFrames[random.Next(ValidFrames.Length)]);
                var type = body.Kind is "random bytes" || random.Next(20) == 0 ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
                var what = $"frame {index} ({body.Kind}, {type}, {body.Content.Length} bytes)";

                // Frames are handled in order, so the probe's answer comes after everything the hostile
                // frame caused: each frame is judged on its own, on a connection no earlier frame broke.
                var probe = $"probe-{index}";
                if (await socket.SendAsync(body.Content, type) && await socket.SendAsync(Encoding.UTF8.GetBytes($$"""{"type":"{{probe}}"}"""), WebSocketMessageType.Text))
                {
                    var outcome = await ReadUntilProbeAsync(socket, probe);
                    if (outcome is null)
                    {
                        answered++;
                        continue;
                    }

                    if (outcome.Length > 0)
                    {
                        failures.Add($"{what}: {outcome}");
                        continue;
                    }
                }

                // The gateway ended the conversation on this frame: how it did so is what counts.
                await socket.WaitForEndAsync();
                var status = socket.CloseStatus?.ToString() ?? "no close frame";
                closes[status] = closes.GetValueOrDefault(status) + 1;
                if (ClosedBadly(socket) is { } bad)
                {
                    failures.Add($"{what} → {bad}");
                }

                await socket.DisposeAsync();
                socket = await DrainingSocket.ConnectAsync(_host.BaseAddress, Phone, _token);
            }
        }
        finally
        {
            await socket.DisposeAsync();
        }

        // After the storm a well-behaved agent connects and is understood.
        var (client, _) = await ScriptedAgentClient.ConnectReadyAsync(_host.BaseAddress, Phone, _token);
        await using (client)
        {
            await client.SendAsync("""{"type":"start_typing","data":{}}""");
            Assert.Equal("error", (string?)(await client.ReceiveAsync())["type"]);
        }

        output.WriteLine($"Sent {cases} hostile frames: {answered} answered on an open connection, closes: {(closes.Count == 0 ? "none" : string.Join(", ", closes.Select(pair => $"{pair.Key}×{pair.Value}")))}.");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));
        Assert.Empty(await StoreInvariants.BrokenAsync(_host));
    }

    /// <summary>
    /// Reads what the gateway sent up to the probe's error frame. Null when the probe was answered and
    /// every frame before it was well-formed; empty when the connection ended first; else what was wrong.
    /// </summary>
    private static async Task<string?> ReadUntilProbeAsync(DrainingSocket socket, string probe)
    {
        while (await socket.ReceiveAsync() is { } text)
        {
            JsonObject frame;
            try
            {
                frame = JsonNode.Parse(text)!.AsObject();
            }
            catch (JsonException)
            {
                return $"the gateway sent a frame that is not JSON ({text.Length} chars)";
            }

            if ((string?)frame["type"] != "error")
            {
                continue;
            }

            if (text.Length > MaxErrorFrameChars)
            {
                return $"an error frame of {text.Length} chars (at most {MaxErrorFrameChars}): the gateway echoes too much";
            }

            var requestType = (string?)frame["data"]?["requestType"];
            if (requestType is { Length: > MaxEchoedTypeChars } || requestType?.Any(char.IsControl) == true)
            {
                return $"an error frame echoes a requestType of {requestType.Length} chars, unsanitised";
            }

            if (requestType == probe)
            {
                return null;
            }
        }

        return string.Empty;
    }

    /// <summary>Why the end of the connection was not a proper close; null when it was.</summary>
    private static string? ClosedBadly(DrainingSocket socket) => socket.CloseStatus switch
    {
        null => $"ended without a close frame ({socket.Failure ?? "no reason known"})",
        WebSocketCloseStatus.InternalServerError => "closed with InternalServerError",
        // The runtime itself closes a text frame that is not UTF-8 with 1007 and no reason; every
        // close the gateway makes itself says why.
        WebSocketCloseStatus.InvalidPayloadData => null,
        _ when string.IsNullOrEmpty(socket.CloseDescription) => $"closed with {socket.CloseStatus} and no reason",
        _ => null,
    };
}
