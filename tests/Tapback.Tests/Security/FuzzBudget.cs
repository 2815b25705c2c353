using System.Globalization;

namespace Tapback.Tests.Security;

/// <summary>
/// How many cases a fuzz test tries: a default that keeps the normal run short, raised with
/// <c>TAPBACK_FUZZ_CASES</c>; the seed is fixed unless <c>TAPBACK_FUZZ_SEED</c> names another.
/// </summary>
internal static class FuzzBudget
{
    public static int Cases(int normal) =>
        int.TryParse(Environment.GetEnvironmentVariable("TAPBACK_FUZZ_CASES"), NumberStyles.None, CultureInfo.InvariantCulture, out var cases) && cases > 0 ? cases : normal;

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("TAPBACK_FUZZ_SEED"), NumberStyles.None, CultureInfo.InvariantCulture, out var seed) ? seed : 20261123;
}
