namespace Fathom.Serving.Protocol;

/// <summary>
/// The numbers scoring requests mostly carry (<c>-12.375</c>: at most 15 digits, no exponent) converted without the
/// general parser: the digits form an integer m below 2^53 and the value is m / 10^k for k &lt; 16, both exact
/// doubles, so the one correctly rounded division gives exactly the double the general parser returns (Clinger's
/// fast path, which .NET's own parser takes for such numbers after more bookkeeping). At 100 rows a request's
/// number parsing was a tenth of the server's CPU.
/// </summary>
internal static class ShortDecimal
{
    private const int MaxDigits = 15;

    private static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

    /// <summary>Parses a JSON number token (already validated by the reader); false for anything but a short decimal.</summary>
    /// <param name="integral">Whether the text had no fraction part (what pandas reads as an integer).</param>
    public static bool TryParse(ReadOnlySpan<byte> number, out double value, out bool integral)
    {
        value = 0;
        integral = true;
        var i = 0;
        var negative = number.Length > 0 && number[0] == (byte)'-';
        if (negative) i++;
        ulong mantissa = 0;
        int digits = 0, fraction = 0;
        for (; i < number.Length; i++)
        {
            var c = number[i];
            if ((uint)(c - '0') <= 9)
            {
                mantissa = mantissa * 10 + (uint)(c - '0');
                if (++digits > MaxDigits) return false;
                if (!integral) fraction++;
            }
            else if (c == '.' && integral) integral = false;
            else return false;
        }
        if (digits == 0) return false;
        var magnitude = (double)mantissa / PowersOfTen[fraction];
        value = negative ? -magnitude : magnitude;
        return true;
    }
}
