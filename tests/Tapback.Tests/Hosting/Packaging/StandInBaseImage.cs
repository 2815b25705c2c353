using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Tapback.Tests.Hosting.Packaging;

/// <summary>
/// A stand-in for <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>, which this machine cannot reach: one layer with
/// what the image's build relies on of it (the user <c>app</c>, 1654, who owns <c>/home/app</c>) and its
/// configuration's environment (APP_UID, ASPNETCORE_HTTP_PORTS=8080, DOTNET_RUNNING_IN_CONTAINER), as
/// dotnet/dotnet-docker's runtime-deps Dockerfile makes them. No runtime: the test runs the image's files on
/// this machine's .NET, since a runtime copied in here would test this copy, not Microsoft's image.
/// </summary>
internal sealed class StandInBaseImage
{
    public const int AppUid = 1654;

    private StandInBaseImage(byte[] manifest, IReadOnlyDictionary<string, byte[]> blobs)
    {
        Manifest = manifest;
        Blobs = blobs;
    }

    /// <summary>The image manifest (Docker's schema 2), as a registry serves it.</summary>
    public byte[] Manifest { get; }

    public static string ManifestMediaType => "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>The configuration and the layer, by digest (<c>sha256:…</c>).</summary>
    public IReadOnlyDictionary<string, byte[]> Blobs { get; }

    public static StandInBaseImage Create()
    {
        var layer = Layer();
        var compressed = Gzip(layer);
        var config = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["architecture"] = "amd64",
            ["os"] = "linux",
            ["config"] = new JsonObject
            {
                ["Env"] = new JsonArray(
                    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    $"APP_UID={AppUid}",
                    "ASPNETCORE_HTTP_PORTS=8080",
                    "DOTNET_RUNNING_IN_CONTAINER=true"),
            },
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = new JsonArray(Digest(layer)) },
            ["history"] = new JsonArray(new JsonObject { ["created_by"] = "Tapback's test: a stand-in for mcr.microsoft.com/dotnet/aspnet:10.0" }),
        }.ToJsonString());
        var manifest = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestMediaType,
            ["config"] = new JsonObject
            {
                ["mediaType"] = "application/vnd.docker.container.image.v1+json",
                ["size"] = config.Length,
                ["digest"] = Digest(config),
            },
            ["layers"] = new JsonArray(new JsonObject
            {
                ["mediaType"] = "application/vnd.docker.image.rootfs.diff.tar.gzip",
                ["size"] = compressed.Length,
                ["digest"] = Digest(compressed),
            }),
        }.ToJsonString());
        return new StandInBaseImage(manifest, new Dictionary<string, byte[]> { [Digest(config)] = config, [Digest(compressed)] = compressed });
    }

    public static string Digest(byte[] content) => $"sha256:{Convert.ToHexStringLower(SHA256.HashData(content))}";

    private static byte[] Layer()
    {
        using var stream = new MemoryStream();
        using (var writer = new TarWriter(stream, TarEntryFormat.Pax, leaveOpen: true))
        {
            Folder(writer, "etc/", 0, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            File(writer, "etc/passwd", $"root:x:0:0:root:/root:/bin/sh\napp:x:{AppUid}:{AppUid}::/home/app:/bin/sh\n");
            File(writer, "etc/group", $"root:x:0:\napp:x:{AppUid}:\n");
            Folder(writer, "home/", 0, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            Folder(writer, "home/app/", AppUid, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }

        return stream.ToArray();
    }

    private static void Folder(TarWriter writer, string name, int owner, UnixFileMode mode) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, name) { Uid = owner, Gid = owner, Mode = mode });

    private static void File(TarWriter writer, string name, string text) =>
        writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name)
        {
            Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
            DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)),
        });

    private static byte[] Gzip(byte[] content)
    {
        using var stream = new MemoryStream();
        using (var gzip = new GZipStream(stream, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return stream.ToArray();
    }
}
