using Microsoft.Playwright;

namespace Tapback.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, launched once for every browser test through Playwright (no browser download).
/// A machine without it fails the tests with the command that fixes it; browser tests never skip.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class Chromium : IAsyncLifetime, ICollectionFixture<Chromium>
{
    public const string Collection = "Chromium";
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not been launched yet.");

    /// <summary>Where screenshots go: TestResults/screenshots under the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ExecutablePath}. Run the README's test command, " +
                "or install it with `sudo apt-get install -y chromium`, then run the tests again.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>A fresh context (own storage, own cookies) with one page, sized like a desktop window.</summary>
    public async Task<IPage> NewPageAsync(Uri baseAddress, ColorScheme colorScheme = ColorScheme.Light)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = 1100, Height = 920 },
            ColorScheme = colorScheme,
        });
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png") });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
