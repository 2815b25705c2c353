using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Tapback.Storage;

namespace Tapback.Gateway.Nodes;

/// <summary>
/// Who this process is among the store's nodes: a durable <see cref="NodeId"/> that a restart keeps,
/// and an <see cref="Incarnation"/> new at every start, which every lease it takes names (<see cref="NewLeaseOwner"/>).
/// </summary>
internal sealed class NodeIdentity : IDisposable
{
    private const int MaxSlots = 64;

    // Held open for the process's life: the operating system lets go of it when the process dies,
    // however it dies, so the next process on this data directory may take the same id.
    private readonly FileStream? _slot;

    private long _claims;

    public NodeIdentity(IOptions<NodeOptions> options, IOptions<StorageOptions> storage)
    {
        if (options.Value.Id is { Length: > 0 } configured)
        {
            NodeId = configured;
        }
        else
        {
            (_slot, var id) = TakeSlot(Path.Combine(Path.GetFullPath(storage.Value.DataDirectory), "node"));
            NodeId = $"{Environment.MachineName}-{id}";
        }

        Incarnation = $"{NodeId}/{Guid.NewGuid():N}";
    }

    public string NodeId { get; }

    /// <summary>This process's start; every lease owner it hands out begins with it.</summary>
    public string Incarnation { get; }

    /// <summary>
    /// The lease owner of one claim: the incarnation, <see cref="NodeLeases.ClaimSeparator"/>, and a
    /// number new to this claim. A node runs many claims at once, and a claim whose lease ran out may
    /// still be working when another claim of the same node leases its rows again: only an owner of
    /// its own lets the store tell the two apart, so the stale one can no longer send or reschedule.
    /// The incarnation in front keeps the node rule (<see cref="NodeLeases"/>) covering every claim.
    /// </summary>
    public string NewLeaseOwner() => $"{Incarnation}{NodeLeases.ClaimSeparator}{Interlocked.Increment(ref _claims)}";

    public void Dispose() => _slot?.Dispose();

    // Several processes may run on one data directory (tests do; so may a careless deploy): each takes
    // the first slot no live process holds, so two at once never share an id, and a restarted one
    // takes the slot its dead predecessor held.
    private static (FileStream Slot, string Id) TakeSlot(string folder)
    {
        DataDirectory.CreateFolder(folder);
        for (var slot = 0; slot < MaxSlots; slot++)
        {
            FileStream stream;
            try
            {
                var file = DataDirectory.NewFile(FileMode.OpenOrCreate, FileAccess.ReadWrite);
                file.Share = FileShare.None;
                stream = new FileStream(Path.Combine(folder, $"{slot}.id"), file);
            }
            catch (IOException)
            {
                continue;
            }

            using var reader = new StreamReader(stream, leaveOpen: true);
            var id = reader.ReadToEnd().Trim();
            if (id.Length == 0)
            {
                id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
                stream.SetLength(0);
                using var writer = new StreamWriter(stream, leaveOpen: true);
                writer.Write(id);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            return (stream, id);
        }

        throw new InvalidOperationException(
            $"{MaxSlots} processes already run on the data directory {folder}; give this one its own Tapback:DataDirectory or a Tapback:Node:Id.");
    }
}
