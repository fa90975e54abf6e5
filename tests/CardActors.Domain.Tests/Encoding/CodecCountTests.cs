using CardActors.Domain.Encoding;

namespace CardActors.Domain.Tests.Encoding;

public sealed class CodecCountTests
{
    [Fact]
    public void A_count_larger_than_the_bytes_left_can_hold_is_refused_before_anything_is_sized_by_it()
    {
        var error = Assert.Throws<CodecException>(() =>
        {
            var reader = new CodecReader([0xFF, 0xFF, 1, 2, 3]);
            return reader.ReadCount(25);
        });

        Assert.Contains("65535 items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_count_that_fits_is_read_as_written()
    {
        var reader = new CodecReader([2, 0, 1, 2, 3, 4]);

        Assert.Equal(2, reader.ReadCount(2));
        Assert.Equal(4, reader.Remaining);
    }
}
