using System.Text;

namespace CardActors.Journal.Sqlite;

/// <summary>A reusable buffer for binding strings as UTF-8 without allocating per statement.</summary>
internal sealed class Utf8Scratch
{
    private byte[] _buffer = new byte[128];

    /// <summary>The text's bytes, valid until the next call.</summary>
    public ReadOnlySpan<byte> Encode(string text)
    {
        var length = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_buffer.Length < length)
        {
            _buffer = new byte[Math.Max(length, _buffer.Length * 2)];
        }

        return _buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, _buffer));
    }
}
