namespace CardActors.Domain.Identifiers;

/// <summary>The ISO/IEC 7812 mod-10 check digit over decimal digits held in an integer.</summary>
public static class Luhn
{
    /// <summary>The check digit to append to <paramref name="payload"/> (the digits without the check digit).</summary>
    public static int ComputeCheckDigit(ulong payload)
    {
        // Counting from the right of the payload, the first digit is doubled because the check
        // digit will take position one of the full number.
        var sum = 0;
        var doubleIt = true;
        while (payload != 0)
        {
            var digit = (int)(payload % 10);
            payload /= 10;
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return (10 - (sum % 10)) % 10;
    }

    /// <summary>True when the last digit of <paramref name="number"/> is the check digit of the rest.</summary>
    public static bool IsValid(ulong number) => ComputeCheckDigit(number / 10) == (int)(number % 10);
}
