using System.Formats.Tar;
using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json.Nodes;

namespace Tapback.Tests.Hosting.Packaging;

/// <summary>
/// An image as the SDK writes it to <c>ContainerArchiveOutputPath</c>, the archive <c>docker load</c> reads:
/// <c>manifest.json</c> (<c>[{Config, RepoTags, Layers}]</c>), the configuration JSON it names, and each layer's
/// tar (gzipped as the registry blob was).
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class ImageArchive
{
    private ImageArchive(IReadOnlyList<string> tags, JsonObject configuration, IReadOnlyList<byte[]> layers)
    {
        Tags = tags;
        Configuration = configuration;
        Layers = layers;
    }

    public IReadOnlyList<string> Tags { get; }

    /// <summary>The whole configuration; <see cref="Config"/> is its <c>config</c> part (User, Env, Entrypoint…).</summary>
    public JsonObject Configuration { get; }

    public JsonObject Config => Configuration["config"]!.AsObject();

    /// <summary>Each layer's tar, uncompressed, base image first.</summary>
    public IReadOnlyList<byte[]> Layers { get; }

    /// <summary>The <c>Env</c> entries as a dictionary.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Config["Env"]!.AsArray().Select(entry => ((string)entry!).Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

    public static async Task<ImageArchive> ReadAsync(string path)
    {
        var files = new Dictionary<string, byte[]>();
        await using (var stream = File.OpenRead(path))
        await using (var reader = new TarReader(stream))
        {
            while (await reader.GetNextEntryAsync() is { } entry)
            {
                if (entry.DataStream is { } data)
                {
                    using var copy = new MemoryStream();
                    await data.CopyToAsync(copy);
                    files[entry.Name] = copy.ToArray();
                }
            }
        }

        // manifest.json's keys, as `docker save` writes them.
        const string config = "Config", repoTags = "RepoTags", layerPaths = "Layers";
        var manifest = JsonNode.Parse(files["manifest.json"])!.AsArray().Single()!;
        var configuration = JsonNode.Parse(files[(string)manifest[config]!])!.AsObject();
        var tags = manifest[repoTags]!.AsArray().Select(tag => (string)tag!).ToList();
        var layers = manifest[layerPaths]!.AsArray().Select(layer => Uncompressed(files[(string)layer!])).ToList();
        return new ImageArchive(tags, configuration, layers);
    }

    /// <summary>The entries of a layer: path (without a leading <c>/</c> or <c>./</c>), owner and mode.</summary>
    public static IReadOnlyList<(string Path, int Owner, UnixFileMode Mode, TarEntryType Type)> Entries(byte[] layer)
    {
        var entries = new List<(string, int, UnixFileMode, TarEntryType)>();
        using var reader = new TarReader(new MemoryStream(layer));
        while (reader.GetNextEntry() is { } entry)
        {
            entries.Add((Normalise(entry.Name), entry.Uid, entry.Mode, entry.EntryType));
        }

        return entries;
    }

    /// <summary>Writes a layer's files under <paramref name="root"/>, as a container runtime unpacks it.</summary>
    public static async Task ExtractAsync(byte[] layer, string root)
    {
        await using var reader = new TarReader(new MemoryStream(layer));
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            var target = Path.Combine(root, Normalise(entry.Name));
            if (entry.EntryType == TarEntryType.Directory)
            {
                Directory.CreateDirectory(target);
                File.SetUnixFileMode(target, entry.Mode);
            }
            else if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await entry.ExtractToFileAsync(target, overwrite: true);
            }
        }
    }

    private static string Normalise(string name) => name.TrimStart('.').TrimStart('/').TrimEnd('/');

    private static byte[] Uncompressed(byte[] layer)
    {
        if (layer is not [0x1f, 0x8b, ..])
        {
            return layer;
        }

        using var gzip = new GZipStream(new MemoryStream(layer), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gzip.CopyTo(plain);
        return plain.ToArray();
    }
}
