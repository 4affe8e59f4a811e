using System.ComponentModel.DataAnnotations;
using MinimaxMusic.Web.Features.Generations;

namespace MinimaxMusic.Web.Tests.Core.Songs;

public sealed class PollingOptionsTests
{
    [Fact]
    public void Defaults_ExpectASongToTakeAMinute_AndAreValid()
    {
        var options = new PollingOptions();

        Assert.Equal(TimeSpan.FromSeconds(60), options.ExpectedDuration);
        Assert.Empty(Validate(options));
    }

    [Theory]
    [InlineData("-00:00:01")]
    [InlineData("01:00:01")]
    public void ExpectedDuration_OutsideZeroToAnHour_IsRejectedNamingTheKey(string value)
    {
        var options = new PollingOptions { ExpectedDuration = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture) };

        var error = Assert.Single(Validate(options));
        Assert.Equal("Polling:ExpectedDuration must be between 00:00:00 and 01:00:00.", error.ErrorMessage);
    }

    private static List<ValidationResult> Validate(PollingOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
