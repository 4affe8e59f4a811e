using System.Globalization;
using System.Reflection;
using System.Text.Json;
using MinimaxMusic.Simulator;
using MinimaxMusic.Web.Tests.Process;

namespace MinimaxMusic.Web.Tests.Operations;

/// <summary>
/// appsettings.example.json is the sysadmin's reference: every key the app binds is in it, with its real default
/// and a "//Key" line saying what it means. A new setting without documentation fails here.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConfigurationDocumentationTests
{
    private static readonly JsonElement Example = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(PublishedAppFixture.RepositoryRoot, "appsettings.example.json"))).RootElement;

    public static TheoryData<string, string> Settings()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in OptionsTypes())
        {
            foreach (var property in Bindable(type))
            {
                data.Add(type.FullName!, property.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void EverySetting_IsDocumentedWithItsDefault(string typeName, string propertyName)
    {
        var type = OptionsTypes().Single(t => t.FullName == typeName);
        var section = (string)type.GetField("SectionName")!.GetValue(null)!;
        var property = type.GetProperty(propertyName)!;

        Assert.True(Example.TryGetProperty(section, out var documented), $"appsettings.example.json has no \"{section}\" section.");
        Assert.True(documented.TryGetProperty(propertyName, out var value), $"{section}:{propertyName} is not in appsettings.example.json.");
        Assert.True(documented.TryGetProperty("//" + propertyName, out var meaning) && meaning.GetString()!.Length > 20,
            $"{section}:{propertyName} has no \"//{propertyName}\" line explaining it.");
        Assert.Equal(Normalize(property.GetValue(Activator.CreateInstance(type, nonPublic: true))), Normalize(value));
    }

    [Fact]
    public void TheExample_HasNoKeysTheAppDoesNotRead()
    {
        var known = OptionsTypes().ToDictionary(t => (string)t.GetField("SectionName")!.GetValue(null)!, t => Bindable(t).Select(p => p.Name).ToHashSet());
        string[] framework = ["ConnectionStrings", "Metrics", "Logging"];

        foreach (var section in Example.EnumerateObject().Where(s => !s.Name.StartsWith("//", StringComparison.Ordinal)))
        {
            if (framework.Contains(section.Name))
            {
                continue;
            }

            Assert.True(known.ContainsKey(section.Name), $"appsettings.example.json documents a section \"{section.Name}\" nothing reads.");
            foreach (var key in section.Value.EnumerateObject().Where(k => !k.Name.StartsWith("//", StringComparison.Ordinal)))
            {
                Assert.True(known[section.Name].Contains(key.Name), $"appsettings.example.json documents {section.Name}:{key.Name}, which nothing reads.");
            }
        }
    }

    private static IEnumerable<Type> OptionsTypes() =>
        new[] { typeof(Program).Assembly, typeof(SimulatorOptions).Assembly, typeof(PollingOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } && t.Name.EndsWith("Options", StringComparison.Ordinal))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IEnumerable<PropertyInfo> Bindable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.SetMethod!.IsPublic || p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(IList<>));

    private static string Normalize(object? value) => value switch
    {
        null => string.Empty,
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list and not string => string.Join(",", list.Cast<object>()),
        _ => value.ToString()!,
    };

    private static string Normalize(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => string.Empty,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetDecimal().ToString(CultureInfo.InvariantCulture),
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(e => e.GetString())),
        _ => value.GetString()!,
    };
}
