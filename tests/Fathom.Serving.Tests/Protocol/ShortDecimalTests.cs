using System.Globalization;
using System.Text;
using Fathom.Serving.Protocol;

namespace Fathom.Serving.Tests.Protocol;

public sealed class ShortDecimalTests
{
    [Theory]
    [InlineData("0", true)]
    [InlineData("-0", true)]
    [InlineData("-0.0", false)]
    [InlineData("0.1", false)]
    [InlineData("0.30000000000000", false)]
    [InlineData("123456789012345", true)]
    [InlineData("-999999999999999", true)]
    [InlineData("0.00000000000001", false)]
    [InlineData("9007199.25474099", false)]
    [InlineData("-12.375", false)]
    public void Short_decimals_parse_to_the_same_double_as_the_general_parser(string text, bool integral)
    {
        Assert.True(ShortDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var value, out var isIntegral));

        var expected = double.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
        Assert.Equal(integral, isIntegral);
    }

    [Fact]
    public void Random_short_decimals_parse_to_the_same_double_as_the_general_parser()
    {
        var random = new Random(11);
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 16);
            var number = new StringBuilder(random.Next(2) == 0 ? "-" : "");
            var point = random.Next(digits + 1);
            for (var d = 0; d < digits; d++)
            {
                if (d == point && d > 0) number.Append('.');
                number.Append((char)('0' + (d == 0 && point != 1 && digits > 1 ? random.Next(1, 10) : random.Next(10))));
            }
            var text = number.ToString();

            Assert.True(ShortDecimal.TryParse(Encoding.ASCII.GetBytes(text), out var value, out _), text);
            Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
        }
    }

    [Theory]
    [InlineData("1234567890123456")]
    [InlineData("0.1234567890123456")]
    [InlineData("1e5")]
    [InlineData("1.5E-3")]
    public void Long_numbers_and_exponents_are_left_to_the_general_parser(string text)
    {
        Assert.False(ShortDecimal.TryParse(Encoding.ASCII.GetBytes(text), out _, out _));
    }
}
