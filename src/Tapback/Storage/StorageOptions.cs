namespace Tapback.Storage;

/// <summary>Where Tapback keeps its state: <c>Tapback:DataDirectory</c> and <c>Tapback:Storage</c>.</summary>
internal sealed class StorageOptions
{
    /// <summary>The folder of the SQLite file and of stored attachments.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary><c>sqlite</c> (the default). PostgreSQL arrives with several-node deployments.</summary>
    public string Provider { get; set; } = "sqlite";

    public string DatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "tapback.db");

    public string AttachmentsDirectory => Path.Combine(Path.GetFullPath(DataDirectory), "attachments");
}
