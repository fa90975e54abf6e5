namespace CardActors.Iso8583;

/// <summary>The first two digits of field 22, POS entry mode (the third digit is the PIN entry capability).</summary>
public enum PanEntryMode : byte
{
    Unspecified = 0,
    Manual = 1,
    MagneticStripe = 2,

    /// <summary>03: bar code / QR scanned — the payment code travels in field 48 instead of a PAN in field 2.</summary>
    PaymentCode = 3,
    Chip = 5,
    Contactless = 7,
}
