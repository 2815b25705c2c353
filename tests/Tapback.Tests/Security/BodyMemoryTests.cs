using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Tapback.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tapback.Tests.Security;

/// <summary>
/// Large unauthenticated bodies cannot grow the gateway: 24 bodies of 28 MB sent at once to the
/// sign-in endpoints raise the working set of a separate Tapback process by less than 100 MB.
/// </summary>
public sealed class BodyMemoryTests(ITestOutputHelper output)
{
    private const long BodyBytes = 28L * 1024 * 1024;
    private const long AllowedGrowth = 100L * 1024 * 1024;

    [Fact]
    public async Task SignIn_24BodiesOf28MB_WorkingSetGrowsLessThan100MB()
    {
        var dataDirectory = Directory.CreateTempSubdirectory("tapback-memory-").FullName;
        try
        {
            await using var tapback = await TapbackProcess.StartAsync(dataDirectory, new Dictionary<string, string>
            {
                ["Tapback:Agent:Provider"] = "offline",
                ["Tapback:Admin:Token"] = "memory-admin-token-0123456789abcdef",
                // The address limit would refuse most of the 24 before their body is read; the test wants the body read.
                ["Tapback:Gateway:Pairing:ExchangePermitLimit"] = "1000",
            });
            // Warm the paths once, so what is measured is the bodies, not the first JIT of the handlers.
            using (var warm = await SendAsync(tapback.BaseAddress, "/auth/exchange", 64))
            {
                Assert.True((int)warm.StatusCode < 500);
            }

            var before = tapback.WorkingSetBytes();
            long peak = before;
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, tapback.WorkingSetBytes());
                    await Task.Delay(20, CancellationToken.None);
                }
            });

            var statuses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async index =>
            {
                try
                {
                    using var response = await SendAsync(tapback.BaseAddress, index % 2 == 0 ? "/auth/exchange" : "/api/dashboard/signin", BodyBytes);
                    return (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    // Refused and closed before the whole body was written: the server did not take it.
                    return 0;
                }
            }));
            await sampling.CancelAsync();
            await sampler;
            var after = tapback.WorkingSetBytes();

            output.WriteLine($"Working set: {before / 1048576} MB before, {peak / 1048576} MB at the peak, {after / 1048576} MB after; statuses {string.Join(",", statuses)}.");
            Assert.All(statuses, status => Assert.True(status is 0 or 413, $"answered {status}"));
            Assert.True(peak - before < AllowedGrowth, $"The working set grew by {(peak - before) / 1048576} MB (limit 100 MB).");
            Assert.True(after - before < AllowedGrowth, $"The working set stayed {(after - before) / 1048576} MB above its start.");
        }
        finally
        {
            await TestStore.DropAsync(dataDirectory);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(Uri baseAddress, string path, long bytes)
    {
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var content = new RepeatedBodyContent(bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        return await client.SendAsync(request);
    }

    /// <summary>A JSON body of any length written from one small buffer, so the test itself holds nothing.</summary>
    private sealed class RepeatedBodyContent : HttpContent
    {
        private static readonly byte[] Head = "{\"phone\":\"+15550100001\",\"token\":\""u8.ToArray();
        private static readonly byte[] Tail = "\",\"code\":\"123456\"}"u8.ToArray();
        private readonly long _length;

        public RepeatedBodyContent(long length)
        {
            _length = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
            Headers.ContentLength = length;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            await stream.WriteAsync(Head);
            var left = _length - Head.Length - Tail.Length;
            while (left > 0)
            {
                var size = (int)Math.Min(chunk.Length, left);
                await stream.WriteAsync(chunk.AsMemory(0, size));
                left -= size;
            }

            await stream.WriteAsync(Tail);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }
    }
}
