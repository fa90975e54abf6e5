using System.Buffers;
using System.Text.RegularExpressions;
using CardActors.Iso8583;

namespace CardActors.Iso8583.Tests;

/// <summary>
/// The examples of docs/iso8583.md section 14, typed in from the specification (not produced by the
/// codec): each must parse, verify, and rebuild to the same bytes.
/// </summary>
public sealed partial class GoldenVectorTests
{
    public static readonly (string Name, string Hex)[] Vectors =
    [
        ("0800 sign-on",
            "0040 0800 8220000100C00000 0400000000000001 1122093000 000101 08 12345678 5445524D30303031 " +
            "4D45524348414E54303030303030 31 0001 F3011691A2739363"),
        ("0810 sign-on approved",
            "0042 0810 8220000102C00000 0400000000000001 1122093000 000101 08 12345678 3030 5445524D30303031 " +
            "4D45524348414E54303030303030 31 0001 CB88DF34FB3B1912"),
        ("0200 purchase",
            "005D 0200 7238040108C08001 16 6277000000000011 000000 000000002500 1122093010 000102 173010 1122 0072 " +
            "08 12345678 303030303030303030313032 5445524D30303031 4D45524348414E54303030303030 31 0156 FAB4C1A0BC69FB0A"),
        ("0210 purchase approved",
            "0084 0210 323800010EC08401 000000 000000002500 1122093010 000102 173010 1122 08 12345678 " +
            "303030303030303030313032 413142324333 3030 5445524D30303031 4D45524348414E54303030303030 31 0156 " +
            "0040 3030303131353643303030303030303037353030 3030303231353643303030303030303037353030 05465BAA1C1F0065"),
        ("0100 authorization with payment code",
            "006F 0100 3238040108C18001 000000 000000010000 1122093020 000103 173020 1122 0032 08 12345678 " +
            "303030303030303030313033 5445524D30303031 4D45524348414E54303030303030 31 " +
            "0025 5043303230 3838303132333435363738393031414243444546 0156 BAC3B356358A4F7E"),
        ("0110 authorization approved",
            "0070 0110 323800010EC08401 000000 000000010000 1122093020 000103 173020 1122 08 12345678 " +
            "303030303030303030313033 483030313033 3030 5445524D30303031 4D45524348414E54303030303030 31 0156 " +
            "0020 3030303231353643303030303030303031303030 843E976B296498C3"),
        ("0400 reversal of the purchase",
            "006A 0400 B220000108C08000 0000004000000001 000000 000000002500 1122093045 000104 08 12345678 " +
            "303030303030303030313032 5445524D30303031 4D45524348414E54303030303030 31 0156 " +
            "020000010211220930100001234567800000000000 D9E05DB8A09515D5"),
        ("0410 reversal approved",
            "004F 0410 322000010AC08001 000000 000000002500 1122093045 000104 08 12345678 303030303030303030313032 " +
            "3030 5445524D30303031 4D45524348414E54303030303030 31 0156 207B72041D9CB56A"),
        ("0200 with a bad nibble in field 4",
            "005D 0200 7238040108C08001 16 6277000000000011 000000 00000000250A 1122093100 000105 173010 1122 0072 " +
            "08 12345678 303030303030303030313035 5445524D30303031 4D45524348414E54303030303030 31 0156 153D0BDD9715E6E9"),
        ("0210 format error",
            "003C 0210 022000010AC00000 1122093100 000105 08 12345678 303030303030303030313035 3330 " +
            "5445524D30303031 4D45524348414E54303030303030 31"),
    ];

    public static IEnumerable<object[]> Valid() =>
        Vectors.Where(v => !v.Name.Contains("bad nibble", StringComparison.Ordinal)).Select(v => new object[] { v.Name });

    [Theory]
    [MemberData(nameof(Valid))]
    public void Golden_vector_parses_verifies_and_rebuilds_byte_identical(string name)
    {
        var framed = Wire.Hex(Vectors.Single(v => v.Name == name).Hex);
        using var message = new Iso8583Message();

        Assert.True(message.TryParse(Wire.Body(framed), out var error), error.ToString());
        var key = message.MacField == 0 ? null : Samples.Key;
        if (key is not null)
        {
            Assert.True(Iso8583Mac.Verify(message, key));
        }

        Assert.Equal(Wire.ToHex(framed), Wire.ToHex(Wire.Rebuild(message, key)));
    }

    [Fact]
    public void Golden_format_error_request_is_answered_with_the_golden_format_error_response()
    {
        var request = Wire.Hex(Vectors.Single(v => v.Name == "0200 with a bad nibble in field 4").Hex);
        var expected = Wire.Hex(Vectors.Single(v => v.Name == "0210 format error").Hex);
        using var message = new Iso8583Message();

        Assert.False(message.TryParse(Wire.Body(request), out var error));
        Assert.Equal(Iso8583ErrorKind.BadBcdNibble, error.Kind);
        Assert.Equal(FieldNumber.Amount, error.Field);
        Assert.Equal(0x1B, error.Offset);
        Assert.Equal("field 4: nibble at offset 27 is not a decimal digit", error.ToString());

        using var builder = new Iso8583MessageBuilder();
        var writer = new ArrayBufferWriter<byte>();
        builder.BeginFormatErrorResponse(message).WriteFramedTo(writer);
        Assert.Equal(Wire.ToHex(expected), Wire.ToHex(writer.WrittenSpan));
    }

    [Fact]
    public void Golden_vectors_are_the_examples_of_the_specification()
    {
        var documented = DocumentedFrames();
        Assert.Equal(Vectors.Length, documented.Count);
        for (var i = 0; i < Vectors.Length; i++)
        {
            Assert.Equal(Wire.ToHex(Wire.Hex(Vectors[i].Hex)), documented[i]);
        }
    }

    [Fact]
    public void Golden_macs_match_hmac_sha256_computed_directly()
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        foreach (var (name, hex) in Vectors.Where(v => !v.Name.Contains("format error", StringComparison.Ordinal)))
        {
            var framed = Wire.Hex(hex);
            var covered = framed.AsSpan(2, framed.Length - 2 - 8).ToArray();
            var expected = hmac.ComputeHash(covered).AsSpan(0, 8).ToArray();
            var isStale = name.Contains("bad nibble", StringComparison.Ordinal);
            Assert.Equal(!isStale, expected.AsSpan().SequenceEqual(framed.AsSpan(framed.Length - 8)));
        }
    }

    /// <summary>Concatenates the byte column of every annotated example table in docs/iso8583.md.</summary>
    private static List<string> DocumentedFrames()
    {
        var frames = new List<string>();
        System.Text.StringBuilder? current = null;
        foreach (var line in File.ReadLines(SpecificationPath()))
        {
            if (line.StartsWith(" off | bytes", StringComparison.Ordinal))
            {
                current = new System.Text.StringBuilder();
                continue;
            }

            if (current is null)
            {
                continue;
            }

            var row = TableRow().Match(line);
            if (row.Success)
            {
                current.Append(row.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal));
            }
            else if (line.StartsWith("```", StringComparison.Ordinal))
            {
                frames.Add(current.ToString());
                current = null;
            }
        }

        return frames;
    }

    private static string SpecificationPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "iso8583.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/iso8583.md not found above the test directory.");
    }

    [GeneratedRegex(@"^ *(?:--|[0-9A-F]{4}) \| ((?:[0-9A-F]{2} ?)+?)\s*\|")]
    private static partial Regex TableRow();
}
