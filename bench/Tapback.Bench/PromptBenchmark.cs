using System.Collections.Concurrent;
using System.Globalization;

namespace Tapback.Bench;

/// <summary>
/// Prompt size as one conversation grows: one phone texts Tapback turn after turn (each answered by the
/// instant model before the next) until the conversation holds the asked number of messages; every
/// prompt the model receives is measured the way Tapback's budget counts it. Baselines: the budget and
/// the first turn's prompt.
/// </summary>
internal static class PromptBenchmark
{
    private const int Budget = 8_000;
    private static readonly int[] Rows = [10, 50, 100, 250, 500, 1_000, 2_000, 5_000];

    public static async Task<int> RunAsync(string dll, int messages)
    {
        var turns = new ConcurrentQueue<ModelRequest>();
        var summaries = new ConcurrentQueue<ModelRequest>();
        await using var model = await InstantModel.StartAsync(request => (request.IsSummary ? summaries : turns).Enqueue(request));
        var settings = model.Settings();
        settings["Tapback:Agent:PromptTokenBudget"] = Budget.ToString(CultureInfo.InvariantCulture);
        await using var tapback = await TapbackServer.StartAsync(dll, settings);

        const string phone = "+15550001000";
        using var replies = new SemaphoreSlim(0);
        await using var stream = PhoneStream.Open(tapback.Streams, phone, phoneEvent =>
        {
            if (phoneEvent.Type == "message.received")
            {
                replies.Release();
            }
        });

        // Each turn adds the person's message and the model's one-bubble answer.
        var rounds = messages / 2;
        var byTurn = new List<ModelRequest>(rounds);
        for (var turn = 1; turn <= rounds; turn++)
        {
            await tapback.SendAsync(phone, Text(turn));
            if (!await replies.WaitAsync(TimeSpan.FromSeconds(60)))
            {
                Console.Error.WriteLine($"Turn {turn} got no answer within 60 s.");
                return 1;
            }

            byTurn.Add(turns.Last(request => request.Markers().Contains(turn)));
        }

        Print(byTurn, [.. summaries]);
        return 0;
    }

    // About the length of a real text: a sentence or two.
    private static string Text(int turn) =>
        $"Message {turn} #id{turn}#: about Saturday, can we move the dinner to eight and ask Sam to bring the salad?";

    private static void Print(List<ModelRequest> byTurn, ModelRequest[] summaries)
    {
        var first = byTurn[0].EstimatedTokens;
        Console.WriteLine($"Prompt per turn (budget {Budget:N0} tokens; first turn {first:N0} tokens; each answer {InstantModel.Reply.Length} characters, each summary {InstantModel.SummaryReply.Length:N0})");
        Console.WriteLine();
        Console.WriteLine("| messages in the conversation | messages in the prompt | characters | estimated tokens | ÷ first turn | ÷ budget | largest so far (tokens) | request bytes |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in Rows.Where(row => row / 2 <= byTurn.Count))
        {
            var request = byTurn[(row / 2) - 1];
            var largest = byTurn.Take(row / 2).Max(earlier => earlier.EstimatedTokens);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row:N0} | {request.Messages.Count} | {request.Characters:N0} | {request.EstimatedTokens:N0} | {(double)request.EstimatedTokens / first:F2} | {(double)request.EstimatedTokens / Budget:F2} | {largest:N0} | {request.BodyLength:N0} |"));
        }

        var top = byTurn.MaxBy(request => request.EstimatedTokens)!;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Largest turn prompt: {top.EstimatedTokens:N0} tokens (turn {byTurn.IndexOf(top) + 1}). Summary calls: {summaries.Length}, the largest {(summaries.Length == 0 ? 0 : summaries.Max(request => request.EstimatedTokens)):N0} tokens."));
    }
}
