using System.Security.Cryptography;
using System.Text;
using CardActors.Domain.Identifiers;

namespace CardActors.Node.Merchants;

/// <summary>
/// Derives each terminal's MAC key from the issuer's master secret and the key version its
/// merchant's journal records: HMAC-SHA256(master, "cardactors/terminal-key/v1|merchant|terminal|version").
/// No key material is ever journaled; rotating a key is a new version. The master secret is read
/// from a file (created with fresh random bytes, owner-only, on first start) and never logged.
/// </summary>
public sealed class TerminalKeys
{
    private readonly byte[] _master;

    public TerminalKeys(byte[] master)
    {
        if (master.Length < 32)
        {
            throw new ArgumentException("The terminal master secret must be at least 32 bytes.", nameof(master));
        }

        _master = master;
    }

    public static TerminalKeys FromFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var fresh = RandomNumberGenerator.GetBytes(32);
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(full, create))
            {
                file.Write(Encoding.ASCII.GetBytes(Convert.ToHexString(fresh)));
            }
        }

        var text = File.ReadAllText(full).Trim();
        try
        {
            return new TerminalKeys(Convert.FromHexString(text));
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"CardActors:Iso8583:MasterKeyFile: '{full}' must hold the master secret as hex.", exception);
        }
    }

    /// <summary>The 32-byte key of a terminal at a key version (0 means none).</summary>
    public byte[] KeyOf(MerchantId merchant, TerminalId terminal, int version)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        var label = Encoding.ASCII.GetBytes($"cardactors/terminal-key/v1|{merchant}|{terminal}|{version}");
        return HMACSHA256.HashData(_master, label);
    }
}
