namespace Campaigns.Operations;

/// <summary>
/// Files and folders that hold personal data (the store, mail, documents, directories, archives, backups) are made
/// readable by their owner alone: 0600 and 0700, set explicitly, so a default umask of 022 does not leave inspectors'
/// names and contacts readable by every account on the machine. A folder that already existed keeps its mode: it may
/// be shared (/tmp, a home), and only what this process creates is its own to restrict.
/// </summary>
public static class OwnerOnly
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute;

    /// <summary>The folder and each missing parent, created 0700.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); !Directory.Exists(folder); folder = Path.GetDirectoryName(folder)!)
        {
            missing.Push(folder);
        }
        foreach (var folder in missing)
        {
            // Created with the mode (less the umask), then set to it: never readable by others, whatever the umask.
            Directory.CreateDirectory(folder, FolderMode);
            File.SetUnixFileMode(folder, FolderMode);
        }
    }

    /// <summary>The folder that holds <paramref name="file"/>, created 0700 when missing.</summary>
    public static void CreateFolderOf(string file) => CreateFolder(Path.GetDirectoryName(Path.GetFullPath(file))!);

    /// <summary>Writes (or replaces) the file as 0600; the content is never readable by others, not even while being written.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using (var stream = Create(path))
        {
            stream.Write(bytes);
        }
    }

    /// <summary>A new or truncated file, 0600.</summary>
    public static FileStream Create(string path) => Open(path, System.IO.FileMode.Create);

    /// <summary>
    /// A file that must not exist yet, 0600: a staging copy under a name of its own, renamed over its final name once
    /// written. Not <see cref="Create"/>: .NET truncates a created file after opening it, and ext4 answers a truncated
    /// file's close by starting its write-back at once (auto_da_alloc), which showed as about 6 % of sending a message to
    /// the pickup folder.
    /// </summary>
    private static FileStream CreateNew(string path) => Open(path, System.IO.FileMode.CreateNew);

    /// <summary>Writes a new file (see <see cref="CreateNew"/>) as 0600.</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = CreateNew(path);
        stream.Write(bytes);
    }

    private static FileStream Open(string path, System.IO.FileMode mode)
    {
        var stream = OperatingSystem.IsWindows()
            ? new FileStream(path, mode, FileAccess.Write)
            : new FileStream(path, new FileStreamOptions
            {
                Mode = mode, Access = FileAccess.Write, UnixCreateMode = FileMode,
                // A new file is a staging copy under a name of its own, which nobody else opens. Not the default shared lock:
                // for that on a file opened to write, .NET first asks which file system it is (network ones refuse it), one
                // more system call for each of a province year's 160,000 messages and documents.
                Share = mode == System.IO.FileMode.CreateNew ? FileShare.None : FileShare.Read,
            });
        // A file created here has 0600 less the umask, which only ever takes bits away: nothing to restrict. One that
        // existed keeps its mode on opening, so it is set. (A draw day creates some 70,000 files; each chmod is one more
        // change the file system journals.)
        if (mode != System.IO.FileMode.CreateNew)
        {
            Restrict(path);
        }
        return stream;
    }

    /// <summary>An existing file another library wrote (SQLite, SmtpClient), set to 0600; a missing one stays missing.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>
    /// The file, created empty and 0600 when missing, for a library that then writes it: SQLite takes an empty file for a
    /// new database and creates its -wal and -shm with the database file's mode.
    /// </summary>
    public static void Touch(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            new FileStream(path, new FileStreamOptions { Mode = System.IO.FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = FileMode }).Dispose();
        }
        Restrict(path);
    }
}
