namespace CardActors.Iso8583;

/// <summary>What is wrong with a frame that did not parse.</summary>
public enum Iso8583ErrorKind : byte
{
    None = 0,

    /// <summary>The frame is longer than <see cref="Iso8583Framing.MaxMessageLength"/>.</summary>
    FrameTooLong,

    /// <summary>The frame ends inside the MTI, a bitmap or a field.</summary>
    Truncated,

    /// <summary>A nibble of a numeric (BCD) value is A–F.</summary>
    BadBcdNibble,

    /// <summary>The leading pad nibble of an odd-length numeric value is not 0.</summary>
    NonZeroPadNibble,

    /// <summary>A LLVAR/LLLVAR length prefix is not BCD, or an LLLVAR prefix's leading nibble is not 0.</summary>
    BadLengthPrefix,

    /// <summary>A variable field's length exceeds the specification's maximum.</summary>
    LengthOverMax,

    /// <summary>A variable field is empty.</summary>
    LengthBelowMin,

    /// <summary>A byte is not allowed by the field's format (an, ans) or subfield.</summary>
    InvalidCharacter,

    /// <summary>The bitmap announces a field the specification does not define.</summary>
    UndefinedField,

    /// <summary>The MTI is well formed but not a message type of this specification.</summary>
    UnsupportedMessageType,

    /// <summary>Bit 1 announces a secondary bitmap in which no field is set.</summary>
    EmptySecondaryBitmap,

    /// <summary>Bytes follow the last field the bitmap announces.</summary>
    TrailingBytes,

    /// <summary>Field 64 is used while a secondary bitmap is present: the MAC must be the last field (128).</summary>
    MacNotLast,

    /// <summary>A field mandatory for the message type (and, for 0200, the processing code) is absent.</summary>
    MissingMandatoryField,

    /// <summary>A field is present that the message type does not allow.</summary>
    FieldNotAllowed,

    /// <summary>A field's inner structure (subelements of 48, amount blocks of 54) is malformed.</summary>
    InvalidSubfield,

    /// <summary>A field's value contradicts another field (e.g. entry mode 03x without a payment code).</summary>
    InvalidValue,
}
